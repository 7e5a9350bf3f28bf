/**
 * What each API role may do in VEE. The roles themselves (read-only, billing, supervisor, admin,
 * and what implies what) are the HTTP server's (gateway/http/auth/roles.ts); tokens may carry
 * several. Reading needs any role; requesting a correction needs billing or supervisor (admin
 * implies both); deciding one (approve or reject) needs supervisor (or admin), and never by the
 * requester (corrections.ts).
 */
import { grants, isRole, ROLES, type Role } from '../http/auth/roles.js';

export { isRole, ROLES, type Role };

export const READ_ROLES: readonly Role[] = ['read-only'];
export const REQUEST_CORRECTION_ROLES: readonly Role[] = ['billing', 'supervisor'];
export const DECIDE_CORRECTION_ROLES: readonly Role[] = ['supervisor'];

export function mayRequestCorrection(roles: readonly Role[]): boolean {
  return grants(roles, REQUEST_CORRECTION_ROLES);
}

export function mayDecideCorrection(roles: readonly Role[]): boolean {
  return grants(roles, DECIDE_CORRECTION_ROLES);
}
