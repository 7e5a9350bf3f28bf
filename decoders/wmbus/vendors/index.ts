/** The vendor profiles, listed explicitly (no registration by import side effect). */
import { apatorMbusNa1, apatorUltrimis } from './apator.js';
import { billingStorageProfiles } from './billing-storage.js';
import { engelmannFaw, waterstarM } from './error-flags.js';
import { kamstrup } from './kamstrup.js';
import { bmetersIwmTx5, ecomessLeakFlow } from './tpl-status.js';
import { profilesOf } from '../by-manufacturer.js';
import { matchesMvt, type VendorProfile } from './types.js';

export const vendorProfiles: readonly VendorProfile[] = [
  kamstrup,
  apatorUltrimis,
  apatorMbusNa1,
  ecomessLeakFlow,
  bmetersIwmTx5,
  waterstarM,
  engelmannFaw,
  ...billingStorageProfiles,
];

export function vendorProfileFor(
  address: { manufacturer: string; version: number; deviceType: number },
  profiles: readonly VendorProfile[] = vendorProfiles,
): VendorProfile | undefined {
  for (const p of profilesOf(profiles, address.manufacturer)) if (matchesMvt(p.mvt, address)) return p;
  return undefined;
}
