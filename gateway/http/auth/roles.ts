/**
 * API roles. A token carries one or more roles; a route names the roles it needs and any one of
 * them (or a role that implies it) lets the request through.
 *
 *   read-only   read readings, alarms, bills, periods
 *   billing     read-only, plus run rating and export bills
 *   supervisor  read-only, plus approve or reject reading corrections
 *   admin       everything
 */
export const ROLES = ['read-only', 'billing', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const IMPLIES: Record<Role, readonly Role[]> = {
  'read-only': ['read-only'],
  billing: ['billing', 'read-only'],
  supervisor: ['supervisor', 'read-only'],
  admin: ['admin', 'supervisor', 'billing', 'read-only'],
};

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

/** True when the held roles include, or imply, at least one of the needed roles. */
export function grants(held: readonly Role[], needed: readonly Role[]): boolean {
  return held.some((h) => IMPLIES[h].some((r) => needed.includes(r)));
}
