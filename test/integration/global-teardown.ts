/**
 * Jest globalTeardown for the integration project: stops the servers that global-setup.ts
 * started. Jest runs it whether tests passed or failed.
 */
import type { StackHandle } from './stack';

declare global {
  var __TXGRAPH_IT_STACK__: StackHandle | undefined;
}

export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.__TXGRAPH_IT_STACK__;
  if (!stack) return; // external stack (TXGRAPH_IT_STACK_ENV) or setup failed: nothing of ours
  globalThis.__TXGRAPH_IT_STACK__ = undefined;
  await stack.stop();
}
