/**
 * The meter's own alarm bits, as its decoder reported them (DecodedAlarm kinds), mapped to flags
 * and to the alarm kind that carries them. Historic alarms (the condition was present earlier
 * but no longer is) set no flag. The table is exhaustive over AlarmKind, so a kind added to the
 * decoder contract must be placed here before the project compiles.
 */
import type { AlarmKind, DecodedAlarm } from '../../../decoders/core/types.js';
import { FLAG } from '../flags.js';
import type { RuleContext } from './context.js';

interface MeterBit {
  flag: number;
  /** The alarm kind raised for it (meter_other kinds keep their own name). */
  alarmKind: string;
}

export const METER_BITS: Readonly<Record<AlarmKind, MeterBit>> = {
  leak: { flag: FLAG.meter_leak, alarmKind: 'leak' },
  burst: { flag: FLAG.burst, alarmKind: 'burst' },
  backflow: { flag: FLAG.meter_backflow, alarmKind: 'reverse_flow' },
  tamper: { flag: FLAG.tamper, alarmKind: 'tamper' },
  magnet: { flag: FLAG.magnet, alarmKind: 'magnet' },
  removal: { flag: FLAG.removal, alarmKind: 'removal' },
  low_battery: { flag: FLAG.low_battery, alarmKind: 'low_battery' },
  dry_pipe: { flag: FLAG.dry_pipe, alarmKind: 'dry_pipe' },
  meter_error: { flag: FLAG.meter_error, alarmKind: 'meter_error' },
  sensor_fault: { flag: FLAG.meter_error, alarmKind: 'meter_error' },
  valve_fault: { flag: FLAG.meter_other, alarmKind: 'valve_fault' },
  valve_closed: { flag: FLAG.meter_other, alarmKind: 'valve_closed' },
  over_temperature: { flag: FLAG.meter_other, alarmKind: 'over_temperature' },
  under_temperature: { flag: FLAG.meter_other, alarmKind: 'under_temperature' },
  overflow: { flag: FLAG.meter_other, alarmKind: 'overflow' },
  communication_error: { flag: FLAG.meter_other, alarmKind: 'communication_error' },
};

/** Alarm kinds raised from meter_other bits: they are named after the meter's own condition. */
export const METER_OTHER_ALARM_KINDS: ReadonlySet<string> = new Set(
  Object.values(METER_BITS)
    .filter((b) => b.flag === FLAG.meter_other)
    .map((b) => b.alarmKind),
);

export function meterAlarmFlag(kind: string): number {
  return (METER_BITS as Record<string, MeterBit | undefined>)[kind]?.flag ?? FLAG.meter_other;
}

/** The flags of the meter's current (non-historic) alarms for `meterId`. */
export function meterAlarmFlags(alarms: readonly DecodedAlarm[], meterId: string): number {
  let flags = 0;
  for (let i = 0; i < alarms.length; i++) {
    const a = alarms[i]!;
    if (a.historic !== true && a.meterId === meterId) flags |= meterAlarmFlag(a.kind);
  }
  return flags;
}

export function checkMeterBits(ctx: RuleContext): number {
  return ctx.meterBitFlags;
}

/**
 * Decoded alarms that reproduce the meter-bit flags of a stored reading (re-validation: what the
 * meter said is known only from the flags it left). One alarm per bit, of the first kind mapping to it.
 */
export function meterAlarmsFromFlags(flags: number, meterId: string, time: string): DecodedAlarm[] {
  const alarms: DecodedAlarm[] = [];
  let seen = 0;
  for (const [kind, bit] of Object.entries(METER_BITS) as Array<[AlarmKind, MeterBit]>) {
    if ((flags & bit.flag) !== 0 && (seen & bit.flag) === 0) {
      seen |= bit.flag;
      alarms.push({ kind, meterId, time });
    }
  }
  return alarms;
}
