/**
 * Encoder of Pulse Senso standard reports (the inverse of pulse-senso.ts), for the simulator:
 * frame control with the endpoint, command (0Ah report, 8Ah alarm report, 01h read response with
 * status 0), cluster, attribute, ZCL type and the value, big-endian. Batch reports are encoded by
 * pulse-senso-batch.ts. Throws RangeError on values a field cannot hold.
 */
import { fieldValue, pulseCount } from '../shared/encode.js';

export const POWER_SOURCES = [
  'mainOrExternalV',
  'rechargeableBatteryV',
  'disposableBatteryV',
  'solarHarvestingV',
  'ticHarvestingV',
] as const;
export type PowerSource = (typeof POWER_SOURCES)[number];

export type PulseSensoReport = {
  /** 0 … 31; input n is endpoint n − 1. */
  endpoint: number;
  command: 0x0a | 0x8a | 0x01;
} & (
  | { attribute: 'index'; registerMl: number; pulseVolumeMl: number }
  | { attribute: 'pin_state'; state: boolean }
  | { attribute: 'pin_states'; pinStates: number }
  /** Power descriptor: the voltages present (whole mV), and the two bytes the decoder does not read. */
  | {
      attribute: 'power';
      voltages: Partial<Record<PowerSource, number>>;
      powerModes: number;
      currentPowerSource: number;
    }
  | { attribute: 'firmware'; firmware: string }
  | { attribute: 'message_type'; messageType: 'confirmed' | 'unconfirmed' }
);

const u16 = (v: number, what: string): number[] => {
  const x = fieldValue(v, 0xffff, what);
  return [x >> 8, x & 0xff];
};

/** Cluster, attribute, ZCL type and value bytes of a report. */
function attributeBytes(r: PulseSensoReport): number[] {
  switch (r.attribute) {
    case 'index': {
      const n = pulseCount(r.registerMl, r.pulseVolumeMl);
      return [0x00, 0x0f, 0x04, 0x02, 0x23, n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
    }
    case 'pin_state':
      return [0x00, 0x0f, 0x00, 0x55, 0x10, r.state ? 1 : 0];
    case 'pin_states':
      return [0x80, 0x05, 0x00, 0x00, 0x19, ...u16(r.pinStates, 'pin states')];
    case 'power': {
      let mask = 0;
      const volts: number[] = [];
      POWER_SOURCES.forEach((name, bit) => {
        const v = r.voltages[name];
        if (v === undefined) return;
        const mv = Math.round(v * 1000);
        if (mv / 1000 !== v) throw new RangeError(`${name} ${v} V is not whole millivolts`);
        mask |= 1 << bit;
        volts.push(...u16(mv, name));
      });
      const body = [
        fieldValue(r.powerModes, 0xff, 'power modes'),
        mask,
        ...volts,
        fieldValue(r.currentPowerSource, 0xff, 'current power source'),
      ];
      return [0x00, 0x50, 0x00, 0x06, 0x41, body.length, ...body];
    }
    case 'firmware': {
      const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(r.firmware);
      if (!m) throw new RangeError(`firmware ${r.firmware} is not major.minor.patch.build`);
      const [major, minor, patch, build] = m.slice(1).map(Number) as [number, number, number, number];
      const b = fieldValue(build, 0xffffff, 'firmware build');
      return [
        0x00,
        0x00,
        0x00,
        0x02,
        0x0d,
        fieldValue(major, 0xff, 'major'),
        fieldValue(minor, 0xff, 'minor'),
        fieldValue(patch, 0xff, 'patch'),
        b >> 16,
        (b >> 8) & 0xff,
        b & 0xff,
      ];
    }
    case 'message_type':
      return [0x80, 0x04, 0x00, 0x00, 0x08, r.messageType === 'confirmed' ? 1 : 0];
  }
}

export function encodePulseSensoReport(r: PulseSensoReport): Uint8Array {
  const e = fieldValue(r.endpoint, 31, 'endpoint');
  // Bit 0 set: a standard report; bit 4 as the sensor sends it.
  const frameControl = ((e & 0x07) << 5) | ((e >> 3) << 1) | 0x11;
  const [c1 = 0, c2 = 0, a1 = 0, a2 = 0, ...typed] = attributeBytes(r);
  const status = r.command === 0x01 ? [0x00] : [];
  return Uint8Array.from([frameControl, r.command, c1, c2, a1, a2, ...status, ...typed]);
}
