import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDecode, EXIT_OK, EXIT_USAGE, type DecodeCommandOptions } from './decode.js';

/** ng-gateway's asserted CJ/T 188 payload in a frame (see decoders/cjt188/cjt188.vectors.ts). */
const CJT188 = '68103412907856341281161F9000003412002C000010002C003014080126200000E916';
const QUANDIFY = '49FBDF010000DE1400000000000046EDDF0106FC8B0702E2E6535455';
const FIXED_NOW = () => new Date('2026-02-01T00:00:00.000Z');

async function decode(payloads: string[], options: DecodeCommandOptions = {}, lines?: string[]) {
  const out: string[] = [];
  let err = '';
  const code = await runDecode(payloads, options, { out: (l) => out.push(l), err: (t) => (err += t) }, lines, { now: FIXED_NOW });
  return { code, out: out.map((l) => JSON.parse(l) as Record<string, unknown>), raw: out, err };
}

describe('meterflow decode', () => {
  it('decodes a hex argument, recognising CJ/T 188 without a named decoder', async () => {
    const r = await decode([CJT188]);
    expect(r.code).toBe(EXIT_OK);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).toMatchObject({ ok: true, decoder: 'cjt188', readings: [{ meterId: '12345678901234', registerMl: 1_234_000_000, time: '2026-01-08T06:30:00.000Z' }] });
    expect(r.err).toContain('1 payloads, 1 decoded, 0 failed');
  });

  it('prints the keys readings, history, alarms and warnings on success', async () => {
    const r = await decode([CJT188]);
    expect(Object.keys(r.out[0] ?? {})).toEqual(expect.arrayContaining(['ok', 'decoder', 'readings', 'history', 'alarms', 'warnings']));
  });

  it('uses --model and --fport to pick a LoRa vendor decoder, with the receive time from --received-at', async () => {
    const r = await decode([QUANDIFY], { model: 'quandify/cubicmeter-1-1-plastic', fport: '1', receivedAt: '2026-03-01T10:00:00+08:00' });
    expect(r.out[0]).toMatchObject({ ok: true, decoder: 'lora/quandify/cubicmeter', readings: [{ registerMl: 5_342_000, time: '2026-03-01T02:00:00.000Z' }] });
  });

  it('reads one payload per stdin line with per-line fields, and keeps going after a failure', async () => {
    const lines = [
      CJT188,
      '',
      '# a comment',
      `${QUANDIFY}\tdecoder=lora/quandify/cubicmeter\tfport=1`,
      'ZZ',
      `${CJT188.slice(0, 20)}\tdecoder=cjt188`,
      `${QUANDIFY}\tcolour=blue`,
    ];
    const r = await decode([], {}, lines);
    expect(r.code).toBe(EXIT_OK);
    expect(r.out.map((o) => o.ok)).toEqual([true, true, false, false, false]);
    expect((r.out[2]?.error as { code: string }).code).toBe('CLI_INPUT_INVALID');
    expect((r.out[3]?.error as { code: string }).code).toBe('DECODE_TRUNCATED');
    expect((r.out[4]?.error as { message: string }).message).toContain("unknown field 'colour'");
    expect(r.err).toContain('5 payloads, 2 decoded, 3 failed');
  });

  it('never prints the key, even when a decoder would echo it', async () => {
    const key = '28F64A24988064A079AA2C807D6102AE';
    const r = await decode([CJT188, 'AB'], { key, meterId: key });
    expect(r.raw.join('\n')).not.toContain(key);
    expect(r.err).not.toContain(key);
  });

  it.each<[string, DecodeCommandOptions]>([
    ['a port above 255', { fport: '300' }],
    ['a receive time that is not ISO 8601', { receivedAt: 'yesterday' }],
    ['a key of the wrong length', { key: 'abcd' }],
    ['an unknown time zone', { meterTimeZone: 'Mars/Olympus' }],
    ['a pulse weight that is not a whole number', { pulseVolumeMl: '1.5' }],
  ])('exits 2 on a usage error: %s', async (_name, options) => {
    const r = await decode([CJT188], options);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.out).toEqual([]);
  });

  it('exits 2 when there is neither an argument nor stdin', async () => {
    expect((await decode([], {}, undefined)).code).toBe(EXIT_USAGE);
  });

  const root = fileURLToPath(new URL('../../', import.meta.url));
  const built = existsSync(`${root}dist/cli/main.js`) && existsSync(`${root}dist/cli/commands/decode.js`);
  it.runIf(built)('runs as `node bin/meterflow.js decode` (needs dist/ from npm run build)', () => {
    const stdout = execFileSync('node', ['bin/meterflow.js', 'decode', CJT188], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(stdout.trim())).toMatchObject({ ok: true, decoder: 'cjt188' });
    const usage = spawnSync('node', ['bin/meterflow.js', 'decode', '--fport', 'x', CJT188], { cwd: root, encoding: 'utf8' });
    expect(usage.status).toBe(EXIT_USAGE);
  });
});
