/**
 * Time rules. A reading's time is the meter's own where the payload carries one (timeFromMeter),
 * else its receive time; the checks against receipt only apply to meter time.
 */
import { FLAG } from '../flags.js';
import type { RuleContext } from './context.js';

/** time_future: the meter's time is later than the receipt by more than the tolerance. */
export function checkFuture(ctx: RuleContext): number {
  if (!ctx.reading.timeFromMeter) return 0;
  return ctx.timeMs - ctx.receivedAtMs > ctx.thresholds.futureToleranceS * 1_000 ? FLAG.time_future : 0;
}

/** time_stale: the meter's time is earlier than the receipt by more than staleAfterS. */
export function checkStale(ctx: RuleContext): number {
  if (!ctx.reading.timeFromMeter) return 0;
  return ctx.receivedAtMs - ctx.timeMs > ctx.thresholds.staleAfterS * 1_000 ? FLAG.time_stale : 0;
}

/** receive time − meter time, ms. */
export function clockOffsetMs(ctx: RuleContext): number {
  return ctx.receivedAtMs - ctx.timeMs;
}

/**
 * clock_drift: the offset between receive time and meter time moved more than the tolerance away
 * from its baseline (the offset at the first meter-timed reading of the installation).
 */
export function checkClockDrift(ctx: RuleContext): number {
  const toleranceS = ctx.thresholds.clockDriftToleranceS;
  const baseline = ctx.memory.clockOffsetMs;
  if (!ctx.reading.timeFromMeter || toleranceS <= 0 || baseline === null) return 0;
  return Math.abs(clockOffsetMs(ctx) - baseline) > toleranceS * 1_000 ? FLAG.clock_drift : 0;
}

/**
 * out_of_order: older than the latest accepted reading. duplicate_conflict: the same time as the
 * latest accepted reading with a different register (the same time and register is a plain
 * duplicate, not flagged).
 */
export function checkOrder(ctx: RuleContext): number {
  if (!ctx.hasPrevious) return 0;
  if (ctx.timeMs < ctx.previousTimeMs) return FLAG.out_of_order;
  if (ctx.timeMs === ctx.previousTimeMs && ctx.reading.registerMl !== ctx.previousRegisterMl)
    return FLAG.duplicate_conflict;
  return 0;
}
