/**
 * `meterflow decode [HEX...]`: decodes payloads given as arguments, or one per line on stdin, and
 * prints one JSON line per payload. A stdin line is `HEX` or `HEX<TAB>field=value<TAB>…` with the
 * fields key, decoder, fport, model, received-at, meter-id, meter-time-zone, pulse-volume-ml;
 * a line's fields override the command's options. Exit code 0 even when payloads fail (a summary
 * goes to stderr), 2 on a usage error. Keys are never printed.
 */
import { createInterface } from 'node:readline';
import type { Command, CommanderError } from 'commander';
import { parseHex } from '../../decoders/core/hex.js';
import type { DecoderRegistry } from '../../decoders/core/registry.js';
import type { DecodeContext, DecodeResult } from '../../decoders/core/types.js';
import { defaultRegistry } from '../../decoders/index.js';

export interface DecodeCommandOptions {
  decoder?: string;
  model?: string;
  key?: string;
  fport?: string;
  receivedAt?: string;
  meterId?: string;
  meterTimeZone?: string;
  pulseVolumeMl?: string;
}

export interface DecodeIo {
  /** One JSON line (without the newline). */
  out(line: string): void;
  err(text: string): void;
}

export interface DecodeDeps {
  registry?: DecoderRegistry;
  now?: () => Date;
}

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
/** Code for a stdin line that is not a payload (bad hex, unknown field): not a decoder failure. */
export const LINE_INVALID = 'CLI_INPUT_INVALID';

const LINE_FIELDS: Record<string, keyof DecodeCommandOptions> = {
  key: 'key',
  decoder: 'decoder',
  fport: 'fport',
  model: 'model',
  'received-at': 'receivedAt',
  'meter-id': 'meterId',
  'meter-time-zone': 'meterTimeZone',
  'pulse-volume-ml': 'pulseVolumeMl',
};

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** Builds the decode context and selection from options; a bad value is a message, not a throw. */
function contextFrom(o: DecodeCommandOptions, now: () => Date): Checked<{ ctx: DecodeContext; decoder?: string; model?: string }> {
  const ctx: DecodeContext = { receivedAt: now().toISOString() };
  if (o.receivedAt !== undefined) {
    const t = Date.parse(o.receivedAt);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(o.receivedAt) || Number.isNaN(t)) return { ok: false, message: `--received-at '${o.receivedAt}' is not an ISO 8601 time` };
    ctx.receivedAt = new Date(t).toISOString();
  }
  if (o.fport !== undefined) {
    if (!/^\d{1,3}$/.test(o.fport) || Number(o.fport) > 255) return { ok: false, message: `--fport '${o.fport}' is not a port 0–255` };
    ctx.fPort = Number(o.fport);
  }
  if (o.key !== undefined) {
    if (!/^([0-9a-fA-F]{16}|[0-9a-fA-F]{32})$/.test(o.key)) return { ok: false, message: '--key is not 16 (DES) or 32 (AES-128) hex digits' };
    ctx.key = o.key;
  }
  if (o.pulseVolumeMl !== undefined) {
    if (!/^[1-9]\d{0,8}$/.test(o.pulseVolumeMl)) return { ok: false, message: `--pulse-volume-ml '${o.pulseVolumeMl}' is not a positive whole number of millilitres` };
    ctx.pulseVolumeMl = Number(o.pulseVolumeMl);
  }
  if (o.meterTimeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: o.meterTimeZone });
    } catch {
      return { ok: false, message: `--meter-time-zone '${o.meterTimeZone}' is not an IANA time zone` };
    }
    ctx.meterTimeZone = o.meterTimeZone;
  }
  if (o.meterId !== undefined) ctx.meterId = o.meterId;
  if (o.model !== undefined) ctx.model = o.model;
  const selection: { ctx: DecodeContext; decoder?: string; model?: string } = { ctx };
  if (o.decoder !== undefined) selection.decoder = o.decoder;
  if (o.model !== undefined) selection.model = o.model;
  return { ok: true, value: selection };
}

function redact(line: string, key: string | undefined): string {
  return key !== undefined && key.length > 0 ? line.split(key).join('[redacted]') : line;
}

function resultLine(r: DecodeResult): string {
  if (!r.ok) return JSON.stringify({ ok: false, decoder: r.decoder, error: r.error });
  return JSON.stringify({ ok: true, decoder: r.decoder, readings: r.readings, history: r.history, alarms: r.alarms, warnings: r.warnings, meta: r.meta });
}

function invalidLine(message: string): string {
  return JSON.stringify({ ok: false, error: { code: LINE_INVALID, message } });
}

/** Splits `HEX<TAB>field=value…` into the payload and option overrides. */
function parseLine(line: string): Checked<{ hex: string; fields: DecodeCommandOptions }> {
  const [hex = '', ...rest] = line.split('\t');
  const fields: DecodeCommandOptions = {};
  for (const part of rest) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const option = LINE_FIELDS[name.trim()];
    if (option === undefined) return { ok: false, message: `unknown field '${name.trim()}' (known: ${Object.keys(LINE_FIELDS).join(', ')})` };
    fields[option] = part.slice(eq + 1).trim();
  }
  return { ok: true, value: { hex: hex.trim(), fields } };
}

