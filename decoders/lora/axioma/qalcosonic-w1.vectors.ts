/** Axioma Qalcosonic W1 vectors, copied from TheThingsNetwork/lorawan-devices vendor/axioma/qalcosonic-w1-codec.yaml (commit 34d9b1e4). */
import type { LoraVector, LoraVectorFile } from '../shared/vector.js';
import { AXIOMA_QALCOSONIC_W1_ID } from './qalcosonic-w1.js';

const lackova = {"data": {"payload_format": "AXIOMA_W1_ENHANCED_24H", "frame_version": 1, "payload_bytes": 51, "timestamp_unix": 1788390574, "timestamp_utc": "2026-09-02T23:09:34.000Z", "status": 0, "low_battery": false, "permanent_error": false, "temporary_error": false, "pipe_empty": false, "backflow": false, "burst": false, "leakage": false, "low_temperature": false, "log_volume_m3": 5.938, "delta_1_m3": 0, "delta_2_m3": 0, "delta_3_m3": 0, "delta_4_m3": 0, "delta_5_m3": 0, "delta_6_m3": 0.014, "delta_7_m3": 0.008, "delta_8_m3": 0.021, "delta_9_m3": 0.014, "delta_10_m3": 0.021, "delta_11_m3": 0.001, "delta_12_m3": 0.018, "delta_13_m3": 0.002, "delta_14_m3": 0.009, "delta_15_m3": 0, "delta_16_m3": 0.008, "delta_17_m3": 0, "delta_18_m3": 0, "delta_19_m3": 0, "delta_20_m3": 0, "delta_21_m3": 0, "delta_22_m3": 0, "delta_23_m3": 0, "history_count": 23, "history_total_m3": 0.116, "current_volume_m3": 6.054, "history_multiplier": 0}};

const vectors: LoraVector[] = [
  {
    description: 'Enhanced 24h payload - Lackova',
    source: 'TheThingsNetwork/lorawan-devices vendor/axioma/qalcosonic-w1-codec.yaml',
    fPort: 100,
    hex: [
      '01', // frame version
      'AEAC986A', // Unix time 0x6A98ACAE (LE) = 2026-09-02T23:09:34Z
      '00', // status
      '32170000', // log volume 5938 L (LE)
      '00000000000000008003800054000E4005100048000240020000200000000000000000000000000000', // 23 × 14-bit deltas + multiplier
    ].join(''),
    corpus: lackova,
    expect: {
      ok: true,
      readings: [{ time: lackova.data.timestamp_utc, timeFromMeter: true, registerMl: Math.round(lackova.data.current_volume_m3 * 1e6) }],
      alarms: [],
      meta: { logVolumeL: Math.round(lackova.data.log_volume_m3 * 1000), deltaTotalL: Math.round(lackova.data.history_total_m3 * 1000), historyMultiplier: 0 },
    },
  },
  {
    description: 'another port',
    source: 'derived',
    fPort: 1,
    hex: '01',
    corpus: null,
    expect: { ok: false, code: 'DECODE_UNKNOWN_FORMAT' },
  },
];

export const axiomaQalcosonicW1Vectors: LoraVectorFile = { decoderId: AXIOMA_QALCOSONIC_W1_ID, vectors };
