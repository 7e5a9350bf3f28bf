/** Minol-Zenner EDC vector, copied from TheThingsNetwork/lorawan-devices vendor/minol-zenner/edc-communication-module-codec.yaml (bytes read as hex). */
import type { LoraVector, LoraVectorFile } from '../shared/vector.js';
import { MINOL_ZENNER_EDC_ID } from './edc.js';

const example = {"data": {"removal_detection": 1, "battery_low": 1, "battery_end_of_life": 1, "hw_error": 0, "coil_manipulation": 1, "meter_values": [12, 13, 15]}};

const vectors: LoraVector[] = [
  {
    description: 'example meter values with status bytes',
    source: 'TheThingsNetwork/lorawan-devices vendor/minol-zenner/edc-communication-module-codec.yaml',
    fPort: 1,
    hex: [
      '27', // status: removal, battery low, battery end of life, coil manipulation
      '0000000C', // meter value 1 = 12
      '0000000D', // meter value 2 = 13
      '0000000F', // meter value 3 = 15
    ].join(''),
    context: { pulseVolumeMl: 10_000 },
    corpus: example,
    expect: {
      ok: true,
      readings: [{ registerMl: (example.data.meter_values[0] ?? 0) * 10_000 }],
      alarms: ['removal', 'low_battery', 'low_battery', 'tamper'],
      meta: { meterValue1: example.data.meter_values[0] ?? -1, meterValue2: example.data.meter_values[1] ?? -1, meterValue3: example.data.meter_values[2] ?? -1 },
    },
  },
];

export const minolZennerEdcVectors: LoraVectorFile = { decoderId: MINOL_ZENNER_EDC_ID, vectors };
