/** Adeunis Pulse 4 NB-IoT vector, copied from TheThingsNetwork/lorawan-devices vendor/adeunis/pulse-nb-iot-codec.yaml (commit 62c8acdd). */
import type { LoraVector, LoraVectorFile } from '../shared/vector.js';
import { ADEUNIS_PULSE_NB_IOT_ID } from './pulse-nb-iot.js';

const channelA = {"data": {"bytes": {"type": "0x5a Pulse 4 NB-IoT data - channel A", "nbIot": {"imei": "1122334455667788", "signalQuality": 3, "globalFrameCounter": 38}, "status": {"frameCounter": 3, "lowBattery": true, "configurationDone": true, "timestamp": true}, "timestamp": "2023-12-28T19:22:17.000", "decodingInfo": "counterValues: [t=0, t-1, t-2, ...]", "counterValues": [295, 294, 292, 289, 285]}}, "warnings": [], "errors": []};
const bytes = channelA.data.bytes;

const vectors: LoraVector[] = [
  {
    description: '0x5a Pulse 4 data - channel A (NB-IoT)',
    source: 'TheThingsNetwork/lorawan-devices vendor/adeunis/pulse-nb-iot-codec.yaml',
    fPort: 1,
    hex: [
      '1122334455667788', // IMEI (placeholder)
      '03', // signal quality
      '00000026', // global frame counter 38
      '5A67000001270001000200030004', // the Pulse 4 channel A frame
      '14ABA3E9', // timestamp
    ].join(''),
    context: { pulseVolumeMl: 10_000 },
    corpus: channelA,
    expect: {
      ok: true,
      readings: [{ meterId: bytes.nbIot.imei, time: `${bytes.timestamp}Z`, registerMl: (bytes.counterValues[0] ?? 0) * 10_000 }],
      alarms: ['low_battery'],
      meta: { imei: bytes.nbIot.imei, signalQuality: bytes.nbIot.signalQuality, globalFrameCounter: bytes.nbIot.globalFrameCounter },
    },
  },
];

export const adeunisPulseNbIotVectors: LoraVectorFile = { decoderId: ADEUNIS_PULSE_NB_IOT_ID, vectors };
