/** The vendor profiles, listed explicitly (no registration by import side effect). */
import { apatorUltrimis } from './apator.js';
import { billingStorageProfiles } from './billing-storage.js';
import { kamstrup } from './kamstrup.js';
import { matchesMvt, type VendorProfile } from './types.js';

export const vendorProfiles: readonly VendorProfile[] = [kamstrup, apatorUltrimis, ...billingStorageProfiles];

export function vendorProfileFor(
  address: { manufacturer: string; version: number; deviceType: number },
  profiles: readonly VendorProfile[] = vendorProfiles,
): VendorProfile | undefined {
  return profiles.find((p) => matchesMvt(p.mvt, address));
}
