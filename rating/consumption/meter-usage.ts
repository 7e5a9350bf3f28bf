/**
 * Consumption per meter installation within a period, from register values.
 *
 * A meter installed before the period needs its register at the period start; one installed
 * during the period starts from its initial register. A meter still installed at the end needs
 * its register at the end; one removed during the period ends on its final register. So a meter
 * exchange gives (old final − old start) + (new end − new initial), and tiers continue across it
 * because both meters' volume lands in the same period. A register that went down is a rollover
 * (current + 10^digits m³ − previous) when the rolled-over volume is below half the register's
 * capacity; otherwise it is an error.
 */
import type { BillingPeriod, BoundaryRegister, MeterInstallation, ReadingQuality } from '../account.js';
import { fail, ratingError, succeed, type Outcome } from '../errors.js';
import { maxDate, minDate } from '../periods/civil-date.js';

export interface MeterInterval {
  meter: MeterInstallation;
  from: string;
  to: string;
  startRegisterMl: number;
  endRegisterMl: number;
  volumeMl: number;
  rollover: boolean;
  quality: ReadingQuality;
  readingsUsed: string[];
}

const ML_PER_M3 = 1_000_000;

export function registerCapacityMl(meter: MeterInstallation): number | undefined {
  return meter.registerDigits === undefined ? undefined : 10 ** meter.registerDigits * ML_PER_M3;
}

/** Sorted installations, or RATING_METER_HISTORY_INVALID when they overlap or end before they start. */
export function orderedInstallations(meters: readonly MeterInstallation[]): Outcome<MeterInstallation[]> {
  const ordered = [...meters].sort((a, b) =>
    a.installedOn < b.installedOn ? -1 : a.installedOn > b.installedOn ? 1 : 0,
  );
  for (const [index, meter] of ordered.entries()) {
    if (meter.removedOn !== undefined && meter.removedOn <= meter.installedOn) {
      return fail(
        ratingError(
          'RATING_METER_HISTORY_INVALID',
          `meter ${meter.meterId} is removed on ${meter.removedOn}, not after its installation on ${meter.installedOn}`,
          {
            details: { meterId: meter.meterId, installedOn: meter.installedOn, removedOn: meter.removedOn },
          },
        ),
      );
    }
    const next = ordered[index + 1];
    if (next && (meter.removedOn === undefined || meter.removedOn > next.installedOn)) {
      return fail(
        ratingError(
          'RATING_METER_HISTORY_INVALID',
          `meter ${meter.meterId} is still installed when ${next.meterId} is installed on ${next.installedOn}`,
          {
            details: { meterId: meter.meterId, nextMeterId: next.meterId, nextInstalledOn: next.installedOn },
          },
        ),
      );
    }
  }
  return succeed(ordered);
}

function worst(a: ReadingQuality, b: ReadingQuality): ReadingQuality {
  if (a === 'estimated' || b === 'estimated') return 'estimated';
  if (a === 'corrected' || b === 'corrected') return 'corrected';
  return 'actual';
}

interface RegisterValue {
  registerMl: number;
  quality: ReadingQuality;
  readingIds: string[];
}

function boundaryRegister(
  registers: readonly BoundaryRegister[],
  meterId: string,
  on: string,
): RegisterValue | undefined {
  return registers.find((register) => register.meterId === meterId && register.on === on);
}

function checkRange(meter: MeterInstallation, registerMl: number, what: string): Outcome<number> {
  const capacity = registerCapacityMl(meter);
  if (!Number.isSafeInteger(registerMl) || registerMl < 0 || (capacity !== undefined && registerMl >= capacity)) {
    return fail(
      ratingError(
        'RATING_REGISTER_OUT_OF_RANGE',
        `meter ${meter.meterId} ${what} register ${registerMl} mL is out of range`,
        {
          details: { meterId: meter.meterId, registerMl, capacityMl: capacity ?? null },
        },
      ),
    );
  }
  return succeed(registerMl);
}

