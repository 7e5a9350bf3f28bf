/**
 * Kamstrup flowIQ 2200 vectors, copied from TheThingsNetwork/lorawan-devices
 * vendor/kamstrup/mbusparser.yaml (commit af4ebcae). The source prints meter times without a
 * zone; the context below sets meterTimeZone UTC so our UTC instants equal its timestamps.
 */
import type { LoraVector, LoraVectorFile } from '../shared/vector.js';
import { KAMSTRUP_FLOWIQ2200_ID } from './flowiq2200.js';

const SOURCE = 'TheThingsNetwork/lorawan-devices vendor/kamstrup/mbusparser.yaml';

interface MbusparserValue {
  Type: string;
  Value: number | boolean | null;
  Unit: string;
  Timestamp: string | null;
}

/** Volume values the source lists after the base value: the profile, newest first. */
function profileFromCorpus(values: MbusparserValue[]): Array<{ time: string; registerMl: number; kind: 'interval' }> {
  return values.slice(1).map((v) => ({ time: `${v.Timestamp ?? ''}Z`, registerMl: Math.round(Number(v.Value) * 1e6), kind: 'interval' as const }));
}

const hourlyProfile = {"data": {"values": [{"Type": "Volume", "Value": 0.003, "Unit": "m3", "Timestamp": "2024-07-24T19:00:00.000"}, {"Type": "Volume", "Value": 0.003, "Unit": "m3", "Timestamp": "2024-07-24T18:00:00.000"}, {"Type": "Volume", "Value": 0.003, "Unit": "m3", "Timestamp": "2024-07-24T17:00:00.000"}, {"Type": "Volume", "Value": 0.003, "Unit": "m3", "Timestamp": "2024-07-24T16:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T15:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T14:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T13:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T12:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T11:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T10:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T09:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T08:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T07:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T06:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T05:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T04:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T03:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T02:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T01:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-24T00:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-23T23:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-23T22:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-23T21:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-23T20:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-23T19:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-23T18:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-23T17:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-23T16:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-23T15:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-23T14:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-23T13:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-23T12:00:00.000"}, {"Type": "Volume", "Value": 0, "Unit": "m3", "Timestamp": "2024-07-23T11:00:00.000"}], "latestVolume": 0.003}, "errors": [], "warnings": []};
const integrationGuide = {"data": {"values": [{"Type": "Volume", "Value": 7842.497, "Unit": "m3", "Timestamp": "2023-08-29T12:00:00.000"}, {"Type": "Volume", "Value": 7842.202, "Unit": "m3", "Timestamp": "2023-08-29T11:00:00.000"}, {"Type": "Volume", "Value": 7841.912, "Unit": "m3", "Timestamp": "2023-08-29T10:00:00.000"}, {"Type": "Volume", "Value": 7841.622, "Unit": "m3", "Timestamp": "2023-08-29T09:00:00.000"}, {"Type": "Volume", "Value": 7841.328, "Unit": "m3", "Timestamp": "2023-08-29T08:00:00.000"}, {"Type": "Volume", "Value": 7841.038, "Unit": "m3", "Timestamp": "2023-08-29T07:00:00.000"}, {"Type": "Volume", "Value": 7840.748, "Unit": "m3", "Timestamp": "2023-08-29T06:00:00.000"}, {"Type": "Volume", "Value": 7840.459, "Unit": "m3", "Timestamp": "2023-08-29T05:00:00.000"}, {"Type": "Volume", "Value": 7840.164, "Unit": "m3", "Timestamp": "2023-08-29T04:00:00.000"}, {"Type": "Volume", "Value": 7839.874, "Unit": "m3", "Timestamp": "2023-08-29T03:00:00.000"}, {"Type": "Volume", "Value": 7839.584, "Unit": "m3", "Timestamp": "2023-08-29T02:00:00.000"}, {"Type": "Volume", "Value": 7839.289, "Unit": "m3", "Timestamp": "2023-08-29T01:00:00.000"}], "latestVolume": 7842.497}, "errors": [], "warnings": []};

