/**
 * Apator 08 water meters on manufacturer CI A0 (APT, version/type 03/03 and 0F/0F): wmbusmeters
 * driver `apator08`. The first 4 bytes after the CI are the register, u32 LE, counting 1/3 litre
 * (wmbusmeters reads them as litres and applies force_scale 1/3). The rest of the body is not decoded.
 *
 * One count is 1000/3 mL, so the register is rounded half up to whole millilitres; the exact count
 * stays in `meta.rawCount`.
 */
import { has, manufacturerToCode, telegramWithHeader, u32le, writeU32le } from './bytes.js';
import type { ManufacturerFormat, ManufacturerFrame, ManufacturerResult } from './types.js';
import { emptyValues, ok, truncated, unitsToMl } from './values.js';

function decodeFrame(frame: ManufacturerFrame): ManufacturerResult {
  if (!has(frame.body, 0, 4)) return truncated('apator08 register', 0, 4, frame.body.length);
  const values = emptyValues();
  const raw = u32le(frame.body, 0);
  values.registerMl = unitsToMl(raw, 1000, 3);
  values.meta.rawCount = raw;
  values.meta.mlPerCount = '1000/3';
  return ok(values);
}

export const apator08: ManufacturerFormat = {
  id: 'apator08',
  description: 'Apator 08 register on CI A0, 1/3 litre counts (wmbusmeters apator08)',
  references: ['wmbusmeters drivers/src/apator08.xmq'],
  detect: {
    ci: [0xa0],
    mvt: [
      { m: 'APT', v: 0x03, t: 0x03 },
      { m: 'APT', v: 0x0f, t: 0x0f },
    ],
  },
  decodeFrame,
};

export interface Apator08Input {
  id: string;
  version: 0x03 | 0x0f;
  rawCount: number;
  /** Bytes after the register that the driver does not decode. */
  rest?: Uint8Array;
}

/** An apator08 telegram (no block CRCs). The M field is written as wmbusmeters' 0x8614. */
export function encodeApator08(input: Apator08Input): Uint8Array {
  const rest = input.rest ?? new Uint8Array(0);
  const t = telegramWithHeader(15 + rest.length, {
    manufacturerCode: manufacturerToCode('APT') | 0x8000,
    id: input.id,
    version: input.version,
    deviceType: input.version,
    ci: 0xa0,
  });
  writeU32le(t, 11, input.rawCount);
  t.set(rest, 15);
  return t;
}
