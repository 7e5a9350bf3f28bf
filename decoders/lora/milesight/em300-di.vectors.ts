/** Milesight EM300-DI vector, copied from TheThingsNetwork/lorawan-devices vendor/milesight-iot/em300-di-codec.yaml (commit 62c8acdd). */
import type { LoraVector, LoraVectorFile } from '../shared/vector.js';
import { MILESIGHT_EM300_DI_ID } from './em300-di.js';

const counter = {"data": {"battery": 92, "pulse": 256}};

const vectors: LoraVector[] = [
  {
    description: 'LoRaWAN Pulse Counter - Milesight IoT',
    source: 'TheThingsNetwork/lorawan-devices vendor/milesight-iot/em300-di-codec.yaml',
    fPort: 85,
    hex: [
      '01755C', // battery 92 %
      '05C800010000', // pulse counter 256 (LE)
    ].join(''),
    context: { pulseVolumeMl: 10_000 },
    corpus: counter,
    expect: { ok: true, readings: [{ registerMl: counter.data.pulse * 10_000, batteryPercent: counter.data.battery }], alarms: [], meta: { pulses: counter.data.pulse } },
  },
  {
    description: 'pulse counter cut short',
    source: 'derived',
    fPort: 85,
    hex: '01755C05C80001',
    corpus: null,
    expect: { ok: false, code: 'DECODE_TRUNCATED' },
  },
];

export const milesightEm300DiVectors: LoraVectorFile = { decoderId: MILESIGHT_EM300_DI_ID, vectors };
