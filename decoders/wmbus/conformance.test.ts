/**
 * Conformance against wmbusmeters' water-meter vectors (fixtures/*.jsonl). Every vector runs;
 * the ones that do not pass yet are listed in PENDING with a reason, and the suite fails when a
 * listed vector starts passing (remove it from the list) or an unlisted one fails.
 * Vectors awaiting a manufacturer format flip by themselves: once manufacturerFormats holds a
 * format for their CI and mvt, they are expected to pass.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DecodeErrorCode } from '../core/errors.js';
import type { DecodeResult } from '../core/types.js';
import { compareWithExpected, type Vector } from './conformance-compare.js';
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
const MFCT_BLOCK = (what: string): Pending => ({ reason: `manufacturer data block (DIF 0F) not yet decoded: ${what}`, awaitsManufacturerFormat: true });
const QDS_FLOW: Pending = {
  reason: 'wmbusmeters reads VIF 3B with VIFE 56 (EN 13757-3 Table 15: duration of limit exceed) as the flow; we keep it out of flowLph',
};
const QDS_WALKBY: Pending = { reason: 'Qundis walk-by frame: the values sit inside a manufacturer VIF FF 5F record, not decoded' };
const FORMAT_GAP = (what: string): Pending => ({ reason: `manufacturer format decodes but differs from wmbusmeters: ${what}` });
const PRIOS_ID: Pending = { reason: 'diehl-prios reports the link-layer id, wmbusmeters the re-ordered PRIOS id (other engineer)' };
const STALE = (what: string): Pending => ({ reason: `expected JSON is stale: ${what}` });
const SENSUS_MAX: Pending = {
  reason: 'wmbusmeters labels the instantaneous flow (VIF 3B, function instantaneous) of the Sensus iPERL as max_flow; we keep it as flowLph',
};
const STATUS = (what: string): Pending => ({ reason: `vendor status bits not tabled yet: ${what}` });

/** Vectors that do not pass yet, by `file#index` (index = line number - 1). */
const PENDING: Record<string, Pending> = {
  'wmbus#34': STATUS('aptmbusna FD 17 bits (P_LEAK, P_REVERSE_FLOW)'),
  'wmbus#44': { reason: 'CI 73 compact frame with long header: format signature not known (Engelmann)' },
  'wmbus#51': MFCT_BLOCK('GWF status block (UNKNOWN_MFCT_STATUS_2)'),
  'wmbus#73': STATUS('BMeters iWM-TX5 TPL status bit 0x40 (TAMPER)'),
  'wmbus#83': STATUS('Kaden TPL status bits 5..6 (LEAK_FLOW_HIGH/LOW)'),
  'wmbus#111': STATUS('Picoflux TPL status bits 5..6 (LEAK_FLOW_HIGH/LOW)'),
  'wmbus#117': QDS_FLOW,
  'wmbus#118': QDS_WALKBY,
  'wmbus#121': QDS_FLOW,
  'wmbus#122': QDS_FLOW,
  'wmbus#123': QDS_FLOW,
  'wmbus#124': QDS_WALKBY,
  'wmbus#126': QDS_FLOW,
  'wmbus#130': QDS_FLOW,
  'wmbus#131': QDS_FLOW,
  'wmbus#132': QDS_FLOW,
  'wmbus#150': STATUS('Dwyer/waterstar FD 17 bit 0x40 (LEAKAGE_OR_NO_USAGE)'),
  'wmbus#160': FORMAT_GAP('zenner-0b gives no billing-date register'),
  'wmbus#161': FORMAT_GAP('zenner-0b gives no billing-date register'),
  'wmbus#104': FORMAT_GAP('techem-mkradio gives no billing-date register for mkradio3a'),
  'wmbus#64': SENSUS_MAX,
  'wmbus#65': SENSUS_MAX,
  ...Object.fromEntries([75, 76, 79, 163, 164, 167].map((i) => [`wmbus#${i}`, PRIOS_ID])),
  'wmbus#168': QDS_FLOW,
  'wmbus#169': QDS_WALKBY,
  'wmbus#172': QDS_FLOW,
  'wmbus#173': QDS_FLOW,
  'wmbus#174': QDS_FLOW,
  'wmbus#177': QDS_FLOW,
  'wmbus#181': QDS_FLOW,
  'wmbus#182': QDS_FLOW,
  'wmbus#183': QDS_FLOW,
  'wmbus#184': QDS_WALKBY,
  'wmbus#185': QDS_WALKBY,
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
  ...Object.fromEntries([28, 29, 32, 67].map((i) => [`wmbus-extra#${i}`, PRIOS_ID])),
  'wmbus-extra#3': STALE('external_temperature_c is the old name of the last-month minimum (DIF 61 VIF 67)'),
  'wmbus-extra#4': STALE('external_temperature_c is the old name of the last-month minimum (DIF 61 VIF 67)'),
  'wmbus-extra#69': STALE('external_temperature_c is the old name of the last-month minimum (DIF 61 VIF 67)'),
  'wmbus-extra#39': STALE('hand-edited telegram: BCD 48 56 00 00 reads 5.648 m3, the JSON says 6.548'),
  'wmbus-extra#25': { reason: 'no tariff-0 volume register in this telegram (only tariff 1/2), so no reading carries its flow and temperatures' },
  'wmbus-extra#36': SENSUS_MAX,
  'wmbus-extra#37': SENSUS_MAX,
  'wmbus-extra#46': SENSUS_MAX,
  'wmbus-extra#47': SENSUS_MAX,
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
  const problems = compareWithExpected(c.result, c.vector.expected ?? {});
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
  it('lists only vectors that exist', () => {
    for (const key of [...Object.keys(PENDING), ...Object.keys(EXTRA_PENDING), ...Object.keys(EXPECTED_ERRORS)]) {
      const [file, index] = key.split('#');
      const list = file === 'wmbus' ? main : extra;
      expect(list[Number(index)], key).toBeDefined();
    }
  });
});
