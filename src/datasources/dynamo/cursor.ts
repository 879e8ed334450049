import { InvalidCursorError } from './read-model';

/**
 * Cursors are the DynamoDB position of the last item returned, base64url-encoded with a version
 * tag, so pages stay stable while new transactions arrive at the head.
 */
const TAG = 'c1';

export function encodeCursor(position: Record<string, string>): string {
  return Buffer.from(JSON.stringify([TAG, position])).toString('base64url');
}

export function decodeCursor(cursor: string, expectedKeys: readonly string[]): Record<string, string> {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(parsed) || parsed[0] !== TAG || typeof parsed[1] !== 'object' || parsed[1] === null) {
      throw new InvalidCursorError();
    }
    const position = parsed[1] as Record<string, unknown>;
    const keys = Object.keys(position).sort();
    if (
      keys.join() !== [...expectedKeys].sort().join() ||
      keys.some((k) => typeof position[k] !== 'string')
    ) {
      throw new InvalidCursorError();
    }
    return position as Record<string, string>;
  } catch {
    throw new InvalidCursorError();
  }
}
