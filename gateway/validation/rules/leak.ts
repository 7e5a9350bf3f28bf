/**
 * Continuous flow (a leak): no zero-flow interval within the leak window (24 h by default). An
 * interval shows rest when the register did not move, when the meter reports zero flow, or when
 * it is too long to rule a rest out (longer than leakMaxIntervalS). The meter's own leak bit is a
 * meter bit (rules/meter-bits.ts).
 */
import { FLAG } from '../flags.js';
import type { RuleContext } from './context.js';

/** True when the interval ending at this reading had, or may have had, a zero-flow period. */
export function intervalShowsRest(ctx: RuleContext): boolean {
  if (ctx.reading.flowLph === 0 || ctx.consumptionMl === 0) return true;
  return ctx.elapsedMs > ctx.thresholds.leakMaxIntervalS * 1_000;
}

/** continuous_flow: water has flowed without rest for at least the leak window. */
export function checkContinuousFlow(ctx: RuleContext): number {
  const windowS = ctx.thresholds.leakWindowS;
  if (windowS <= 0 || ctx.consumptionMl <= 0 || intervalShowsRest(ctx)) return 0;
  return ctx.timeMs - ctx.memory.zeroFlowAtMs >= windowS * 1_000 ? FLAG.continuous_flow : 0;
}
