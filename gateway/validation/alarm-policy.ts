/**
 * Which flags raise which alarm, and the lifecycle decision per reading: an alarm is raised when
 * its condition appears (it was not active), stays active while the condition holds, and is
 * cleared by the first later reading without it. Readings that do not advance the meter's state
 * (out of order, in the future, a duplicate time) may raise but never clear: they say nothing
 * about the meter now. Alarms that only the meter's own bits can raise are cleared only by a
 * payload that reported the meter's status.
 */
import type { DecodedAlarm } from '../../decoders/core/types.js';
import { FLAG, FLAG_NAMES, METER_BIT_FLAGS, type FlagName } from './flags.js';
import type { RuleContext } from './rules/context.js';
import { METER_BITS, METER_OTHER_ALARM_KINDS } from './rules/meter-bits.js';
import { intervalFlowLph } from './rules/spike.js';
import { clockOffsetMs } from './rules/time.js';
import type { AlarmChange } from './types.js';

export interface AlarmRule {
  kind: string;
  /** The flags that make the condition true. */
  mask: number;
  severity: AlarmChange['severity'];
}

export const ALARM_RULES: readonly AlarmRule[] = [
  { kind: 'register_backwards', mask: FLAG.register_backwards, severity: 'critical' },
  { kind: 'register_range', mask: FLAG.register_range, severity: 'warning' },
  { kind: 'spike', mask: FLAG.spike_overload | FLAG.spike_history, severity: 'warning' },
  { kind: 'leak', mask: FLAG.continuous_flow | FLAG.meter_leak, severity: 'warning' },
  { kind: 'burst', mask: FLAG.burst, severity: 'critical' },
  { kind: 'zero_consumption', mask: FLAG.zero_consumption, severity: 'warning' },
  { kind: 'reverse_flow', mask: FLAG.reverse_flow | FLAG.meter_backflow, severity: 'warning' },
  { kind: 'tamper', mask: FLAG.tamper, severity: 'critical' },
  { kind: 'magnet', mask: FLAG.magnet, severity: 'critical' },
  { kind: 'removal', mask: FLAG.removal, severity: 'critical' },
  { kind: 'low_battery', mask: FLAG.low_battery, severity: 'warning' },
  { kind: 'dry_pipe', mask: FLAG.dry_pipe, severity: 'warning' },
  { kind: 'meter_error', mask: FLAG.meter_error, severity: 'warning' },
  { kind: 'clock', mask: FLAG.time_future | FLAG.time_stale | FLAG.clock_drift, severity: 'warning' },
  { kind: 'conflict', mask: FLAG.duplicate_conflict, severity: 'warning' },
  { kind: 'gap', mask: FLAG.gap, severity: 'info' },
];

/** Severity of alarms named after a meter's own condition (valve_fault, overflow, ...). */
export const METER_OTHER_SEVERITY: AlarmChange['severity'] = 'warning';

/** The name of the lowest flag of `mask` set in `flags`: the source of an alarm. */
function firstFlagName(flags: number): FlagName {
  for (const name of FLAG_NAMES) if ((flags & FLAG[name]) !== 0) return name;
  return FLAG_NAMES[0]!;
}

type Detail = NonNullable<AlarmChange['detail']>;

