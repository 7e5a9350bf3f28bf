/**
 * Watteco Pulse Senso vectors, copied from TheThingsNetwork/lorawan-devices
 * vendor/watteco/pulse-senso-codec.yaml (commit 3226e9c6). The source stamps every sample with
 * the network receive time 2023-07-19T07:51:25.508306410Z; our receive time is the same instant.
 */
import type { LoraVector, LoraVectorFile } from '../shared/vector.js';
import { WATTECO_PULSE_SENSO_ID } from './pulse-senso.js';

const SOURCE = 'TheThingsNetwork/lorawan-devices vendor/watteco/pulse-senso-codec.yaml';
const index = {"data": {"samples": [{"variable": "index_1", "value": 0, "date": "2023-07-19T07:51:25.508306410Z"}], "index_1": 0}, "warnings": []};
const battery = {"data": {"samples": [{"variable": "disposable_battery_voltage", "value": 3.688, "date": "2023-07-19T07:51:25.508306410Z"}], "disposable_battery_voltage": 3.688}, "warnings": []};

const batch = {"data": {"samples": [{"variable": "index_1", "value": 0, "date": "2023-07-19T04:51:25.508Z"}, {"variable": "index_1", "value": 0, "date": "2023-07-19T05:51:25.508Z"}, {"variable": "index_1", "value": 0, "date": "2023-07-19T06:51:25.508Z"}, {"variable": "index_1", "value": 0, "date": "2023-07-19T07:51:25.508Z"}, {"variable": "index_2", "value": 67108864, "date": "2023-07-19T04:51:25.508Z"}, {"variable": "index_2", "value": 67108864, "date": "2023-07-19T05:51:25.508Z"}, {"variable": "index_2", "value": 67108864, "date": "2023-07-19T06:51:25.508Z"}, {"variable": "index_2", "value": 67108864, "date": "2023-07-19T07:51:25.508Z"}, {"variable": "index_3", "value": 4194560, "date": "2023-07-19T04:51:25.508Z"}, {"variable": "index_3", "value": 4194560, "date": "2023-07-19T05:51:25.508Z"}, {"variable": "index_3", "value": 4194560, "date": "2023-07-19T06:51:25.508Z"}, {"variable": "index_3", "value": 4194560, "date": "2023-07-19T07:51:25.508Z"}], "index_1": 0, "index_2": 67108864, "index_3": 4194560}, "warnings": []};
const INDEXES = ['index_1', 'index_2', 'index_3'] as const;
const samplesOf = (variable: string) => batch.data.samples.filter((x) => x.variable === variable);
function newest(variable: string): { value: number; date: string } {
  const last = samplesOf(variable).at(-1);
  if (last === undefined) throw new Error(`no ${variable} sample in the batch vector`);
  return last;
}