const vectors: LoraVector[] = [
  {
    description: 'Multiple profile values for volume',
    source: SOURCE,
    fPort: 1,
    hex: [
      '78', // CI: no TPL header
      '446D00331837', // storage 1 date/time (type F) 2024-07-24 19:00
      '441303000000', // storage 1 volume, 1 L resolution: 3 L
      '4D9313', // storage 1, LVAR, volume with VIFE 13h: inverse compact profile
      '22', // LVAR = 34 bytes
      '6101', // spacing control: 1-byte elements, hours, decrements; spacing 1
      '0000000300000000000000000000000000000000000000000000000000000000', // 32 one-byte deltas, newest first
    ].join(''),
    context: { meterTimeZone: 'UTC' },
    corpus: hourlyProfile,
    expect: {
      ok: true,
      readings: [{ time: '2024-07-24T19:00:00.000Z', timeFromMeter: true, registerMl: 3_000 }],
      history: profileFromCorpus(hourlyProfile.data.values),
      alarms: [],
    },
  },
  {
    description: 'Missing Base value',
    source: SOURCE,
    fPort: 1,
    hex: ['78', '446D00331837', '4D9313', '22', '6101', '0000000300000000000000000000000000000000000000000000000000000000'].join(''),
    context: { meterTimeZone: 'UTC' },
    corpus: {"data": {"values": []}, "errors": ["Invalid uplink payload: Could not find base value for profile data"], "warnings": []},
    expect: { ok: false, code: 'DECODE_MALFORMED' },
  },
  {
    description: 'Data from midnight log of water meter with invalid temperatures',
    source: SOURCE,
    fPort: 1,
    hex: [
      '78',
      '446D0020F32A', // storage 1 date/time 2023-10-19 00:00
      '4413EC000000', // storage 1 volume 236 L
      '52FF251000', // storage 1, max, Kamstrup infocode 0010h: tamper
      '42FF1C0500', // storage 1, ALD last day = 5
      '623B0000', // storage 1, min flow 0
      '523B0000', // storage 1, max flow 0
      '615B80', // min flow temperature: 80h = invalid
      '515B80', // max flow temperature: invalid
    ].join(''),
    context: { meterTimeZone: 'UTC' },
    corpus: {"data": {"values": [{"Type": "Volume", "Value": 0.236, "Unit": "m3", "Timestamp": "2023-10-19T00:00:00.000"}, {"Type": "Dry", "Value": false, "Unit": "NA", "Timestamp": "2023-10-19T00:00:00.000"}, {"Type": "Reverse", "Value": false, "Unit": "NA", "Timestamp": "2023-10-19T00:00:00.000"}, {"Type": "Leak", "Value": false, "Unit": "NA", "Timestamp": "2023-10-19T00:00:00.000"}, {"Type": "Burst", "Value": false, "Unit": "NA", "Timestamp": "2023-10-19T00:00:00.000"}, {"Type": "Tamper", "Value": true, "Unit": "NA", "Timestamp": "2023-10-19T00:00:00.000"}, {"Type": "Low Battery", "Value": false, "Unit": "NA", "Timestamp": "2023-10-19T00:00:00.000"}, {"Type": "Low Ambient Temperature", "Value": false, "Unit": "NA", "Timestamp": "2023-10-19T00:00:00.000"}, {"Type": "High Ambient Temperature", "Value": false, "Unit": "NA", "Timestamp": "2023-10-19T00:00:00.000"}, {"Type": "ALD last day", "Value": 5, "Unit": "NA", "Timestamp": "2023-10-19T00:00:00.000"}, {"Type": "Min Volume flow", "Value": 0, "Unit": "m3/h", "Timestamp": "2023-10-19T00:00:00.000"}, {"Type": "Max Volume flow", "Value": 0, "Unit": "m3/h", "Timestamp": "2023-10-19T00:00:00.000"}, {"Type": "Min Flow temperature", "Value": null, "Unit": "Invalid", "Timestamp": "2023-10-19T00:00:00.000"}, {"Type": "Max Flow temperature", "Value": null, "Unit": "Invalid", "Timestamp": "2023-10-19T00:00:00.000"}], "latestVolume": 0.236}, "errors": [], "warnings": ["Invalid value among data", "Invalid value among data"]},
    expect: {
      ok: true,
      readings: [{ time: '2023-10-19T00:00:00.000Z', timeFromMeter: true, registerMl: 236_000, maxFlowLph: 0 }],
      alarms: ['tamper'],
      meta: { aldLastDay: 5, flowMinLph: 0, flowMaxLph: 0 },
    },
  },
  {
    description: 'Installation frame with config number',
    source: SOURCE,
    fPort: 1,
    hex: [
      '72', // CI: long TPL header
      '58578853', // id 53885758
      '372C', // manufacturer
      '3C', // version
      '16', // device type: cold water
      'D6', // access number
      '10', // status: bit 4 temporary error
      '0800', // configuration: no encryption
      '04FF16BF587000', // Kamstrup module type/config number 7058BFh
    ].join(''),
    corpus: {"data": {"values": [{"Type": "Module type/config number", "Value": 7362751, "Unit": "NA", "Timestamp": null}]}, "errors": [], "warnings": []},
    expect: { ok: true, readings: [], alarms: ['meter_error'], meta: { moduleConfig: 7_362_751, id: '53885758', accessNumber: 0xd6 } },
  },
  {
    description: 'Multiple profile values for volume (Example from Integration Guide)',
    source: SOURCE,
    fPort: 1,
    hex: [
      '7A080000', // CI 7A, ACC 08, STS 00, CFG …
      '00', // … 0000
      '446D002CFD28', // storage 1 date/time 2023-08-29 12:00
      '4413C1AA7700', // storage 1 volume 7842497 L
      '4D9313', // profile
      '18', // LVAR 24
      '6201', // 2-byte elements, hours, decrements; spacing 1
      '27012201220126012201220121012701220122012701', // eleven 2-byte deltas (295, 290, … L)
      '2F', // filler
    ].join(''),
    context: { meterTimeZone: 'UTC' },
    corpus: integrationGuide,
    expect: {
      ok: true,
      readings: [{ time: '2023-08-29T12:00:00.000Z', timeFromMeter: true, registerMl: Math.round(integrationGuide.data.latestVolume * 1e6) }],
      history: profileFromCorpus(integrationGuide.data.values),
      alarms: [],
    },
  },
];

export const kamstrupFlowIq2200Vectors: LoraVectorFile = { decoderId: KAMSTRUP_FLOWIQ2200_ID, vectors };
