import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecodeContext, DecodeResult } from '../../core/types.js';
import { decodeWmbus } from '../decode.js';
import { encodeTelegram } from '../encode.js';
import { alarmsFromBits } from '../status.js';
import { apatorMbusNa1 } from './apator.js';
import { vendorProfiles } from './index.js';
import type { StatusBits } from './types.js';

const ctx: DecodeContext = { receivedAt: '2024-05-01T00:00:00.000Z' };

function decodeWith(
  m: string,
  version: number,
  deviceType: number,
  extra: { status?: number; errorFlags?: number },
): DecodeResult {
  return decodeWmbus(
    encodeTelegram({ meterId: '12345678', manufacturer: m, version, deviceType, registerMl: 1_000, ...extra }),
    ctx,
  );
}

const details = (r: DecodeResult): string[] =>
  r.ok ? r.alarms.map((a) => `${a.kind}:${a.detail ?? ''}${a.historic ? ':historic' : ''}`) : [r.error.code];

describe('vendor status tables', () => {
  it('Ecomess/Kaden: TPL status 0x63 is the leak alarm with both flow classes', () => {
    expect(details(decodeWith('VIP', 0x01, 0x07, { status: 0x63 }))).toEqual([
      'meter_error:ALARM',
      'leak:LEAK_FLOW_LOW',
      'leak:LEAK_FLOW_HIGH',
    ]);
    expect(details(decodeWith('ECM', 0x05, 0x07, { status: 0x80 }))).toEqual(['meter_error:MFCT_STATUS_80']);
  });

  it('leaves the manufacturer TPL bits of a meter without a table unread', () => {
    expect(details(decodeWith('ABC', 0x01, 0x07, { status: 0x60 }))).toEqual([]);
  });

  it('BMeters iWM-TX5: TPL status bit 6 is tamper', () => {
    expect(details(decodeWith('BMT', 0x18, 0x06, { status: 0x40 }))).toEqual(['tamper:TAMPER']);
  });

  it('waterstar M: FD 17 bit 6 raises a leak, bit 8 an overflow', () => {
    expect(details(decodeWith('DWZ', 0x02, 0x06, { errorFlags: 0x140 }))).toEqual([
      'leak:LEAKAGE_OR_NO_USAGE',
      'overflow:OVERLOAD',
    ]);
  });

  it('Apator APT-MBUS-NA-1: past states are historic, bit 11 is the detector error and not a leak', () => {
    expect(details(decodeWith('APA', 0x15, 0x07, { errorFlags: 0x0880 }))).toEqual([
      'leak:P_LEAK:historic',
      'sensor_fault:P_DETECTOR_ERROR:historic',
    ]);
    expect(alarmsFromBits(0x400000, apatorMbusNa1.errorFlags ?? { bits: [] }, 'ERROR_FLAGS')).toEqual([
      { kind: 'backflow', detail: 'REVERSE_FLOW' },
    ]);
  });

  it('reports informational bits in meta.statusInfo without an alarm', () => {
    const r = decodeWith('APA', 0x15, 0x07, { errorFlags: 0x10 });
    expect(details(r)).toEqual([]);
    expect(r.ok && r.meta.statusInfo).toBe('P_MINIMUM_FLOW');
  });

  describe('properties', () => {
    const tables: Array<[string, StatusBits]> = vendorProfiles.flatMap((p) => [
      ...(p.tplStatus ? [[`${p.id} tplStatus`, p.tplStatus] as [string, StatusBits]] : []),
      ...(p.errorFlags ? [[`${p.id} errorFlags`, p.errorFlags] as [string, StatusBits]] : []),
      ...(p.statusRecords ?? []).map((s, i) => [`${p.id} statusRecords[${i}]`, s.status] as [string, StatusBits]),
    ]);

    it('no bit is named twice in any vendor table', () => {
      for (const [name, t] of tables) {
        let seen = 0;
        for (const b of [...t.bits, ...(t.info ?? [])]) {
          expect(seen & b.mask, `${name} ${b.detail}`).toBe(0);
          seen |= b.mask;
        }
      }
    });

    it('every set bit is one named alarm, information, ignored, or part of one unknown-bits alarm', () => {
      fc.assert(
        fc.property(fc.constantFrom(...tables), fc.integer({ min: 0, max: 0xffffff }), ([, t], value) => {
          const alarms = alarmsFromBits(value, t, 'X');
          const named = t.bits.filter((b) => (value & b.mask) !== 0).length;
          const known = [...t.bits, ...(t.info ?? [])].reduce((m, b) => m | b.mask, t.ignoreMask ?? 0);
          const unknown = (value & ~known) !== 0 ? 1 : 0;
          expect(alarms.length).toBe(named + unknown);
        }),
        { numRuns: 5_000 },
      );
    });
  });
});
