/**
 * The validation stage: composes the rules into the gateway's `Validator`. Per reading it parses
 * three timestamps, runs each rule (pure functions of one reusable context), decides the alarm
 * changes and builds the next state. It never drops a reading.
 *
 * A reading *advances* the meter (becomes its latest state) when it is later than the latest
 * accepted reading and not in the future; interval rules (register, spike, leak, zero
 * consumption, gap) only apply to an advancing reading. An out-of-order reading, a duplicate
 * time, or a reading from the future keeps the old state.
 */
import { decideAlarms } from './alarm-policy.js';
import { FLAG } from './flags.js';
import { advanceMemory, readMemory, resetMemory } from './memory.js';
import { emptyContext, type RuleContext } from './rules/context.js';
import { checkGap } from './rules/gap.js';
import { checkContinuousFlow } from './rules/leak.js';
import { checkMeterBits, meterAlarmFlags } from './rules/meter-bits.js';
import { checkRegisterDirection, checkRegisterRange, intervalConsumptionMl } from './rules/register.js';
import { checkReverseFlow } from './rules/reverse-flow.js';
import { checkHistorySpike, checkOverload } from './rules/spike.js';
import { checkClockDrift, checkFuture, checkOrder, checkStale } from './rules/time.js';
import { checkZeroConsumption } from './rules/zero-consumption.js';
import { meterQ3Lph, meterQ4Lph, registerCapacityMl, ThresholdTable, type ValidationConfig } from './thresholds.js';
import type { MeterState, ValidationInput, ValidationOutput, Validator } from './types.js';

type Rule = (ctx: RuleContext) => number;

/** Rules that need no previous reading. */
const READING_RULES: readonly Rule[] = [
  checkRegisterRange,
  checkOverload,
  checkReverseFlow,
  checkMeterBits,
  checkFuture,
  checkStale,
  checkClockDrift,
];

/** Rules over the interval since the previous reading (advancing readings only). */
const INTERVAL_RULES: readonly Rule[] = [
  checkRegisterDirection,
  checkHistorySpike,
  checkContinuousFlow,
  checkZeroConsumption,
  checkGap,
];

export interface ValidatorOptions {
  config?: ValidationConfig;
}

/** Builds the validator. It keeps one scratch context, so it is not re-entrant (it is synchronous). */
export function createValidator(options: ValidatorOptions = {}): Validator {
  const table = new ThresholdTable(options.config);
  const ctx = emptyContext();
  const previousMemory = ctx.memory;

  return function validate(input: ValidationInput): ValidationOutput {
    const { reading, profile } = input;
    const thresholds = table.forClass(profile.meterClass);
    ctx.reading = reading;
    ctx.profile = profile;
    ctx.thresholds = thresholds;
    ctx.q3Lph = meterQ3Lph(profile, thresholds);
    ctx.q4Lph = meterQ4Lph(profile, thresholds);
    ctx.capacityMl = registerCapacityMl(profile.registerDigits);
    ctx.timeMs = Date.parse(reading.time);
    ctx.receivedAtMs = Date.parse(input.receivedAt);

    let state: MeterState | undefined = input.state;
    let previousTimeMs = state === undefined ? NaN : Date.parse(state.lastTime);
    if (state !== undefined && profile.installedAt !== undefined && previousTimeMs < Date.parse(profile.installedAt)) {
      state = undefined; // the stored state belongs to an earlier installation
      previousTimeMs = NaN;
    }
    ctx.hasPrevious = state !== undefined;
    ctx.previousTimeMs = state === undefined ? 0 : previousTimeMs;
    ctx.previousRegisterMl = state === undefined ? 0 : state.lastRegisterMl;
    ctx.meterBitFlags = input.meterAlarms.length === 0 ? 0 : meterAlarmFlags(input.meterAlarms, reading.meterId);
    ctx.memory =
      state === undefined
        ? resetMemory(ctx, previousMemory)
        : readMemory(state.extra ?? {}, previousTimeMs, previousMemory);

    let flags = checkOrder(ctx);
    const later = state === undefined || ctx.timeMs > ctx.previousTimeMs;
    ctx.elapsedMs = state !== undefined && later ? ctx.timeMs - ctx.previousTimeMs : 0;
    ctx.consumptionMl = later ? intervalConsumptionMl(ctx) : -1;

    for (let i = 0; i < READING_RULES.length; i++) flags |= READING_RULES[i]!(ctx);
    const advancing = later && (flags & FLAG.time_future) === 0;
    if (advancing && state !== undefined) {
      for (let i = 0; i < INTERVAL_RULES.length; i++) flags |= INTERVAL_RULES[i]!(ctx);
    }

    const decision = decideAlarms(
      ctx,
      flags,
      input.activeAlarmKinds,
      input.meterAlarms,
      advancing,
      input.meterStatusReported !== false,
    );
    const nextState: MeterState | undefined = advancing
      ? {
          lastTime: reading.time,
          lastRegisterMl: reading.registerMl,
          lastReceivedAt: input.receivedAt,
          lastFlowLph: reading.flowLph,
          extra: advanceMemory(ctx, flags) as unknown as Record<string, unknown>,
        }
      : undefined;
    const output: ValidationOutput = { flags, alarms: decision.alarms, nextState };
    if (decision.stillActive !== undefined) output.stillActive = decision.stillActive;
    return output;
  };
}