const vectors: LoraVector[] = [
  {
    description: 'standard report: state of pin 1',
    source: SOURCE,
    fPort: 125,
    hex: ['11', '0A', '000F', '0055', '10', '01'].join(''), // endpoint 0, report, binary input, present value, boolean, true
    corpus: {"data": {"samples": [{"variable": "pin_state_1", "value": true, "date": "2023-07-19T07:51:25.508306410Z"}], "pin_state_1": true}, "warnings": []},
    expect: { ok: true, readings: [], alarms: [], meta: { pinState1: true } },
  },
  {
    description: 'standard report: pulse count on input 1',
    source: SOURCE,
    fPort: 125,
    hex: ['11', '0A', '000F', '0402', '23', '00000000'].join(''), // binary input, count, uint32 = 0
    context: { pulseVolumeMl: 1_000 },
    corpus: index,
    expect: { ok: true, readings: [{ registerMl: index.data.index_1 * 1_000, time: '2023-07-19T07:51:25.508Z' }], alarms: [], meta: { index: index.data.index_1 } },
  },
  {
    description: 'standard report: 3 state values',
    source: SOURCE,
    fPort: 125,
    hex: ['11', '0A', '8005', '0000', '19', '0371'].join(''), // multi binary input, bitmap16
    corpus: {"data": {"samples": [{"variable": "pin_state_1", "value": true, "date": "2023-07-19T07:51:25.508306410Z"}, {"variable": "pin_state_2", "value": false, "date": "2023-07-19T07:51:25.508306410Z"}, {"variable": "pin_state_3", "value": false, "date": "2023-07-19T07:51:25.508306410Z"}, {"variable": "NA", "value": "NA", "date": "2023-07-19T07:51:25.508306410Z"}, {"variable": "NA", "value": "NA", "date": "2023-07-19T07:51:25.508306410Z"}, {"variable": "NA", "value": "NA", "date": "2023-07-19T07:51:25.508306410Z"}, {"variable": "NA", "value": "NA", "date": "2023-07-19T07:51:25.508306410Z"}, {"variable": "NA", "value": "NA", "date": "2023-07-19T07:51:25.508306410Z"}, {"variable": "NA", "value": "NA", "date": "2023-07-19T07:51:25.508306410Z"}, {"variable": "NA", "value": "NA", "date": "2023-07-19T07:51:25.508306410Z"}], "pin_state_1": true, "pin_state_2": false, "pin_state_3": false, "NA": "NA"}, "warnings": []},
    expect: { ok: true, readings: [], alarms: [], meta: { pinStates: 0x0371 } },
  },
  {
    description: 'read response: firmware version',
    source: SOURCE,
    fPort: 125,
    hex: ['11', '01', '0000', '0002', '00', '0D', '030502', '0015E2'].join(''), // basic cluster, status 0, type 0D
    corpus: {"data": {"samples": [{"variable": "firmware", "value": "3.5.2.5602", "date": "2023-07-19T07:51:25.508306410Z"}], "firmware": "3.5.2.5602"}, "warnings": []},
    expect: { ok: true, readings: [], alarms: [], meta: { firmware: '3.5.2.5602' } },
  },
  {
    description: 'standard report: battery voltage',
    source: SOURCE,
    fPort: 125,
    hex: ['11', '0A', '0050', '0006', '41', '05', '03', '04', '0E68', '04'].join(''), // configuration, power descriptor, mask 04: disposable battery
    corpus: battery,
    expect: { ok: true, readings: [], alarms: [], meta: { disposableBatteryV: battery.data.disposable_battery_voltage } },
  },
  {
    description: 'read response: message type',
    source: SOURCE,
    fPort: 125,
    hex: ['11', '01', '8004', '0000', '00', '08', '00'].join(''),
    corpus: {"data": {"samples": [{"variable": "message_type", "value": "unconfirmed", "date": "2023-07-19T07:51:25.508306410Z"}], "message_type": "unconfirmed"}, "warnings": []},
    expect: { ok: true, readings: [], alarms: [], meta: { messageType: 'unconfirmed' } },
  },
  {
    description: 'batch report',
    source: SOURCE,
    fPort: 125,
    hex: [
      '32', // flags: 3 series, samples follow, common timestamps
      '03', // bits 0–2 batch counter 3, bit 3 reserved, bits 4–7 the first series tag 0 (index_1)
      '03', // from here on bit-packed (see batch-codec.ts): the first series' time and value, …
      '2CD2DC00000000117B02000080903D005000401040801D11604704D8119024912492247B', // … the other series, the common times, the value differences, the batch time
    ].join(''),
    context: { pulseVolumeMl: 1_000 },
    corpus: batch,
    expect: {
      ok: true,
      readings: INDEXES.map((v) => ({ time: newest(v).date, registerMl: newest(v).value * 1_000 })),
      history: INDEXES.flatMap((v) => samplesOf(v).slice(0, -1).map((x) => ({ time: x.date, registerMl: x.value * 1_000, kind: 'interval' as const }))),
      alarms: [],
      meta: { batch: true, batchCounter: 3, index1: batch.data.index_1, index2: batch.data.index_2, index3: batch.data.index_3 },
    },
  },
];

export const wattecoPulseSensoVectors: LoraVectorFile = { decoderId: WATTECO_PULSE_SENSO_ID, vectors };