class Tally {
  ok = 0;
  failed = 0;
  readonly codes = new Map<string, number>();
  add(line: string, ok: boolean, code?: string): string {
    if (ok) this.ok++;
    else {
      this.failed++;
      if (code !== undefined) this.codes.set(code, (this.codes.get(code) ?? 0) + 1);
    }
    return line;
  }
  summary(): string {
    const codes = [...this.codes].map(([c, n]) => `${c} ${n}`).join(', ');
    return `decode: ${this.ok + this.failed} payloads, ${this.ok} decoded, ${this.failed} failed${codes ? ` (${codes})` : ''}\n`;
  }
}

function decodeOne(hex: string, options: DecodeCommandOptions, registry: DecoderRegistry, now: () => Date, tally: Tally): string {
  const checked = contextFrom(options, now);
  if (!checked.ok) return tally.add(invalidLine(checked.message), false, LINE_INVALID);
  const bytes = parseHex(hex);
  if (bytes === undefined) return tally.add(invalidLine(`'${hex.slice(0, 40)}' is not an even number of hex digits`), false, LINE_INVALID);
  const { ctx, decoder, model } = checked.value;
  const selection: { decoder?: string; model?: string } = {};
  if (decoder !== undefined) selection.decoder = decoder;
  if (model !== undefined) selection.model = model;
  const result = registry.decode(bytes, ctx, selection);
  return tally.add(redact(resultLine(result), ctx.key), result.ok, result.ok ? undefined : result.error.code);
}

/**
 * Decodes the argument payloads, or else every non-empty line of `lines`; returns the exit code.
 * Option values are checked first: a bad one is a usage error (exit 2) before anything is decoded.
 */
export async function runDecode(
  payloads: string[],
  options: DecodeCommandOptions,
  io: DecodeIo,
  lines: AsyncIterable<string> | Iterable<string> | undefined,
  deps: DecodeDeps = {},
): Promise<number> {
  const now = deps.now ?? (() => new Date());
  const checked = contextFrom(options, now);
  if (!checked.ok) {
    io.err(`meterflow decode: ${checked.message}\n`);
    return EXIT_USAGE;
  }
  if (payloads.length === 0 && lines === undefined) {
    io.err('meterflow decode: give payloads as hex arguments or pipe one per line on stdin (see --help)\n');
    return EXIT_USAGE;
  }
  const registry = deps.registry ?? defaultRegistry();
  const tally = new Tally();
  if (payloads.length > 0) {
    for (const hex of payloads) io.out(decodeOne(hex, options, registry, now, tally));
  } else if (lines !== undefined) {
    for await (const raw of lines) {
      const line = raw.replace(/\r$/, '');
      if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
      const parsed = parseLine(line);
      if (!parsed.ok) {
        io.out(tally.add(invalidLine(parsed.message), false, LINE_INVALID));
        continue;
      }
      io.out(decodeOne(parsed.value.hex, { ...options, ...parsed.value.fields }, registry, now, tally));
    }
  }
  io.err(tally.summary());
  return EXIT_OK;
}

export function registerDecode(program: Command): void {
  program
    .command('decode')
    .description('decode meter payloads (hex) to readings, history and alarms, one JSON line per payload')
    .argument('[hex...]', 'payloads in hex; without any, one payload per stdin line: HEX or HEX<TAB>field=value<TAB>… (fields: key, decoder, fport, model, received-at, meter-id, meter-time-zone, pulse-volume-ml)')
    .option('--decoder <id>', 'decoder id to use (e.g. cjt188, wmbus, lora/quandify/cubicmeter); default: by model, else recognised from the bytes')
    .option('--model <vendor/model>', 'device model, e.g. quandify/cubicmeter-1-1-plastic, to pick the vendor decoder')
    .option('--key <hex>', 'AES-128 (32 hex digits) or DES (16) key for encrypted wM-Bus payloads; never printed')
    .option('--fport <n>', 'LoRaWAN fPort of the payloads')
    .option('--received-at <iso>', 'receive time (ISO 8601) for readings without a meter time; default now')
    .option('--meter-id <id>', 'meter id to report when the payload carries none')
    .option('--meter-time-zone <zone>', 'IANA zone of the meter clock (default Asia/Shanghai)')
    .option('--pulse-volume-ml <n>', 'millilitres per pulse for pulse counters (default 1000, with a warning)')
    .exitOverride((err: CommanderError) => {
      // Usage errors exit 2 (help and version exit 0), as the command's contract says.
      process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE);
    })
    .action(async (hex: string[], options: DecodeCommandOptions) => {
      const io: DecodeIo = { out: (line) => process.stdout.write(`${line}\n`), err: (text) => process.stderr.write(text) };
      const stdin = hex.length === 0 && !process.stdin.isTTY ? createInterface({ input: process.stdin, crlfDelay: Infinity }) : undefined;
      process.exitCode = await runDecode(hex, options, io, stdin);
    });
}
