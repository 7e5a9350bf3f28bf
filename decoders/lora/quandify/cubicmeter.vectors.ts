/** Quandify CubicMeter vectors, copied from TheThingsNetwork/lorawan-devices vendor/quandify/cubicmeter-1-1-plastic-codec.yaml (commit 6a225728). */
import type { LoraVector, LoraVectorFile } from '../shared/vector.js';
import { QUANDIFY_CUBICMETER_ID } from './cubicmeter.js';

const SOURCE = 'TheThingsNetwork/lorawan-devices vendor/quandify/cubicmeter-1-1-plastic-codec.yaml';
const normalReport = {"data": {"fPort": 1, "length": 28, "hexBytes": "49FBDF010000DE1400000000000046EDDF0106FC8B0702E2E6535455", "type": "statusReport", "decoded": {"ambientTemperature": 22.5, "batteryActive": 3608, "batteryRecovered": 3640, "errorCode": 0, "isSensing": true, "leakState": 2, "totalVolume": 5342, "waterTemperatureMax": 22, "waterTemperatureMin": 21.5}}, "warnings": [], "errors": []};
const decoded = normalReport.data.decoded;

const vectors: LoraVector[] = [
  {
    description: 'Normal status report',
    source: SOURCE,
    fPort: 1,
    hex: [
      '49FBDF01', // 0–3: not read by the codec
      '0000', // 4–5: error code 0, sensing
      'DE140000', // 6–9: total volume 5342 L
      '00000000', // 10–13
      '46EDDF0106FC8B07', // 14–21
      '02', // 22: leak state 2 (no leak)
      'E2', // 23: battery active 1800 + 8·226 = 3608 mV
      'E6', // 24: battery recovered 3640 mV
      '53', // 25: water min 21.5 °C
      '54', // 26: water max 22 °C
      '55', // 27: ambient 22.5 °C
    ].join(''),
    corpus: normalReport,
    expect: {
      ok: true,
      readings: [{ registerMl: decoded.totalVolume * 1000, ambientTemperatureC: decoded.ambientTemperature, batteryV: decoded.batteryRecovered / 1000, timeFromMeter: false }],
      alarms: [],
      meta: {
        leakState: decoded.leakState,
        waterTemperatureMinC: decoded.waterTemperatureMin,
        waterTemperatureMaxC: decoded.waterTemperatureMax,
        batteryActiveMv: decoded.batteryActive,
      },
    },
  },
  {
    description: 'Response from set pipe downlink',
    source: SOURCE,
    fPort: 6,
    hex: [
      '04', // response to fPort 4
      '00', // status ok
      '02', // hardware report
      '10000016', // firmware 22.0.16
      '02', // hardware version
      '05', // app state metering
      '3F0100000300E3DDCBB1BD7587320000010000000000', // 6–27
      '00', // 28: pipe id 0 (Custom)
      '010000000000', // 29–34
    ].join(''),
    corpus: {"data": {"fPort": 6, "length": 38, "hexBytes": "0400021000001602053F0100000300E3DDCBB1BD758732000001000000000000010000000000", "type": "response", "decoded": {"fPort": 4, "status": "ok", "type": "hardwareReport", "data": {"appState": "metering", "firmwareVersion": "22.0.16", "hardwareVersion": 2, "pipe": {"id": 0, "type": "Custom"}}}}, "warnings": [], "errors": []},
    expect: { ok: true, readings: [], alarms: [], meta: { responseStatus: 'ok', responseType: 'hardwareReport', firmwareVersion: '22.0.16', hardwareVersion: 2, appState: 'metering', pipeId: 0 } },
  },
  {
    description: 'Response from set lorawan report interval',
    source: SOURCE,
    fPort: 6,
    hex: [
      '13', // response to fPort 19
      '00', // ok
      '04', // settings report
      '01C0A80000', // 0–4
      '58020000', // 5–8: report interval 600 s
      '0000001E00008D27000000000000000000000000000000000000000000', // 9–37
    ].join(''),
    corpus: {"data": {"fPort": 6, "length": 41, "hexBytes": "13000401C0A80000580200000000001E00008D27000000000000000000000000000000000000000000", "type": "response", "decoded": {"fPort": 19, "status": "ok", "type": "settingsReport", "data": {"lorawanReportInterval": 600}}}, "warnings": [], "errors": []},
    expect: { ok: true, readings: [], alarms: [], meta: { responseType: 'settingsReport', lorawanReportIntervalS: 600 } },
  },
  {
    description: 'status report one byte short',
    source: 'derived from the normal status report',
    fPort: 1,
    hex: '49FBDF010000DE1400000000000046EDDF0106FC8B0702E2E65354',
    corpus: null,
    expect: { ok: false, code: 'DECODE_TRUNCATED' },
  },
];

export const quandifyCubicmeterVectors: LoraVectorFile = { decoderId: QUANDIFY_CUBICMETER_ID, vectors };
