/**
 * Sensus iPERL vector, copied from TheThingsNetwork/lorawan-devices vendor/sensus/iperl-codec.yaml
 * (commit 44aafd7d). Its timestamps are Unix seconds of the meter's time read as UTC, so the
 * context sets meterTimeZone UTC.
 */
import type { LoraVector, LoraVectorFile } from '../shared/vector.js';
import { SENSUS_IPERL_ID } from './iperl.js';

const alarmFrame = {"data": {"accessNo": 6, "alarms": ["LOW_BATTERY"], "config": 0, "device": null, "identificationNo": null, "manufacturer": null, "manufacturerCode": null, "records": [{"dif": 1156, "exponent": -3, "function": 0, "isCompactProfile": null, "scaledValue": 25041.978, "storage": 8, "strValue": null, "subUnit": 0, "symbol": "m^3", "tariff": 0, "unit": "M3", "value": 25041978, "values": null, "vif": 19, "vifType": "VOLUME"}, {"dif": 1156, "exponent": 0, "function": 0, "isCompactProfile": null, "scaledValue": null, "storage": 8, "strValue": "2024-06-19 13:42:00", "subUnit": 0, "symbol": null, "tariff": 0, "unit": "DATETIME", "value": 1718804520, "values": null, "vif": 109, "vifType": "TIME_POINT"}, {"dif": 1165, "exponent": -3, "function": 0, "isCompactProfile": true, "scaledValue": null, "storage": 8, "strValue": null, "subUnit": 0, "symbol": "m^3", "tariff": 0, "unit": "M3", "value": null, "values": [{"scaledValue": 25041.426, "storage": 19, "timestamp": 1718764920, "value": 25041426}, {"scaledValue": 25041.478, "storage": 18, "timestamp": 1718768520, "value": 25041478}, {"scaledValue": 25041.529000000002, "storage": 17, "timestamp": 1718772120, "value": 25041529}, {"scaledValue": 25041.581000000002, "storage": 16, "timestamp": 1718775720, "value": 25041581}, {"scaledValue": 25041.627, "storage": 15, "timestamp": 1718779320, "value": 25041627}, {"scaledValue": 25041.679, "storage": 14, "timestamp": 1718782920, "value": 25041679}, {"scaledValue": 25041.725000000002, "storage": 13, "timestamp": 1718786520, "value": 25041725}, {"scaledValue": 25041.782, "storage": 12, "timestamp": 1718790120, "value": 25041782}, {"scaledValue": 25041.828, "storage": 11, "timestamp": 1718793720, "value": 25041828}, {"scaledValue": 25041.88, "storage": 10, "timestamp": 1718797320, "value": 25041880}, {"scaledValue": 25041.926, "storage": 9, "timestamp": 1718800920, "value": 25041926}, {"scaledValue": 25041.978, "storage": 8, "timestamp": 1718804520, "value": 25041978}], "vif": 19, "vifType": "VOLUME"}], "status": 4, "version": null}};
const [volume, , profile] = alarmFrame.data.records;

const vectors: LoraVector[] = [
  {
    description: 'SND-ALARM',
    source: 'TheThingsNetwork/lorawan-devices vendor/sensus/iperl-codec.yaml',
    fPort: 20,
    hex: [
      '7A', // CI: short TPL header
      '06', // access number
      '04', // status: bit 2 low power
      '0000', // configuration: no encryption
      '8404133A1C7E01', // storage 8 volume, 1 L: 25041978 L
      '84046D2A2D1336', // storage 8 date/time 2024-06-19 13:42
      '8D049313', // storage 8, LVAR, volume profile
      '18', // LVAR 24
      'D23C', // 2-byte signed differences, minutes, spacing 60
      '34002E0034002E0039002E0034002E0034003300', // deltas 52, 46, … (10 of 11)
      '3400', // 11th delta
    ].join(''),
    context: { meterTimeZone: 'UTC' },
    corpus: alarmFrame,
    expect: {
      ok: true,
      readings: [{ time: '2024-06-19T13:42:00.000Z', timeFromMeter: true, registerMl: (volume?.value ?? 0) * 1000 }],
      history: (profile?.values ?? [])
        .slice(0, -1)
        .reverse()
        .map((v) => ({ time: new Date(v.timestamp * 1000).toISOString(), registerMl: v.value * 1000, kind: 'interval' as const })),
      alarms: ['low_battery'],
      meta: { accessNumber: alarmFrame.data.accessNo, tplStatus: alarmFrame.data.status },
    },
  },
];

export const sensusIperlVectors: LoraVectorFile = { decoderId: SENSUS_IPERL_ID, vectors };
