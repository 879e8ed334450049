// Frozen copy of src/domain/json-shape.ts at 7e0dc0f, the reference for enrichment-equivalence.test.ts (see README.md).
/** Shape checks for values that came out of JSON.parse (or from any caller: they must not throw). */

/** A non-null, non-array object whose prototype is Object.prototype or null (what JSON.parse makes). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The own property `key`, or undefined; inherited properties such as `toString` never count. */
export function ownValue(obj: Record<string, unknown>, key: string): unknown {
  return hasOwn.call(obj, key) ? obj[key] : undefined;
}

/**
 * Checks nesting before anything recursive (JSON.stringify, DynamoDB marshalling) touches the
 * value. Iterative, so a 10 000-level input cannot overflow the call stack; the value itself is
 * depth 1. Returns 'depth' when objects/arrays nest deeper than `maxDepth` (a cycle nests
 * forever, so it lands here too) and 'size' after `maxContainers` objects/arrays, which bounds
 * the work on shared-reference graphs that JSON.parse can never produce but a caller could.
 */
export function nestingProblem(
  value: unknown,
  maxDepth: number,
  maxContainers: number,
): 'depth' | 'size' | null {
  if (typeof value !== 'object' || value === null) return null;
  const stack: object[] = [value];
  const depths: number[] = [1];
  let seen = 0;
  while (stack.length > 0) {
    const node = stack.pop() as object;
    const depth = depths.pop() as number;
    if (depth > maxDepth) return 'depth';
    if (++seen > maxContainers) return 'size';
    const children: unknown[] = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) {
        stack.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return null;
}
