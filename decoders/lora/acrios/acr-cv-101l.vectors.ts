/** Acrios ACR-CV-101L-M-x vector, copied from TheThingsNetwork/lorawan-devices vendor/acrios/acr-cv-101l-m-x-codec.yaml (commit 3ebe3a03). */
import type { LoraVector, LoraVectorFile } from '../shared/vector.js';
import { ACRIOS_ACR_CV_101L_ID } from './acr-cv-101l.js';

const mbus = {"data": {"a": 5, "accessN": 10, "c": 8, "cStored": "Actual", "ci": 115, "data": [{"func": "Instantaneous", "id": 0, "storage": 0, "unit": "l", "value": 1}, {"func": "Instantaneous", "id": 1, "storage": 1, "unit": "l", "value": 135}], "deviceCode": 7, "deviceType": "Water meter", "errors": [], "fixed": true, "id": 12345678, "l": 19, "len": 25, "status": 0, "type": "Data"}, "errors": [], "warnings": []};
const [counter1, counter2] = mbus.data.data;

const vectors: LoraVector[] = [
  {
    description: 'M-Bus payload',
    source: 'TheThingsNetwork/lorawan-devices vendor/acrios/acr-cv-101l-m-x-codec.yaml',
    fPort: 1,
    hex: [
      '0101', // fragment 1 of 1
      '68131368', // M-Bus long frame, L = 19
      '08', // C: RSP_UD
      '05', // A: primary address 5
      '73', // CI: fixed data structure
      '78563412', // id 12345678 (BCD)
      '0A', // access number 10
      '00', // status: BCD counters, actual values
      'E9', // counter 1 unit: litres; medium bits
      '7E', // counter 2: same unit as counter 1, storage 1
      '01000000', // counter 1 = 1 L (BCD)
      '35010000', // counter 2 = 135 L (BCD)
      '3C', // checksum
      '16', // stop
    ].join(''),
    corpus: mbus,
    expect: {
      ok: true,
      readings: [{ meterId: String(mbus.data.id), registerMl: (counter1?.value ?? 0) * 1000, billingDateRegisterMl: (counter2?.value ?? 0) * 1000 }],
      alarms: [],
      meta: { accessNumber: mbus.data.accessN, medium: mbus.data.deviceCode },
    },
  },
  {
    description: 'the same frame with a wrong M-Bus checksum',
    source: 'derived',
    fPort: 1,
    hex: '010168131368080573785634120A00E97E01000000350100003D16',
    corpus: null,
    expect: { ok: false, code: 'DECODE_CHECKSUM_MISMATCH' },
  },
];

export const acriosAcrCv101lVectors: LoraVectorFile = { decoderId: ACRIOS_ACR_CV_101L_ID, vectors };
