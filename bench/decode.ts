/**
 * `meterflow bench decode [--quick]`: payloads decoded per second on one core, per decoder and
 * for a mixed stream of all of them, each beside a baseline measured in the same run: JSON.parse
 * of the equivalent decode result as JSON (what a gateway that received readings as JSON would
 * do at least). Rates are medians of several rounds. Targets: ≥ 500,000/s for plain wM-Bus and
 * CJ/T 188, ≥ 100,000/s for AES.
 */
import { hexBytes } from '../decoders/core/hex.js';
import type { DecoderRegistry } from '../decoders/core/registry.js';
import type { DecodeContext } from '../decoders/core/types.js';
import { defaultRegistry } from '../decoders/index.js';
import { benchPayloads, type BenchPayload } from './decode-payloads.js';
import { formatRate, formatRatio, measureRate, summaryLine, type BenchReport, type RoundOptions } from './summary.js';

export interface DecodeBenchOptions {
  quick?: boolean;
  /** Overrides for tests. */
  rounds?: number;
  roundMs?: number;
  registry?: DecoderRegistry;
}

export interface DecoderRate {
  label: string;
  decoder: string;
  perSecond: number;
  baselinePerSecond: number;
}

export interface DecodeBenchResult extends BenchReport {
  rates: DecoderRate[];
  mixed: { perSecond: number; baselinePerSecond: number };
}

const RECEIVED_AT = '2026-01-01T00:00:00.000Z';

interface Prepared {
  payload: BenchPayload;
  bytes: Uint8Array;
  ctx: DecodeContext;
  json: string;
}

function prepare(registry: DecoderRegistry, payloads: readonly BenchPayload[]): { ready: Prepared[]; skipped: string[] } {
  const ready: Prepared[] = [];
  const skipped: string[] = [];
  for (const payload of payloads) {
    if (registry.byId(payload.decoder) === undefined) {
      skipped.push(`${payload.label}: decoder '${payload.decoder}' is not registered`);
      continue;
    }
    const bytes = hexBytes(payload.hex);
    const ctx: DecodeContext = { receivedAt: RECEIVED_AT, ...payload.context };
    const result = registry.decode(bytes, ctx, { decoder: payload.decoder });
    if (!result.ok) {
      skipped.push(`${payload.label}: does not decode (${result.error.code})`);
      continue;
    }
    ready.push({ payload, bytes, ctx, json: JSON.stringify(result) });
  }
  return { ready, skipped };
}

export async function runDecodeBench(options: DecodeBenchOptions = {}): Promise<DecodeBenchResult> {
  const quick = options.quick ?? false;
  const round: RoundOptions = { rounds: options.rounds ?? (quick ? 3 : 7), roundMs: options.roundMs ?? (quick ? 150 : 600) };
  const registry = options.registry ?? defaultRegistry();
  const { ready, skipped } = prepare(registry, benchPayloads);
  const rates: DecoderRate[] = [];
  const lines: string[] = [`decode bench: ${round.rounds} rounds of ${round.roundMs} ms per case, median, one core`];
  for (const p of ready) {
    const selection = { decoder: p.payload.decoder };
    const decode = measureRate(() => registry.decode(p.bytes, p.ctx, selection), round);
    const baseline = measureRate(() => JSON.parse(p.json) as unknown, round);
    rates.push({ label: p.payload.label, decoder: p.payload.decoder, perSecond: decode.perSecond, baselinePerSecond: baseline.perSecond });
    lines.push(
      `  ${p.payload.label.padEnd(34)} ${formatRate(decode.perSecond).padStart(11)} payloads/s   JSON.parse ${formatRate(baseline.perSecond).padStart(11)}/s   ratio ${formatRatio(decode.perSecond / baseline.perSecond)}`,
    );
  }
  for (const s of skipped) lines.push(`  skipped: ${s}`);
  const n = ready.length;
  const mixedDecode = measureRate((i) => {
    const p = ready[i % n] as Prepared;
    return registry.decode(p.bytes, p.ctx, { decoder: p.payload.decoder });
  }, round);
  const mixedBaseline = measureRate((i) => JSON.parse((ready[i % n] as Prepared).json) as unknown, round);
  lines.push(`  mixed stream of the ${n} payloads above, round robin`);
  return {
    lines,
    rates,
    mixed: { perSecond: mixedDecode.perSecond, baselinePerSecond: mixedBaseline.perSecond },
    summary: summaryLine('decode', mixedDecode.perSecond, mixedBaseline.perSecond, 'payloads/s'),
  };
}
