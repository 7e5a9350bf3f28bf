/** Adeunis Pulse 4 vector, copied from TheThingsNetwork/lorawan-devices vendor/adeunis/pulse-codec.yaml (commit 51878916). */
import type { LoraVector, LoraVectorFile } from '../shared/vector.js';
import { ADEUNIS_PULSE_ID } from './pulse.js';

const channelA = {"data": {"bytes": {"type": "0x5a Pulse 4 data - channel A", "status": {"frameCounter": 3, "hardwareError": false, "lowBattery": true, "configurationDone": true, "timestamp": true}, "timestamp": "2023-12-28T19:22:17.000", "decodingInfo": "counterValues: [t=0, t-1, t-2, ...]", "counterValues": [295, 294, 292, 289, 285]}}, "warnings": [], "errors": []};
const bytes = channelA.data.bytes;

const vectors: LoraVector[] = [
  {
    description: '0x5a Pulse 4 data - channel A',
    source: 'TheThingsNetwork/lorawan-devices vendor/adeunis/pulse-codec.yaml',
    fPort: 1,
    hex: [
      '5A', // channel A counter frame
      '67', // status: frame counter 3, timestamp, low battery, configured
      '00000127', // counter 295
      '0001000200030004', // decrements 1, 2, 3, 4 → 294, 292, 289, 285
      '14ABA3E9', // seconds since 2013-01-01: 2023-12-28T19:22:17Z
    ].join(''),
    context: { pulseVolumeMl: 1_000 },
    corpus: channelA,
    expect: {
      ok: true,
      readings: [{ time: `${bytes.timestamp}Z`, timeFromMeter: true, registerMl: (bytes.counterValues[0] ?? 0) * 1_000 }],
      alarms: ['low_battery'],
      meta: { frameCounter: bytes.status.frameCounter, earlierCounts: bytes.counterValues.length - 1 },
    },
  },
];

export const adeunisPulseVectors: LoraVectorFile = { decoderId: ADEUNIS_PULSE_ID, vectors };
