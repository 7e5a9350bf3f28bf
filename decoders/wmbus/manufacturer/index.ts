/** The manufacturer-specific wM-Bus formats, one module each, listed explicitly. */
import { apator08 } from './apator08.js';
import { apator162 } from './apator162.js';
import { apator172 } from './apator172.js';
import { apatorNa1 } from './apator-na1.js';
import { bmetersHydrodigit } from './bmeters-hydrodigit.js';
import { bmetersRfmtx1 } from './bmeters-rfmtx1.js';
import { DIEHL_DEFAULT_OMS_AES_KEY, DIEHL_MANUFACTURERS } from './diehl-lfsr.js';
import { diehlPrios } from './diehl-prios.js';
import { diehlRealData } from './diehl-real-data.js';
import { gwfWater } from './gwf-water.js';
import { qundisWalkby } from './qundis-walkby.js';
import { techemMkradio } from './techem-mkradio.js';
import type { ManufacturerFormat, WmbusAddress } from './types.js';
import { zenner0b } from './zenner-0b.js';

export const manufacturerFormats: readonly ManufacturerFormat[] = [
  diehlPrios,
  diehlRealData,
  apatorNa1,
  apator08,
  apator172,
  techemMkradio,
  bmetersRfmtx1,
  apator162,
  bmetersHydrodigit,
  zenner0b,
  qundisWalkby,
  gwfWater,
];

/**
 * Vendor default AES-128 keys (32 hex digits) to try, in order, for an OMS mode-5 frame when the
 * context has no key. Diehl brands (wmbusmeters `addDefaultManufacturerKeyIfAny`): the second
 * PRIOS key twice over, for frames Diehl calls "OMS" (a standard CI other than 0x71; REAL_DATA
 * frames are claimed by diehl-real-data before this). It decodes the corpus's HydrusAES vector.
 */
export function vendorDefaultAesKeys(address: WmbusAddress, ci: number): string[] {
  const manufacturerCi = ci === 0x71 || (ci >= 0xa0 && ci <= 0xb7);
  return !manufacturerCi && DIEHL_MANUFACTURERS.includes(address.manufacturer) ? [DIEHL_DEFAULT_OMS_AES_KEY] : [];
}
