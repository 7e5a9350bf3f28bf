/**
 * Meters whose FD 17 error flags (EN 13757-3 Table 14, bits manufacturer specific) have a published
 * bit map, after the wmbusmeters drivers named in each profile.
 */
import type { VendorProfile } from './types.js';

/** Waterstar M (DWZ, and EFE version 3): wmbusmeters waterstarm. */
export const waterstarM: VendorProfile = {
  id: 'waterstar-m',
  description: 'Waterstar M water meters (DWZ; EFE version 3)',
  mvt: [
    { m: 'DWZ', v: 0x00, t: 0x06 },
    { m: 'DWZ', v: 0x02, t: 0x06 },
    { m: 'DWZ', v: 0x00, t: 0x07 },
    { m: 'DWZ', v: 0x02, t: 0x07 },
    { m: 'EFE', v: 0x03, t: 0x07 },
  ],
  errorFlags: {
    bits: [
      { mask: 0x001, kind: 'meter_error', detail: 'SW_ERROR' },
      { mask: 0x002, kind: 'meter_error', detail: 'CRC_ERROR' },
      { mask: 0x004, kind: 'sensor_fault', detail: 'SENSOR_ERROR' },
      { mask: 0x008, kind: 'meter_error', detail: 'MEASUREMENT_ERROR' },
      { mask: 0x010, kind: 'low_battery', detail: 'BATTERY_VOLTAGE_ERROR' },
      { mask: 0x020, kind: 'tamper', detail: 'MANIPULATION' },
      // The meter does not tell a leak (continuous flow) from no usage at all: raised as a leak.
      { mask: 0x040, kind: 'leak', detail: 'LEAKAGE_OR_NO_USAGE' },
      { mask: 0x080, kind: 'backflow', detail: 'REVERSE_FLOW' },
      { mask: 0x100, kind: 'overflow', detail: 'OVERLOAD' },
    ],
  },
};

/**
 * Engelmann FAW water meters (EFE version 0): error flags and the compact-frame format the meters
 * send (wmbusmeters engelmann_faw).
 */
export const engelmannFaw: VendorProfile = {
  id: 'engelmann-faw',
  description: 'Engelmann FAW water meters',
  mvt: [
    { m: 'EFE', v: 0x00, t: 0x06 },
    { m: 'EFE', v: 0x00, t: 0x07 },
    { m: 'EFE', v: 0x00, t: 0x16 },
  ],
  errorFlags: {
    bits: [
      { mask: 0x01, kind: 'sensor_fault', detail: 'VOLUME_DETECTION_COILS_DEFECT' },
      { mask: 0x02, kind: 'meter_error', detail: 'RESET' },
      { mask: 0x04, kind: 'meter_error', detail: 'CRC_ERROR' },
      { mask: 0x08, kind: 'removal', detail: 'REMOVAL_DETECTED' },
      { mask: 0x10, kind: 'magnet', detail: 'MAGNETIC_MANIPULATION' },
      { mask: 0x20, kind: 'leak', detail: 'LEAKAGE' },
      { mask: 0x40, kind: 'meter_error', detail: 'BLOCKED' },
      { mask: 0x80, kind: 'backflow', detail: 'REVERSE_FLOW' },
    ],
  },
  compactFormats: [
    '426C441301FD17840113C40113840213C40213840313C40313840413C40413840513C40513840613C40613840713C40713840813046D0413',
  ],
};
