/**
 * Parsing of the simulators' option strings (durations, speeds, the path mix, fault rates, fault
 * injections, start times). Each parser returns a value or a SIM_BAD_OPTION error naming the
 * option, so the CLI reports every bad value the same way.
 */
import { badOption, ok, type Result } from './errors.js';
import { localMidnightUtcMs } from './meters/calendar.js';
import {
  FAULT_KINDS,
  METER_FAULTS,
  PATH_KINDS,
  type FaultInjection,
  type FaultKind,
  type MeterFaultKind,
  type NetworkNames,
  type PathKind,
} from './meters/types.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `15m`, `1h`, `2d`, `500ms` → milliseconds. */
export function parseDuration(option: string, text: string): Result<number> {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)$/.exec(text.trim());
  if (!m) return badOption(option, `"${text}" is not a duration (e.g. 30s, 15m, 1h, 2d)`);
  const ms = Number(m[1]) * UNIT_MS[m[2]!]!;
  if (!(ms > 0) || !Number.isFinite(ms)) return badOption(option, `"${text}" must be above zero`);
  return ok(Math.round(ms));
}

export type Speed = number | 'max';

/** `1`, `1x`, `10x`, `1000x`, `max` → a time-compression factor or 'max' (no waiting). */
export function parseSpeed(option: string, text: string): Result<Speed> {
  const t = text.trim().toLowerCase();
  if (t === 'max') return ok('max');
  const m = /^(\d+(?:\.\d+)?)x?$/.exec(t);
  const factor = m ? Number(m[1]) : NaN;
  if (!(factor > 0) || !Number.isFinite(factor))
    return badOption(option, `"${text}" is not a speed (1, 10x, 1000x or max)`);
  return ok(factor);
}

/** `name:value,name:value` with names from `names` and values in [0, max]. */
function parseShares<K extends string>(
  option: string,
  text: string,
  names: readonly K[],
  max: number,
): Result<Partial<Record<K, number>>> {
  const out: Partial<Record<K, number>> = {};
  if (text.trim() === '') return ok(out);
  for (const part of text.split(',')) {
    const m = /^\s*([a-z-]+)\s*:\s*(\d+(?:\.\d+)?|\.\d+)\s*$/.exec(part);
    if (!m) return badOption(option, `"${part}" is not name:share`);
    const name = m[1] as K;
    if (!names.includes(name)) return badOption(option, `unknown name "${m[1]}" (one of ${names.join(', ')})`);
    if (name in out) return badOption(option, `"${name}" is given twice`);
    const value = Number(m[2]);
    if (!(value >= 0 && value <= max)) return badOption(option, `share of ${name} must be from 0 to ${max}`);
    out[name] = value;
  }
  return ok(out);
}

/** `wmbus:0.3,chirpstack:0.3,…`: shares per path (missing paths get 0; normalised by the fleet). */
export function parseMix(option: string, text: string): Result<Record<PathKind, number>> {
  const shares = parseShares(option, text, PATH_KINDS, Number.MAX_SAFE_INTEGER);
  if (!shares.ok) return shares;
  const mix = Object.fromEntries(PATH_KINDS.map((p) => [p, shares.value[p] ?? 0])) as Record<PathKind, number>;
  if (PATH_KINDS.every((p) => mix[p] === 0)) return badOption(option, 'needs a positive share for at least one path');
  return ok(mix);
}

/** `leak:0.01,corrupt:0.001`: fault rates, each from 0 to 1. */
export function parseFaultRates(option: string, text: string): Result<Partial<Record<FaultKind, number>>> {
  const rates = parseShares(option, text, FAULT_KINDS, 1);
  if (!rates.ok) return rates;
  const meterShare = METER_FAULTS.reduce((a, k) => a + (rates.value[k] ?? 0), 0);
  if (meterShare > 1) return badOption(option, 'meter faults add up to more than 1 (a meter has one fault at most)');
  const messageShare = (rates.value.corrupt ?? 0) + (rates.value.truncated ?? 0) + (rates.value['multi-gateway'] ?? 0);
  if (messageShare > 1) return badOption(option, 'message faults add up to more than 1');
  return ok(rates.value);
}

/**
 * A start time: `2026-10-01` (local midnight in `timeZone`), or an ISO 8601 date-time with an
 * offset or Z. Times are kept to whole seconds.
 */
export function parseStart(option: string, text: string, timeZone: string): Result<number> {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) {
    const ms = localMidnightUtcMs(t, timeZone);
    return ms === undefined ? badOption(option, `"${text}" is not a date in ${timeZone}`) : ok(ms);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) {
    return badOption(option, `"${text}" is not YYYY-MM-DD or an ISO 8601 time with Z or an offset`);
  }
  const ms = Date.parse(t);
  return Number.isFinite(ms) ? ok(Math.floor(ms / 1000) * 1000) : badOption(option, `"${text}" is not a valid time`);
}

/**
 * `--inject KIND:METER[@TIME][+DURATION]`, e.g. `leak:M000012@2026-10-05T08:00Z+36h`,
 * `tamper:3`. METER is a meter id, a device id or a 1-based number; TIME as for --start.
 */
export function parseInjection(option: string, text: string, timeZone: string): Result<FaultInjection> {
  const m = /^([a-z-]+):([^@+]+)(?:@([^+]+))?(?:\+(.+))?$/.exec(text.trim());
  if (!m) return badOption(option, `"${text}" is not KIND:METER[@TIME][+DURATION]`);
  const kind = m[1] as MeterFaultKind;
  if (!METER_FAULTS.includes(kind)) {
    return badOption(
      option,
      `"${m[1]}" is not a meter fault (one of ${METER_FAULTS.join(', ')}; message faults are set with --faults)`,
    );
  }
  const injection: FaultInjection = { kind, meter: m[2]!.trim() };
  if (m[3] !== undefined) {
    const at = parseStart(option, m[3], timeZone);
    if (!at.ok) return at;
    injection.atMs = at.value;
  }
  if (m[4] !== undefined) {
    const d = parseDuration(option, m[4]);
    if (!d.ok) return d;
    injection.durationMs = d.value;
  }
  return ok(injection);
}

/** A share from 0 to 1. */
export function parseShare(option: string, text: string): Result<number> {
  const v = Number(text);
  return text.trim() !== '' && v >= 0 && v <= 1 ? ok(v) : badOption(option, `"${text}" must be a number from 0 to 1`);
}

export function parsePositiveInteger(option: string, text: string, max: number): Result<number> {
  const v = Number(text);
  return /^\d+$/.test(text.trim()) && v >= 1 && v <= max
    ? ok(v)
    : badOption(option, `"${text}" must be a whole number from 1 to ${max}`);
}

export const DEFAULT_MIX = 'wmbus:0.3,chirpstack:0.3,tts:0.1,coap:0.2,mqtt:0.1';

export const DEFAULT_NETWORK: NetworkNames = {
  chirpstackJsonApplicationId: '17c82e96-be03-4f38-aef3-f83d48582d97',
  chirpstackProtobufApplicationId: '6f0c1a52-3b8e-4d0e-9a7b-2c4f5d6e7a81',
  ttsApplicationId: 'water-meters',
  ttsTenantId: 'utility',
};
