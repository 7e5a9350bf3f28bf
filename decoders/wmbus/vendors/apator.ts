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

/**
 * Apator APT-MBUS-NA-1 wired M-Bus module (APA, version 0x15, water). FD 17 error flags after the
 * wmbusmeters aptmbusna table: byte 0 the states seen since the last reset ("P_", has been
 * detected), byte 1 events, byte 2 the states present now.
 * One correction: wmbusmeters writes P_LEAK as 0x0000800, an extra zero that lands on
 * P_DETECTOR_ERROR (0x800) and leaves bit 7 unnamed; its own grouping puts P_LEAK eighth in byte 0,
 * so here P_LEAK is 0x80 and 0x800 stays the detector error.
 */
export const apatorMbusNa1: VendorProfile = {
  id: 'apator-mbus-na1',
  description: 'Apator APT-MBUS-NA-1 wired M-Bus module',
  mvt: [{ m: 'APA', v: 0x15, t: 0x07 }],
  errorFlags: {
    bits: [
      { mask: 0x000001, kind: 'magnet', detail: 'P_MAGNETIC_FIELD', historic: true },
      { mask: 0x000002, kind: 'tamper', detail: 'P_STRONG_LIGHT', historic: true },
      { mask: 0x000004, kind: 'communication_error', detail: 'P_MBUS_DISCONNECTED', historic: true },
      { mask: 0x000008, kind: 'meter_error', detail: 'P_DETECTION_WITHOUT_CHANGES', historic: true },
      { mask: 0x000020, kind: 'overflow', detail: 'P_MAXIMUM_FLOW', historic: true },
      { mask: 0x000040, kind: 'backflow', detail: 'P_REVERSE_FLOW', historic: true },
      { mask: 0x000080, kind: 'leak', detail: 'P_LEAK', historic: true },
      { mask: 0x000100, kind: 'meter_error', detail: 'P_PROCESSOR_RESET', historic: true },
      { mask: 0x000200, kind: 'meter_error', detail: 'P_CLOCK_HAND_ERROR', historic: true },
      { mask: 0x000400, kind: 'low_battery', detail: 'BATTERY_LOW' },
      { mask: 0x000800, kind: 'sensor_fault', detail: 'P_DETECTOR_ERROR', historic: true },
      { mask: 0x010000, kind: 'magnet', detail: 'MAGNETIC_FIELD' },
      { mask: 0x020000, kind: 'tamper', detail: 'STRONG_LIGHT' },
      { mask: 0x040000, kind: 'communication_error', detail: 'MBUS_DISCONNECTED' },
      { mask: 0x080000, kind: 'meter_error', detail: 'DETECTION_WITHOUT_CHANGES' },
      { mask: 0x200000, kind: 'overflow', detail: 'MAXIMUM_FLOW' },
      { mask: 0x400000, kind: 'backflow', detail: 'REVERSE_FLOW' },
      { mask: 0x800000, kind: 'meter_error', detail: 'PROCESSOR_RESET' },
    ],
    // Flow below the meter's minimum is reported, not alarmed.
    info: [
      { mask: 0x000010, detail: 'P_MINIMUM_FLOW' },
      { mask: 0x100000, detail: 'MINIMUM_FLOW' },
    ],
  },
};
