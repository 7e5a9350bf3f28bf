/**
 * Apator Ultrimis (APA, OMS records). The FD 17 error flags carry the current state in bits 0..7,
 * the states seen this month in bits 8..15 and last month in bits 16..23 (wmbusmeters ultrimisv2
 * table); the TPL status byte is not used for alarms.
 */
import type { AlarmKind } from '../../core/types.js';
import type { BitAlarm, VendorProfile } from './types.js';

const STATES: ReadonlyArray<{ bit: number; kind: AlarmKind | null; name: string }> = [
  { bit: 0x01, kind: 'tamper', name: 'TAMPER' },
  { bit: 0x02, kind: 'low_battery', name: 'LOW_BATTERY' },
  { bit: 0x04, kind: 'dry_pipe', name: 'DRY' },
  { bit: 0x08, kind: null, name: 'NO_FLOW' },
  { bit: 0x10, kind: 'over_temperature', name: 'HIGH_TEMPERATURE' },
  { bit: 0x20, kind: 'burst', name: 'BURST' },
  { bit: 0x40, kind: 'backflow', name: 'REVERSE' },
  { bit: 0x80, kind: 'leak', name: 'LEAK' },
];

const PERIODS = [
  { shift: 0, suffix: '', historic: false },
  { shift: 8, suffix: '_THIS_MONTH', historic: true },
  { shift: 16, suffix: '_PREV_MONTH', historic: true },
] as const;

const bits: BitAlarm[] = PERIODS.flatMap((p) =>
  STATES.filter((s) => s.kind !== null).map((s) => ({
    mask: s.bit << p.shift,
    kind: s.kind as AlarmKind,
    detail: s.name + p.suffix,
    ...(p.historic ? { historic: true } : {}),
  })),
);

export const apatorUltrimis: VendorProfile = {
  id: 'apator-ultrimis',
  description: 'Apator Ultrimis ultrasonic water meter',
  mvt: [
    { m: 'APA', v: 0x01, t: 0x16 },
    { m: 'APA', v: 0x20, t: 0x16 },
  ],
  ignoreTplStatus: true,
  errorFlags: { bits, ignoreMask: 0x080808 },
};
