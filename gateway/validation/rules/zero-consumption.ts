/** Zero consumption: the register has not moved for N days on an active account (stopped or stuck meter). */
import { FLAG } from '../flags.js';
import type { RuleContext } from './context.js';

const DAY_MS = 86_400_000;

export function checkZeroConsumption(ctx: RuleContext): number {
  if (ctx.profile.accountActive === false || ctx.consumptionMl !== 0) return 0;
  const days = ctx.thresholds.zeroConsumptionDays;
  if (days <= 0) return 0;
  return ctx.timeMs - ctx.memory.registerChangedAtMs >= days * DAY_MS ? FLAG.zero_consumption : 0;
}
