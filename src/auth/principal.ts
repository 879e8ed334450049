export const ROLES = ['analyst', 'fraud', 'ingest', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKey {
  key: string;
  role: Role;
}

/** Who is calling. keyId is a short non-secret fingerprint of the key, safe to log. */
export interface Principal {
  role: Role;
  keyId: string;
}

export const PERMISSIONS = ['query', 'subscribe', 'ingest', 'unmasked_pii'] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  analyst: ['query'],
  fraud: ['query', 'subscribe', 'unmasked_pii'],
  ingest: ['ingest'],
  admin: ['query', 'subscribe', 'ingest', 'unmasked_pii'],
};

export function can(principal: Principal | null, permission: Permission): boolean {
  return principal !== null && GRANTS[principal.role].includes(permission);
}
