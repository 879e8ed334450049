import { NumberValue } from '@aws-sdk/lib-dynamodb';
import { toCents } from '../../domain/money';

/** Conversions between DynamoDB attribute values (numbers wrapped as NumberValue) and domain values. */

export function decimalAttr(value: string | null): NumberValue | null {
  return value === null ? null : NumberValue.from(value);
}

function numberText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof NumberValue) return value.value;
  if (typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  return String(value);
}

/** DynamoDB normalises "12.50" to "12.5"; money always leaves the store with two decimals. */
export function readMoney(value: unknown): string | null {
  const text = numberText(value);
  return text === null ? null : toCents(text);
}

export function readInt(value: unknown): number {
  const text = numberText(value);
  return text === null ? 0 : Number.parseInt(text, 10);
}

export function readString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

export function readStringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function readJson(value: unknown): Record<string, unknown> | null {
  return typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : null;
}
