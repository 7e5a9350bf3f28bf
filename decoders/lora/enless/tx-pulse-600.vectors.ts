/** Enless TX Pulse 600-036 vector, copied from TheThingsNetwork/lorawan-devices vendor/enless-wireless/tx-pulse-600-codec.yaml (commit 0690dfc1). */
import type { LoraVector, LoraVectorFile } from '../shared/vector.js';
import { ENLESS_TX_PULSE_ID } from './tx-pulse-600.js';

const report = {"data": {"alarm_status": {"pulse_ch1_flow": {"high": false, "low": false}, "pulse_ch1_leak": false, "pulse_ch2_flow": {"high": false, "low": false}, "pulse_ch2_leak": false, "pulse_oc_flow": {"high": false, "low": false}, "pulse_oc_leak": false}, "fw_version": 1, "id": 149, "seq_counter": 49, "states": {"status": {"debounce_ch1": "enabled", "debounce_ch2": "enabled", "debounce_ch3": "enabled", "msg_type": "normal", "pulse_ch1": "open", "pulse_ch2": "open", "pulse_oc": "open"}}, "type": 8, "values": {"pulse_ch1": {"unit": "", "value": 1}, "pulse_ch2": {"unit": "", "value": 1}, "pulse_oc": {"unit": "", "value": 0}}}};

const vectors: LoraVector[] = [
  {
    description: 'TX Pulse 600-036',
    source: 'TheThingsNetwork/lorawan-devices vendor/enless-wireless/tx-pulse-600-codec.yaml',
    fPort: 1,
    hex: [
      '000095', // id 149
      '08', // type: TX Pulse 600-036
      '31', // sequence 49
      '11', // firmware
      '00000001', // channel 1: 1 pulse
      '00000001', // channel 2: 1 pulse
      '00000000', // open collector: 0
      '0000', // alarms: none
      '0700', // state: debounce enabled on 3 channels, battery 100 %
    ].join(''),
    context: { pulseVolumeMl: 1_000 },
    corpus: report,
    differsFromCorpus: 'the source reports fw_version 1 for firmware byte 11h; its own codec (low 6 bits) gives 17, which we report',
    expect: {
      ok: true,
      readings: [{ meterId: '000095', registerMl: report.data.values.pulse_ch1.value * 1_000, batteryPercent: 100 }],
      alarms: [],
      meta: { enlessId: report.data.id, sequence: report.data.seq_counter, pulsesCh2: report.data.values.pulse_ch2.value, pulsesOc: report.data.values.pulse_oc.value, firmware: 17 },
    },
  },
];

export const enlessTxPulseVectors: LoraVectorFile = { decoderId: ENLESS_TX_PULSE_ID, vectors };
