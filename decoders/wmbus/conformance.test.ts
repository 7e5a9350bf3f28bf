/**
 * Conformance against wmbusmeters' water-meter vectors (fixtures/*.jsonl). Every vector runs;
 * the ones that do not pass yet are listed in PENDING with a reason, and the suite fails when a
 * listed vector starts passing (remove it from the list) or an unlisted one fails.
 * Vectors awaiting a manufacturer format flip by themselves: once manufacturerFormats holds a
 * format for their CI and mvt, they are expected to pass.
 * Where a wmbusmeters driver names a value differently from what the spec says it is, FIELD_MAPPINGS
 * compares that field our way, with the clause, instead of skipping the vector.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DecodeErrorCode } from '../core/errors.js';
import type { DecodeResult } from '../core/types.js';
import { compareWithExpected, type FieldMapping, type Vector } from './conformance-compare.js';
import { hexToBytes } from './bytes.js';
import { decodeWmbus } from './decode.js';
import { manufacturerFormats } from './manufacturer/index.js';
import { matchesMvt } from './vendors/types.js';
import { manufacturerLetters } from './link.js';

function load(file: string): Vector[] {
  const path = fileURLToPath(new URL(`./fixtures/${file}`, import.meta.url));
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Vector);
}

type Pending = { reason: string; awaitsManufacturerFormat?: boolean };
const STALE = (what: string): Pending => ({ reason: `expected JSON is stale: ${what}` });

/** Vectors that do not pass yet, by `file#index` (index = line number - 1). */
const PENDING: Record<string, Pending> = {
  'wmbus#34': {
    reason:
      'wmbusmeters aptmbusna writes P_LEAK as 0x0000800 (an extra zero: its byte-0 group puts P_LEAK at 0x80), so it ' +
      'reads bit 11 (P_DETECTOR_ERROR) as a leak; vendors/apator.ts keeps 0x800 = P_DETECTOR_ERROR and raises no leak',
  },
};

const litresPerHour = (m3h: unknown): number | undefined => (typeof m3h === 'number' ? m3h * 1000 : undefined);

/**
 * Fields whose wmbusmeters meaning differs from ours, by wmbusmeters driver (the disagreement is
 * with that driver's naming, so the driver is the key), each with the clause that decides it. The
 * mapped fields are still compared, our way.
 */
const LIMIT_EXCEED_DURATION: FieldMapping = {
  fields: ['volume_flow_m3h'],
  why:
    'EN 13757-3:2018 Table 15, combinable VIFE E101 ufnn "duration of limit exceed": VIF 3B + VIFE 56 is the duration ' +
    '(lower limit, last exceed, nn = 2: hours) of a flow-limit exceed, not a flow, so no flowLph is read from it ' +
    '(walk-by telegrams carry no such record: wmbusmeters repeats the value of the meter\'s previous telegram)',
  check: (r) => {
    const flow = r.readings[0]?.flowLph;
    return flow === undefined ? [] : [`flowLph ${flow} read from a limit-exceed duration record`];
  },
};
const INSTANTANEOUS_NOT_MAX: FieldMapping = {
  fields: ['max_flow_m3h'],
  why:
    'the iPERL sends DIF 02 VIF 3B: function field 00 = instantaneous value (EN 13757-3:2018 Table 4), so the value ' +
    'wmbusmeters names max_flow is our flowLph; maxFlowLph stays for function field 01 (maximum)',
  check: (r, e) => {
    const want = litresPerHour(e.max_flow_m3h);
    const flow = r.readings[0]?.flowLph;
    return want === undefined || flow === want ? [] : [`flowLph ${flow} != max_flow ${want}`];
  },
};
const MONTH_CONSUMPTION: FieldMapping = {
  fields: ['target_m3', 'target_date'],
  why:
    'the driver\'s "target" is the consumption of the current month so far (zenner0b: "current month water ' +
    'consumption"; mkradio3a: the newest month of its half-month consumption history, dated by the telegram date), ' +
    'not a register at a billing date: it is meta.currentMonthConsumptionMl, never billingDateRegisterMl',
  check: (r, e) => {
    const out: string[] = [];
    const want = typeof e.target_m3 === 'number' ? Math.round(e.target_m3 * 1e6) : undefined;
    if (want !== undefined && r.meta.currentMonthConsumptionMl !== want) out.push(`currentMonthConsumptionMl ${r.meta.currentMonthConsumptionMl} != ${want}`);
    if (r.readings[0]?.billingDateRegisterMl !== undefined) out.push('a month consumption reported as billingDateRegisterMl');
    if (typeof e.target_date === 'string' && r.meta.currentDate !== e.target_date) out.push(`currentDate ${r.meta.currentDate} != ${e.target_date}`);
    return out;
  },
};
const FIELD_MAPPINGS: Record<string, readonly FieldMapping[]> = {
  qwater: [LIMIT_EXCEED_DURATION],
  qwaterv2: [LIMIT_EXCEED_DURATION],
  iperl: [INSTANTANEOUS_NOT_MAX],
  zenner0b: [MONTH_CONSUMPTION],
  mkradio3a: [MONTH_CONSUMPTION],
};

