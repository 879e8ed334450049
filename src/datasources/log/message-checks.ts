import type { LogMessage } from './log';

/**
 * The message checks every Log implementation makes before producing: a bad key or header would
 * otherwise be coerced differently by each client (and land on a different partition).
 */
export function assertValidMessage(topic: string, message: LogMessage): void {
  if (!Buffer.isBuffer(message.value))
    throw new TypeError(`produce(${topic}): message value must be a Buffer`);
  const key: unknown = message.key;
  if (key !== null && key !== undefined && typeof key !== 'string') {
    throw new TypeError(`produce(${topic}): message key must be a string or null`);
  }
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (typeof value !== 'string') throw new TypeError(`produce(${topic}): header ${name} must be a string`);
  }
}
