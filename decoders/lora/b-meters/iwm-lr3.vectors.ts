/** B METERS IWM-LR3 vector, copied from TheThingsNetwork/lorawan-devices vendor/b-meters/iwmlr3-codec.yaml (commit 62c8acdd). */
import type { LoraVector, LoraVectorFile } from '../shared/vector.js';
import { BMETERS_IWM_LR3_ID } from './iwm-lr3.js';

const vectors: LoraVector[] = [
  {
    description: 'Payload example',
    source: 'TheThingsNetwork/lorawan-devices vendor/b-meters/iwmlr3-codec.yaml',
    fPort: 1,
    hex: [
      '2C', // application code 44
      '4A200100', // absolute counter 0x0001204A = 73802 (LE)
      '22010000', // reverse counter 290 L
      '00', // K index
      '00', // medium: water
      '0D', // VIF: litres (TTN codec)
      '02', // alarms: bit 1 removal
    ].join(''),
    corpus: {"data": {"aplication": 44, "valueCounter": "00012074", "flowCounter": "00000134", "indexK": "00", "medium": "00", "vif": "13", "alarm": "02"}},
    differsFromCorpus:
      "the source prints counters as digit strings ('00012074' for bytes 4A 20 01 00: hex digits with the low byte in decimal) and its codec reads the alarm byte as a code (2 = sensor fraud); we follow the manual: little-endian counters and alarm bit 1 = removal",
    expect: { ok: true, readings: [{ registerMl: 73_802_000, reverseMl: 290_000 }], alarms: ['removal'], meta: { application: 44, vif: 0x0d } },
  },
];

export const bmetersIwmLr3Vectors: LoraVectorFile = { decoderId: BMETERS_IWM_LR3_ID, vectors };
