/**
 * A decoder for a deliberately simple test format, so gateway tests can state exactly which
 * readings and alarms a payload carries. It is registered through the real decoder registry
 * (decoders/core/registry.ts) like any vendor decoder; it is not part of decoders/index.ts.
 *
 *   byte 0      0xF1 (format marker)
 *   bytes 1–4   meter time, seconds since 1970, big-endian (0: the meter has no clock → receive time)
 *   bytes 5–8   register, whole litres, big-endian
 *   byte 9      status bits: 0 leak, 1 tamper, 2 low battery
 *   then 0..n   history entries of 8 bytes: time (s, BE), register (litres, BE)
 */
import { decodeError, DecodeErrorCode } from '../../decoders/core/errors.js';
import { createRegistry, type DecoderRegistry } from '../../decoders/core/registry.js';
import type { AlarmKind, DecodeContext, DecodeResult, DecoderDefinition } from '../../decoders/core/types.js';

export const FIXTURE_DECODER_ID = 'fixture/v1';

const ALARM_BITS: Array<[number, AlarmKind]> = [
  [0, 'leak'],
  [1, 'tamper'],
  [2, 'low_battery'],
];

function decodeFixture(bytes: Uint8Array, ctx: DecodeContext): DecodeResult {
  const fail = (code: DecodeErrorCode, message: string): DecodeResult => ({
    ok: false,
    decoder: FIXTURE_DECODER_ID,
    error: decodeError(code, message),
  });
  if (bytes.length < 10) return fail(DecodeErrorCode.TRUNCATED, `need 10 bytes, got ${bytes.length}`);
  if (bytes[0] !== 0xf1) return fail(DecodeErrorCode.UNKNOWN_FORMAT, 'first byte is not 0xF1');
  if ((bytes.length - 10) % 8 !== 0) return fail(DecodeErrorCode.MALFORMED, 'history entries are 8 bytes each');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meterId = ctx.meterId ?? ctx.deviceId ?? 'unknown';
  const seconds = view.getUint32(1);
  const time = seconds === 0 ? ctx.receivedAt : new Date(seconds * 1000).toISOString();
  const status = bytes[9]!;
  const history = [];
  for (let o = 10; o < bytes.length; o += 8) {
    history.push({
      meterId,
      time: new Date(view.getUint32(o) * 1000).toISOString(),
      registerMl: view.getUint32(o + 4) * 1000,
      kind: 'interval' as const,
    });
  }
  return {
    ok: true,
    decoder: FIXTURE_DECODER_ID,
    readings: [
      { meterId, time, timeFromMeter: seconds !== 0, registerMl: view.getUint32(5) * 1000, statusBits: status },
    ],
    history,
    alarms: ALARM_BITS.filter(([bit]) => (status & (1 << bit)) !== 0).map(([, kind]) => ({ meterId, kind, time })),
    warnings: [],
    meta: {},
  };
}

export const fixtureDecoder: DecoderDefinition = {
  id: FIXTURE_DECODER_ID,
  protocol: 'json',
  description: 'gateway test format (see gateway/testing/fixture-decoder.ts)',
  detect: { models: ['meterflow/fixture'] },
  recognise: (bytes) => bytes[0] === 0xf1 && bytes.length >= 10,
  decode: decodeFixture,
  references: [],
};

export function fixtureRegistry(): DecoderRegistry {
  return createRegistry([fixtureDecoder]);
}

export interface FixturePayload {
  /** Meter time (ISO) or undefined for "no clock". */
  time?: string;
  litres: number;
  alarms?: AlarmKind[];
  history?: Array<{ time: string; litres: number }>;
}

export function fixturePayload(p: FixturePayload): Buffer {
  const buf = Buffer.alloc(10 + 8 * (p.history?.length ?? 0));
  buf[0] = 0xf1;
  buf.writeUInt32BE(p.time === undefined ? 0 : Math.floor(Date.parse(p.time) / 1000), 1);
  buf.writeUInt32BE(p.litres, 5);
  let bits = 0;
  for (const [bit, kind] of ALARM_BITS) if (p.alarms?.includes(kind)) bits |= 1 << bit;
  buf[9] = bits;
  p.history?.forEach((h, i) => {
    buf.writeUInt32BE(Math.floor(Date.parse(h.time) / 1000), 10 + 8 * i);
    buf.writeUInt32BE(h.litres, 14 + 8 * i);
  });
  return buf;
}
