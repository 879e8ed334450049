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

/** A number as DynamoDB returns it with at most two decimals: "12", "12.5", "-3.07", "0". */
const PLAIN_MONEY = /^(-?)(0|[1-9]\d{0,17})(?:\.(\d{1,2}))?$/;

/**
 * DynamoDB normalises "12.50" to "12.5"; money always leaves the store with two decimals. Stored
 * money never has more than two, so padding the text is the whole job; decimal.js (rounding) only
 * sees anything else. A page of transactions reads hundreds of amounts, and the decimal.js round
 * trip was 3.6 % of the dashboard query's CPU.
 */
export function readMoney(value: unknown): string | null {
  const text = numberText(value);
  if (text === null) return null;
  const plain = PLAIN_MONEY.exec(text);
  if (plain === null) return toCents(text);
  const [, sign, units, fraction = ''] = plain;
  const cents = fraction.padEnd(2, '0');
  return sign === '-' && units === '0' && cents === '00' ? '0.00' : `${sign}${units}.${cents}`;
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
