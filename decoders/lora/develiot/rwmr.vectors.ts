/** Develiot RWMR vectors, copied from TheThingsNetwork/lorawan-devices vendor/develiot/rwmr-codec.yaml (commit abde4b56). */
import type { LoraVector, LoraVectorFile } from '../shared/vector.js';
import { DEVELIOT_RWMR_ID } from './rwmr.js';

const status = {"data": {"activatedServices": ["LORASENSE_REPORT_SERVICE_PULSE_COUNTER1", "LORASENSE_REPORT_SERVICE_TEMPERATURE"], "batteryLevel": 2.74, "firmwareVersion": 1, "hardwareVersion": 8, "pulseCounter1": 32, "pulseCounter2": 0, "temperature": 24.35, "type": "status"}};

const vectors: LoraVector[] = [
  {
    description: 'Enabled temperature reading with pulse counter 1',
    source: 'TheThingsNetwork/lorawan-devices vendor/develiot/rwmr-codec.yaml',
    fPort: 12,
    hex: [
      '15', // firmware 1; services: counter 1, temperature
      '20000000', // pulse counter 1 = 32 (LE)
      '00000000', // pulse counter 2 = 0
      'D4', // battery 212·3.3/255 = 2.74 V
      '9A', // temperature 154·90/255 − 30 = 24.35 °C
    ].join(''),
    context: { pulseVolumeMl: 1_000 },
    corpus: status,
    expect: {
      ok: true,
      readings: [{ registerMl: status.data.pulseCounter1 * 1_000, batteryV: status.data.batteryLevel, ambientTemperatureC: status.data.temperature }],
      alarms: [],
      meta: { firmwareVersion: status.data.firmwareVersion, pulseCounter2: status.data.pulseCounter2 },
    },
  },
  {
    description: 'Unknown FPort',
    source: 'TheThingsNetwork/lorawan-devices vendor/develiot/rwmr-codec.yaml (negative test)',
    fPort: 5,
    hex: '152000000000000000D49A',
    corpus: {"errors": ["Unknown port"]},
    expect: { ok: false, code: 'DECODE_UNKNOWN_FORMAT' },
  },
];

export const develiotRwmrVectors: LoraVectorFile = { decoderId: DEVELIOT_RWMR_ID, vectors };
