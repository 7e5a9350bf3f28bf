/** Gap: no reading for longer than the meter's expected interval × the gap factor before this one. */
import { FLAG } from '../flags.js';
import type { RuleContext } from './context.js';

export function checkGap(ctx: RuleContext): number {
  if (!ctx.hasPrevious) return 0;
  return ctx.elapsedMs > ctx.profile.expectedIntervalS * ctx.thresholds.gapFactor * 1_000 ? FLAG.gap : 0;
}