/** Vectors whose expected outcome is a typed error (wmbusmeters rejects them). */
const EXPECTED_ERRORS: Record<string, { code: DecodeErrorCode; why: string }> = {
  'wmbus-extra#71': { code: 'DECODE_KEY_NEEDED', why: 'ELL AES-CTR telegram analysed without a key' },
  'wmbus-extra#72': { code: 'DECODE_KEY_NEEDED', why: 'ELL AES-CTR compact telegram analysed without a key' },
  'wmbus-extra#75': { code: 'DECODE_WRONG_KEY', why: 'ELL AES-CTR with an all-zero key: payload CRC fails' },
  'wmbus-extra#76': { code: 'DECODE_WRONG_KEY', why: 'mode 5 with a wrong key: no 2F2F after decryption' },
  'wmbus-extra#77': { code: 'DECODE_WRONG_KEY', why: 'ELL AES-CTR with a wrong key: payload CRC fails' },
  'wmbus-extra#78': { code: 'DECODE_UNEXPECTED_PLAINTEXT', why: 'mode 5 header, plaintext payload, key configured' },
  'wmbus-extra#79': { code: 'DECODE_UNEXPECTED_PLAINTEXT', why: 'ELL AES-CTR header, plaintext payload, key configured' },
  'wmbus-extra#80': { code: 'DECODE_UNEXPECTED_PLAINTEXT', why: 'mode 5 header, plaintext payload, key configured' },
  'wmbus-extra#81': { code: 'DECODE_UNEXPECTED_PLAINTEXT', why: 'unencrypted telegram, key configured' },
};

const EXTRA_PENDING: Record<string, Pending> = {
  'wmbus-extra#3': STALE('external_temperature_c is the old name of the last-month minimum (DIF 61 VIF 67)'),
  'wmbus-extra#4': STALE('external_temperature_c is the old name of the last-month minimum (DIF 61 VIF 67)'),
  'wmbus-extra#69': STALE('external_temperature_c is the old name of the last-month minimum (DIF 61 VIF 67)'),
  'wmbus-extra#39': STALE('hand-edited telegram: BCD 48 56 00 00 reads 5.648 m3, the JSON says 6.548'),
  'wmbus-extra#25': {
    reason:
      'no tariff-0 volume register (only tariffs 1 and 2), and every reading needs registerMl: no reading, so its flow ' +
      'and temperatures are named in a warning instead of reported',
  },
};

interface Case {
  key: string;
  vector: Vector;
  result: DecodeResult;
}

/** Decode a file in order with one compact-format cache, as a receiver hearing these telegrams would. */
function run(file: string, tag: string): Case[] {
  const cache = new Map<number, Uint8Array>();
  return load(file).map((vector, i) => ({
    key: `${tag}#${i}`,
    vector,
    result: decodeWmbus(hexToBytes(vector.telegram_hex), { receivedAt: '2024-01-01T00:00:00.000Z', ...(vector.key ? { key: vector.key } : {}) }, { compactFormats: cache }),
  }));
}

function manufacturerFormatNowExists(hex: string): boolean {
  const b = hexToBytes(hex);
  if (b.length < 11) return false;
  const address = { manufacturer: manufacturerLetters((b[2] ?? 0) | ((b[3] ?? 0) << 8)), version: b[8] ?? 0, deviceType: b[9] ?? 0 };
  return manufacturerFormats.some((f) => matchesMvt(f.detect.mvt, address));
}

function check(c: Case, pending: Record<string, Pending>): void {
  const expectedError = EXPECTED_ERRORS[c.key];
  if (expectedError) {
    expect(c.result.ok ? 'decoded' : c.result.error.code, expectedError.why).toBe(expectedError.code);
    return;
  }
  const problems = compareWithExpected(c.result, c.vector.expected ?? {}, FIELD_MAPPINGS[c.vector.driver ?? ''] ?? []);
  const p = pending[c.key];
  const stillPending = p !== undefined && !(p.awaitsManufacturerFormat && manufacturerFormatNowExists(c.vector.telegram_hex));
  if (stillPending) {
    expect(problems, `${c.key} (${c.vector.driver}) is listed as pending (${p.reason}) but now passes: remove it from the list`).not.toEqual([]);
  } else {
    expect(problems, `${c.key} (${c.vector.driver} ${c.vector.name ?? ''})`).toEqual([]);
  }
}

const main = run('wmbus.jsonl', 'wmbus');
const extra = run('wmbus-extra.jsonl', 'wmbus-extra');

describe('wmbusmeters water-meter driver vectors', () => {
  it.each(main.map((c) => [`${c.key} ${c.vector.driver} ${c.vector.name ?? ''}`, c] as const))('%s', (_label, c) => check(c, PENDING));
});

describe('wmbusmeters simulation and negative vectors', () => {
  it.each(extra.map((c) => [`${c.key} ${c.vector.driver ?? ''} ${c.vector.name ?? ''}`, c] as const))('%s', (_label, c) => check(c, EXTRA_PENDING));
});

describe('conformance summary', () => {
  it('still compares a mapped field, our way: a disagreement is reported, not skipped', () => {
    const iperl = main.find((c) => c.vector.driver === 'iperl');
    const zenner = main.find((c) => c.vector.driver === 'zenner0b');
    if (!iperl || !zenner) throw new Error('corpus lacks the iperl or zenner0b vectors');
    expect(compareWithExpected(iperl.result, { max_flow_m3h: 1.5 }, FIELD_MAPPINGS.iperl)).toHaveLength(1);
    expect(compareWithExpected(zenner.result, { target_m3: 1 }, FIELD_MAPPINGS.zenner0b)).toHaveLength(1);
    expect(compareWithExpected(zenner.result, { target_m3: 1 })).toHaveLength(1);
  });

  it('lists only vectors that exist', () => {
    for (const key of [...Object.keys(PENDING), ...Object.keys(EXTRA_PENDING), ...Object.keys(EXPECTED_ERRORS)]) {
      const [file, index] = key.split('#');
      const list = file === 'wmbus' ? main : extra;
      expect(list[Number(index)], key).toBeDefined();
    }
  });
});