/** What an engineer needs to see on a raised alarm. */
function detailFor(kind: string, ctx: RuleContext, meterAlarms: readonly DecodedAlarm[]): Detail {
  const r = ctx.reading;
  const detail: Detail = { readingTime: r.time, registerMl: r.registerMl };
  switch (kind) {
    case 'register_backwards':
    case 'register_range':
      if (ctx.hasPrevious) detail.previousRegisterMl = ctx.previousRegisterMl;
      detail.capacityMl = ctx.capacityMl;
      break;
    case 'spike':
      detail.intervalFlowLph = Math.round(intervalFlowLph(ctx));
      detail.q4Lph = ctx.q4Lph;
      if (r.flowLph !== undefined) detail.flowLph = r.flowLph;
      break;
    case 'leak':
      detail.sinceRestMs = ctx.timeMs - ctx.memory.zeroFlowAtMs;
      break;
    case 'zero_consumption':
      detail.sinceChangeMs = ctx.timeMs - ctx.memory.registerChangedAtMs;
      break;
    case 'clock':
      detail.clockOffsetMs = clockOffsetMs(ctx);
      if (ctx.memory.clockOffsetMs !== null) detail.baselineOffsetMs = ctx.memory.clockOffsetMs;
      break;
    case 'conflict':
      detail.storedRegisterMl = ctx.previousRegisterMl;
      break;
    case 'gap':
      detail.elapsedMs = ctx.elapsedMs;
      detail.expectedIntervalS = ctx.profile.expectedIntervalS;
      break;
  }
  for (const a of meterAlarms) {
    if (
      a.historic !== true &&
      a.detail !== undefined &&
      (METER_BITS as Record<string, { alarmKind: string }>)[a.kind]?.alarmKind === kind
    ) {
      detail.meterDetail = a.detail;
      break;
    }
  }
  return detail;
}

export interface AlarmDecision {
  alarms: AlarmChange[];
  stillActive: string[] | undefined;
}

/**
 * Raise/clear decisions for one reading with `flags`. `advancing`: the reading becomes the
 * meter's latest (so absent conditions have ended). `statusReported`: the payload reported the
 * meter's status (so absent meter bits have ended).
 */
export function decideAlarms(
  ctx: RuleContext,
  flags: number,
  active: readonly string[],
  meterAlarms: readonly DecodedAlarm[],
  advancing: boolean,
  statusReported: boolean,
): AlarmDecision {
  let alarms: AlarmChange[] | undefined;
  let stillActive: string[] | undefined;
  for (let i = 0; i < ALARM_RULES.length; i++) {
    const rule = ALARM_RULES[i]!;
    const hit = flags & rule.mask;
    const isActive = active.length !== 0 && active.includes(rule.kind);
    if (hit !== 0) {
      if (!isActive) {
        (alarms ??= []).push({
          action: 'raise',
          kind: rule.kind,
          source: firstFlagName(hit),
          severity: rule.severity,
          detail: detailFor(rule.kind, ctx, meterAlarms),
        });
      } else if (advancing) {
        (stillActive ??= []).push(rule.kind);
      }
    } else if (isActive && advancing && (statusReported || (rule.mask & METER_BIT_FLAGS) === 0)) {
      (alarms ??= []).push({ action: 'clear', kind: rule.kind, source: 'ended', severity: rule.severity });
    }
  }
  if ((flags & FLAG.meter_other) !== 0 || (statusReported && advancing && active.length !== 0)) {
    const other = otherMeterAlarms(meterAlarms, ctx.reading.meterId);
    for (const kind of other) {
      if (!active.includes(kind)) {
        (alarms ??= []).push({
          action: 'raise',
          kind,
          source: 'meter_other',
          severity: METER_OTHER_SEVERITY,
          detail: detailFor(kind, ctx, meterAlarms),
        });
      } else if (advancing) {
        (stillActive ??= []).push(kind);
      }
    }
    if (statusReported && advancing) {
      for (const kind of active) {
        if (METER_OTHER_ALARM_KINDS.has(kind) && !other.includes(kind)) {
          (alarms ??= []).push({ action: 'clear', kind, source: 'ended', severity: METER_OTHER_SEVERITY });
        }
      }
    }
  }
  return { alarms: alarms ?? [], stillActive };
}

/** Kinds of the meter's current alarms that have no flag of their own (named after the condition). */
function otherMeterAlarms(meterAlarms: readonly DecodedAlarm[], meterId: string): string[] {
  const kinds: string[] = [];
  for (const a of meterAlarms) {
    if (a.historic === true || a.meterId !== meterId) continue;
    const bit = (METER_BITS as Record<string, { flag: number; alarmKind: string } | undefined>)[a.kind];
    const kind = bit ? (bit.flag === FLAG.meter_other ? bit.alarmKind : undefined) : a.kind;
    if (kind !== undefined && !kinds.includes(kind)) kinds.push(kind);
  }
  return kinds;
}
