/**
 * CI field values (EN 13757-7:2018 Table 2, OMS Vol.2 §7.1). Only the ones the decoder acts on
 * are named; A0..B7 are manufacturer specific and go to manufacturerFormats.
 */
export const CI = {
  /** Application layer, no transport header (EN 13757-7 §7.3.1). */
  APL_NO_HEADER: 0x78,
  /** Compact frame: format signature + data CRC + data (OMS Vol.2 Annex, wmbusmeters compact frames). */
  APL_COMPACT: 0x79,
  /** Application layer with short transport header (EN 13757-7 §7.5.2). */
  APL_SHORT: 0x7a,
  /** Application layer with long transport header (EN 13757-7 §7.5.3). */
  APL_LONG: 0x72,
  /** Compact frame with long transport header (EN 13757-7 Table 2): header, then signature, CRC, data. */
  APL_COMPACT_LONG: 0x73,
  /** Compact frame with short transport header (EN 13757-7 Table 2). */
  APL_COMPACT_SHORT: 0x7b,
  /** Alarm with short/long header (EN 13757-7 Table 2) are parsed for their header only. */
  ALARM_SHORT: 0x74,
  ALARM_LONG: 0x75,
  /** Extended link layer (EN 13757-4 §13.2): I (2 bytes), II (8), III (10), IV (16), V (variable). */
  ELL_I: 0x8c,
  ELL_II: 0x8d,
  ELL_III: 0x8e,
  ELL_IV: 0x8f,
  /** Authentication and fragmentation layer (EN 13757-7 §6, OMS Vol.2 §7.2.3). */
  AFL: 0x90,
} as const;

export function isManufacturerCi(ci: number): boolean {
  return ci >= 0xa0 && ci <= 0xb7;
}

export function isEllCi(ci: number): boolean {
  return ci === CI.ELL_I || ci === CI.ELL_II || ci === CI.ELL_III || ci === CI.ELL_IV;
}