function startValue(
  meter: MeterInstallation,
  period: BillingPeriod,
  registers: readonly BoundaryRegister[],
): Outcome<RegisterValue> {
  const atStart =
    meter.installedOn <= period.start ? boundaryRegister(registers, meter.meterId, period.start) : undefined;
  if (atStart) return succeed(atStart);
  if (meter.installedOn >= period.start) {
    return succeed({
      registerMl: meter.initialRegisterMl,
      quality: 'actual',
      readingIds: meter.initialReadingIds ?? [],
    });
  }
  return fail(
    ratingError(
      'RATING_NO_READING',
      `meter ${meter.meterId} has no register value at the period start ${period.start}`,
      {
        details: { meterId: meter.meterId, on: period.start },
      },
    ),
  );
}

function endValue(
  meter: MeterInstallation,
  period: BillingPeriod,
  registers: readonly BoundaryRegister[],
): Outcome<RegisterValue> {
  const removedInside = meter.removedOn !== undefined && meter.removedOn < period.end;
  const atEnd = removedInside ? undefined : boundaryRegister(registers, meter.meterId, period.end);
  if (atEnd) return succeed(atEnd);
  if (meter.removedOn !== undefined && meter.removedOn <= period.end && meter.finalRegisterMl !== undefined) {
    return succeed({ registerMl: meter.finalRegisterMl, quality: 'actual', readingIds: meter.finalReadingIds ?? [] });
  }
  if (removedInside) {
    return fail(
      ratingError(
        'RATING_METER_HISTORY_INVALID',
        `meter ${meter.meterId} is removed on ${meter.removedOn} without a final register`,
        {
          details: { meterId: meter.meterId, removedOn: meter.removedOn ?? null },
        },
      ),
    );
  }
  return fail(
    ratingError('RATING_NO_READING', `meter ${meter.meterId} has no register value at the period end ${period.end}`, {
      details: { meterId: meter.meterId, on: period.end },
    }),
  );
}

function consumption(
  meter: MeterInstallation,
  startMl: number,
  endMl: number,
): Outcome<{ volumeMl: number; rollover: boolean }> {
  if (endMl >= startMl) return succeed({ volumeMl: endMl - startMl, rollover: false });
  const capacity = registerCapacityMl(meter);
  const rolled = capacity === undefined ? undefined : endMl + capacity - startMl;
  if (capacity !== undefined && rolled !== undefined && rolled < capacity / 2)
    return succeed({ volumeMl: rolled, rollover: true });
  return fail(
    ratingError(
      'RATING_REGISTER_DECREASED',
      `meter ${meter.meterId} register went down from ${startMl} to ${endMl} mL and a rollover is not plausible`,
      {
        details: {
          meterId: meter.meterId,
          startRegisterMl: startMl,
          endRegisterMl: endMl,
          capacityMl: capacity ?? null,
        },
      },
    ),
  );
}

/** Consumption of every installation active during the period, in time order. */
export function meterIntervals(
  installations: readonly MeterInstallation[],
  period: BillingPeriod,
  registers: readonly BoundaryRegister[],
): Outcome<MeterInterval[]> {
  const intervals: MeterInterval[] = [];
  for (const meter of installations) {
    const from = maxDate(meter.installedOn, period.start);
    const to = minDate(meter.removedOn ?? period.end, period.end);
    if (from >= to) continue;
    const start = startValue(meter, period, registers);
    if (!start.ok) return start;
    const end = endValue(meter, period, registers);
    if (!end.ok) return end;
    const startRange = checkRange(meter, start.value.registerMl, 'start');
    if (!startRange.ok) return startRange;
    const endRange = checkRange(meter, end.value.registerMl, 'end');
    if (!endRange.ok) return endRange;
    const used = consumption(meter, start.value.registerMl, end.value.registerMl);
    if (!used.ok) return used;
    intervals.push({
      meter,
      from,
      to,
      startRegisterMl: start.value.registerMl,
      endRegisterMl: end.value.registerMl,
      volumeMl: used.value.volumeMl,
      rollover: used.value.rollover,
      quality: worst(start.value.quality, end.value.quality),
      readingsUsed: [...start.value.readingIds, ...end.value.readingIds],
    });
  }
  return succeed(intervals);
}
