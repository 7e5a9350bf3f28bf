/**
 * Spike rules: a flow the meter cannot physically pass (above its overload flow Q4, from the
 * interval's volume or the flow the meter reports), or far above the meter's own recent flow.
 */
import { FLAG } from '../flags.js';
import { volumeAtFlowMl } from '../thresholds.js';
import type { RuleContext } from './context.js';

/** The interval's average flow in L/h, less one register step (so resolution is never a spike). */
export function intervalFlowLph(ctx: RuleContext): number {
  if (ctx.consumptionMl < 0 || ctx.elapsedMs <= 0) return -1;
  const volumeMl = ctx.consumptionMl - ctx.thresholds.registerResolutionMl;
  return volumeMl <= 0 ? 0 : (volumeMl * 3_600) / ctx.elapsedMs;
}

/** spike_overload: interval volume above Q4 × factor over the elapsed time, or reported flow above it. */
export function checkOverload(ctx: RuleContext): number {
  const limitLph = ctx.q4Lph * ctx.thresholds.overloadFactor;
  const r = ctx.reading;
  if ((r.flowLph !== undefined && r.flowLph > limitLph) || (r.maxFlowLph !== undefined && r.maxFlowLph > limitLph)) {
    return FLAG.spike_overload;
  }
  if (ctx.consumptionMl < 0 || ctx.elapsedMs <= 0) return 0;
  const volumeMl = ctx.consumptionMl - ctx.thresholds.registerResolutionMl;
  return volumeMl > volumeAtFlowMl(limitLph, ctx.elapsedMs) ? FLAG.spike_overload : 0;
}

/**
 * spike_history: the interval's flow is above historySpikeFactor × the recent average and above
 * historySpikeMinQ3Fraction × Q3, once the average has historyMinSamples intervals behind it.
 */
export function checkHistorySpike(ctx: RuleContext): number {
  const t = ctx.thresholds;
  if (ctx.memory.averageSamples < t.historyMinSamples) return 0;
  const flowLph = intervalFlowLph(ctx);
  if (flowLph <= 0) return 0;
  return flowLph > t.historySpikeFactor * ctx.memory.averageFlowLph &&
    flowLph >= t.historySpikeMinQ3Fraction * ctx.q3Lph
    ? FLAG.spike_history
    : 0;
}
