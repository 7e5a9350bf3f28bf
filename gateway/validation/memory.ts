/**
 * The rules' memory between readings, kept in MeterState.extra (meter_state.state, jsonb). It is
 * read defensively (a state written by an older version, or by hand, lacks fields) and advanced
 * once per accepted reading.
 */
import { FLAG } from './flags.js';
import type { RuleContext, RuleMemory } from './rules/context.js';
import { intervalShowsRest } from './rules/leak.js';
import { intervalFlowLph } from './rules/spike.js';
import { clockOffsetMs } from './rules/time.js';

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function numOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Reads the memory out of a stored state's extra into `into`; missing times default to `sinceMs`. */
export function readMemory(extra: Record<string, unknown>, sinceMs: number, into: RuleMemory): RuleMemory {
  into.zeroFlowAtMs = num(extra.zeroFlowAtMs, sinceMs);
  into.registerChangedAtMs = num(extra.registerChangedAtMs, sinceMs);
  into.averageFlowLph = num(extra.averageFlowLph, 0);
  into.averageSamples = num(extra.averageSamples, 0);
  into.clockOffsetMs = numOrNull(extra.clockOffsetMs);
  into.reverseMl = numOrNull(extra.reverseMl);
  return into;
}

/** Memory for a meter's first reading (or the first of a new installation). */
export function resetMemory(ctx: RuleContext, into: RuleMemory): RuleMemory {
  into.zeroFlowAtMs = ctx.timeMs;
  into.registerChangedAtMs = ctx.timeMs;
  into.averageFlowLph = 0;
  into.averageSamples = 0;
  into.clockOffsetMs = null;
  into.reverseMl = null;
  return into;
}

/** The memory after accepting this reading as the meter's latest, given the flags it got. */
export function advanceMemory(ctx: RuleContext, flags: number): RuleMemory {
  const m = ctx.memory;
  const r = ctx.reading;
  const first = !ctx.hasPrevious;
  let averageFlowLph = m.averageFlowLph;
  let averageSamples = m.averageSamples;
  const flowLph = intervalFlowLph(ctx);
  if (flowLph >= 0 && (flags & FLAG.spike_overload) === 0) {
    averageFlowLph =
      averageSamples === 0 ? flowLph : averageFlowLph + ctx.thresholds.historyWeight * (flowLph - averageFlowLph);
    averageSamples += 1;
  }
  const moved = first || ctx.consumptionMl !== 0;
  return {
    zeroFlowAtMs: first || intervalShowsRest(ctx) ? ctx.timeMs : m.zeroFlowAtMs,
    registerChangedAtMs: moved ? ctx.timeMs : m.registerChangedAtMs,
    averageFlowLph,
    averageSamples,
    clockOffsetMs:
      m.clockOffsetMs === null && r.timeFromMeter && (flags & FLAG.time_future) === 0
        ? clockOffsetMs(ctx)
        : m.clockOffsetMs,
    reverseMl: r.reverseMl ?? m.reverseMl,
  };
}
