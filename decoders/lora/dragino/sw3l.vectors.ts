/** Dragino SW3L vectors, copied from TheThingsNetwork/lorawan-devices vendor/dragino/sw3l-codec.yaml (commit 62c8acdd). */
import type { LoraVector, LoraVectorFile } from '../shared/vector.js';
import { DRAGINO_SW3L_ID } from './sw3l.js';

const config = {"data": {"Alarm_Timer": 42058, "Stop_Timer": 0, "TDC": 851968}};

const vectors: LoraVector[] = [
  {
    description: 'SW3L LoRaWAN Outdoor Flow Sensor (configuration report)',
    source: 'TheThingsNetwork/lorawan-devices vendor/dragino/sw3l-codec.yaml',
    fPort: 4,
    hex: [
      '0D0000', // TDC (24-bit)
      '73', // –
      '00', // stop timer
      'A44A', // alarm timer
    ].join(''),
    corpus: config,
    expect: { ok: true, readings: [], alarms: [], meta: { tdc: config.data.TDC, stopTimer: config.data.Stop_Timer, alarmTimer: config.data.Alarm_Timer } },
  },
  {
    description: 'Unknown FPort',
    source: 'TheThingsNetwork/lorawan-devices vendor/dragino/sw3l-codec.yaml (negative test)',
    fPort: 42,
    hex: '0B880100250001',
    corpus: {"errors": ["unknown FPort"]},
    expect: { ok: false, code: 'DECODE_UNKNOWN_FORMAT' },
  },
  {
    description: 'flow report: 4500 pulses at 450 pulses/L, alarm set',
    source: 'ours, built with the layout of vendor/dragino/sw3l.js fPort 2',
    fPort: 2,
    hex: ['02', '00001194', '00', '00', '65A0B700'].join(''),
    corpus: null,
    expect: { ok: true, readings: [{ registerMl: 10_000, time: '2024-01-12T03:50:24.000Z', timeFromMeter: true }], alarms: ['leak'] },
  },
];

export const draginoSw3lVectors: LoraVectorFile = { decoderId: DRAGINO_SW3L_ID, vectors };
