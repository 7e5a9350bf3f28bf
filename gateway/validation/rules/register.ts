/**
 * Register rules: a register that went backwards, told apart from a rollover at the register's
 * capacity (10^register_digits m³, e.g. 99999.999 m³ → 0) by plausibility: the wrapped volume
 * must be passable within the elapsed time at no more than the meter's overload flow Q4.
 */
import { FLAG } from '../flags.js';
import { volumeAtFlowMl } from '../thresholds.js';
import type { RuleContext } from './context.js';

/** The volume a wrap from `previousMl` to `registerMl` implies at a register of `capacityMl`. */
export function wrappedVolumeMl(previousMl: number, registerMl: number, capacityMl: number): number {
  return capacityMl - previousMl + registerMl;
}

/**
 * True when a drop from `previousMl` to `registerMl` over `elapsedMs` is a plausible rollover: both
 * values are below capacity and the wrapped volume, less one step of the register's resolution,
 * fits within Q4 × overloadFactor over the elapsed time.
 */
export function isPlausibleRollover(ctx: RuleContext): boolean {
  const { previousRegisterMl: prev, capacityMl } = ctx;
  const reg = ctx.reading.registerMl;
  if (ctx.elapsedMs <= 0 || prev >= capacityMl || reg >= capacityMl || reg >= prev) return false;
  const wrapped = wrappedVolumeMl(prev, reg, capacityMl) - ctx.thresholds.registerResolutionMl;
  return wrapped <= volumeAtFlowMl(ctx.q4Lph * ctx.thresholds.overloadFactor, ctx.elapsedMs);
}

/** register_range: the register is at or above its capacity (register_digits is wrong). */
export function checkRegisterRange(ctx: RuleContext): number {
  return ctx.reading.registerMl >= ctx.capacityMl || ctx.reading.registerMl < 0 ? FLAG.register_range : 0;
}

/** register_backwards or register_rollover, for a reading later than the previous one. */
export function checkRegisterDirection(ctx: RuleContext): number {
  if (!ctx.hasPrevious || ctx.elapsedMs <= 0) return 0;
  const drop = ctx.previousRegisterMl - ctx.reading.registerMl;
  if (drop <= 0) return 0;
  if (isPlausibleRollover(ctx)) return FLAG.register_rollover;
  return drop > ctx.thresholds.backwardsToleranceMl ? FLAG.register_backwards : 0;
}

/**
 * The volume since the previous reading (mL), counting a plausible rollover as the wrapped volume
 * and a tolerated small drop as 0; −1 when it is unknown (no previous reading, not later than it,
 * or the register went backwards).
 */
export function intervalConsumptionMl(ctx: RuleContext): number {
  if (!ctx.hasPrevious || ctx.elapsedMs <= 0) return -1;
  const reg = ctx.reading.registerMl;
  const drop = ctx.previousRegisterMl - reg;
  if (drop <= 0) return -drop;
  if (isPlausibleRollover(ctx)) return wrappedVolumeMl(ctx.previousRegisterMl, reg, ctx.capacityMl);
  return drop <= ctx.thresholds.backwardsToleranceMl ? 0 : -1;
}
