/**
 * Reverse flow from the register data: the meter's reverse (backflow) register grew by more than
 * one register step, or its reported flow is negative. The meter's backflow bit is a meter bit.
 */
import { FLAG } from '../flags.js';
import type { RuleContext } from './context.js';

export function checkReverseFlow(ctx: RuleContext): number {
  const r = ctx.reading;
  if (r.flowLph !== undefined && r.flowLph < 0) return FLAG.reverse_flow;
  const previous = ctx.memory.reverseMl;
  if (r.reverseMl === undefined || previous === null || !ctx.hasPrevious) return 0;
  return r.reverseMl - previous > ctx.thresholds.registerResolutionMl ? FLAG.reverse_flow : 0;
}
