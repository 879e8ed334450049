import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROLES, type ApiKey, type Principal, type Role } from './principal';

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** A short, non-secret fingerprint of a key: safe to log and to show in errors. */
export function keyIdOf(key: string): string {
  return sha256(key).toString('hex').slice(0, 8);
}

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * Parses `API_KEYS` ("key:role,key:role"). Error messages name the entry by position and
 * fingerprint, never by the key itself, because they end up in logs.
 */
export function parseApiKeys(spec: string): ApiKey[] {
  const keys: ApiKey[] = [];
  const seen = new Set<string>();
  const entries = spec.split(',').map((entry) => entry.trim());
  if (entries.length === 1 && entries[0] === '') return keys;
  entries.forEach((entry, index) => {
    const where = `API_KEYS entry ${index + 1}`;
    if (entry === '') throw new Error(`${where} is empty (expected "<key>:<role>")`);
    // The role is after the last colon so that a key may itself contain colons.
    const colon = entry.lastIndexOf(':');
    if (colon < 0) throw new Error(`${where} has no role (expected "<key>:<role>")`);
    const key = entry.slice(0, colon).trim();
    const role = entry.slice(colon + 1).trim();
    if (key === '') throw new Error(`${where} has an empty key (expected "<key>:<role>")`);
    if (/\s/.test(key)) throw new Error(`${where} (key ${keyIdOf(key)}) contains whitespace`);
    if (!isRole(role)) {
      throw new Error(
        `${where} (key ${keyIdOf(key)}) has unknown role "${role}" (expected ${ROLES.join(', ')})`,
      );
    }
    if (seen.has(key)) throw new Error(`${where} (key ${keyIdOf(key)}) repeats an earlier key`);
    seen.add(key);
    keys.push({ key, role });
  });
  return keys;
}

export interface Authenticator {
  /** The principal for an `Authorization: Bearer <key>` header, or null for a missing or unknown key. */
  authenticate(authorization: string | undefined | null): Principal | null;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export function createAuthenticator(keys: ApiKey[]): Authenticator {
  // Comparing fixed-size digests keeps timingSafeEqual from leaking key lengths.
  const known = keys.map(({ key, role }) => ({
    digest: sha256(key),
    principal: { role, keyId: keyIdOf(key) },
  }));
  return {
    authenticate(authorization) {
      const match = authorization ? BEARER.exec(authorization) : null;
      if (!match) return null;
      const digest = sha256(match[1] as string);
      let found: Principal | null = null;
      // No early exit: the time taken must not reveal which configured key came close.
      for (const candidate of known) {
        if (timingSafeEqual(candidate.digest, digest) && found === null) found = { ...candidate.principal };
      }
      return found;
    },
  };
}

/** A fresh random key for the embedded default (printed once at start). */
export function generateDevKey(): string {
  return `txg_${randomBytes(24).toString('base64url')}`;
}
