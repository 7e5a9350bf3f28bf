/**
 * Apator 17.2 water meters on manufacturer CI A0 (APT, version 0x04, type 0x11): wmbusmeters
 * driver `apator172`. The first 4 bytes after the CI are the register, u32 LE, counting 1/3 m3
 * (wmbusmeters: total_m3 = raw / 3 at the corpus snapshot). The rest of the body is not decoded.
 *
 * One count is 1,000,000/3 mL, so the register is rounded half up to whole millilitres; the exact
 * count stays in `meta.rawCount`.
 */
import { has, manufacturerToCode, telegramWithHeader, u32le, writeU32le } from './bytes.js';
import type { ManufacturerFormat, ManufacturerFrame, ManufacturerResult } from './types.js';
import { emptyValues, ok, truncated, unitsToMl } from './values.js';

function decodeFrame(frame: ManufacturerFrame): ManufacturerResult {
  if (!has(frame.body, 0, 4)) return truncated('apator172 register', 0, 4, frame.body.length);
  const values = emptyValues();
  const raw = u32le(frame.body, 0);
  values.registerMl = unitsToMl(raw, 1_000_000, 3);
  values.meta.rawCount = raw;
  values.meta.mlPerCount = '1000000/3';
  return ok(values);
}

export const apator172: ManufacturerFormat = {
  id: 'apator172',
  description: 'Apator 17.2 register on CI A0, 1/3 m3 counts (wmbusmeters apator172)',
  references: ['wmbusmeters drivers/src/apator172.xmq'],
  detect: { ci: [0xa0], mvt: [{ m: 'APT', v: 0x04, t: 0x11 }] },
  decodeFrame,
};

export interface Apator172Input {
  id: string;
  rawCount: number;
  rest?: Uint8Array;
}

/** An apator172 telegram (no block CRCs). The M field is written as wmbusmeters' 0x8614. */
export function encodeApator172(input: Apator172Input): Uint8Array {
  const rest = input.rest ?? new Uint8Array(0);
  const t = telegramWithHeader(15 + rest.length, {
    manufacturerCode: manufacturerToCode('APT') | 0x8000,
    id: input.id,
    version: 0x04,
    deviceType: 0x11,
    ci: 0xa0,
  });
  writeU32le(t, 11, input.rawCount);
  t.set(rest, 15);
  return t;
}
