// @types/react is not a dependency; these pages only create elements and mount a root.
declare module 'react' {
  export function createElement(type: unknown, props?: Record<string, unknown> | null): unknown;
}
declare module 'react-dom/client' {
  export function createRoot(container: Element): { render(element: unknown): void };
}
