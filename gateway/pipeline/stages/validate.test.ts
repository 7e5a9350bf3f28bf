import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLAG } from '../../validation/flags.js';
import { fixtureDevice, fixtureUplink, prepared } from '../../testing/uplinks.js';
import type { PreparedUplink } from '../prepared.js';
import type { Validator } from '../../validation/types.js';
import { passThroughValidator } from './pass-through-validator.js';
import { planBatch, readingKey, type AlarmRecord, type MeterSnapshot } from './validate.js';

const device = fixtureDevice('v-1', 'V-1');
const meters = (activeAlarms: AlarmRecord[] = []): Map<string, MeterSnapshot> =>
  new Map([
    [
      'V-1',
      {
        profile: { meterId: 'V-1', meterClass: 'residential', registerDigits: 5, expectedIntervalS: 86_400 },
        state: undefined,
        activeAlarms: new Map(activeAlarms.map((a) => [a.kind, a])),
      },
    ],
  ]);
const at = (minute: number) => new Date(Date.UTC(2025, 0, 1) + minute * 60_000).toISOString();
const item = (minute: number, litres: number, id = `${minute}/${litres}`): PreparedUplink =>
  prepared(fixtureUplink('v-1', { time: at(minute), litres }, undefined, id), device);
/** One uplink with two live readings, minutes 2 (2 L) and 3 (3 L). */
function readingsAt2And3(): PreparedUplink {
  const base = item(2, 2, 'two-readings');
  const decoded = base.decoded!;
  return {
    ...base,
    decoded: {
      ...decoded,
      readings: [...decoded.readings, { ...decoded.readings[0]!, time: at(3), registerMl: 3000 }],
    },
  };
}

describe('validate stage', () => {
  it('stores a reading older than the state flagged out of order and keeps the state', () => {
    const plan = planBatch([item(10, 5), item(5, 3)], meters(), new Map(), passThroughValidator);
    expect(plan.readings.map((r) => [r.time, r.flags])).toEqual([
      [at(10), 0],
      [at(5), FLAG.out_of_order],
    ]);
    expect(plan.states.get('V-1')?.lastTime).toBe(at(10));
  });

  it('drops a reading equal to a stored one and reports a different value at a stored time as a conflict', () => {
    const stored = new Map([[readingKey('V-1', Date.parse(at(1))), 7000]]);
    const plan = planBatch([item(1, 7, 'a'), item(1, 8, 'b')], meters(), stored, passThroughValidator);
    expect(plan.readings).toEqual([]);
    expect(plan.items.map((p) => [p.duplicates, p.conflicts, p.deadLetter?.code])).toEqual([
      [1, 0, undefined],
      [0, 1, 'GATEWAY_READING_CONFLICT'],
    ]);
    expect(plan.conflicts).toEqual([{ meterId: 'V-1', time: at(1) }]);
  });

  /** The pass-through, plus the alarm decisions a test scripts per litre value. */
  const scripted =
    (decide: Record<number, Pick<ReturnType<Validator>, 'alarms' | 'stillActive'>>): Validator =>
    (input) => {
      const decision = decide[input.reading.registerMl / 1000];
      if (decision === undefined) throw new Error(`no decision for ${input.reading.registerMl}`);
      return { ...passThroughValidator(input), ...decision };
    };
  const leak = { kind: 'leak', source: 'meter_leak', severity: 'warning' as const };
  const active: AlarmRecord = { meterId: 'V-1', ...leak, raisedAt: at(0), lastSeenAt: at(0), isNew: false };

  it('moves last_seen_at of the alarms the validator reports still active, without an alarm change', () => {
    const plan = planBatch(
      [item(1, 1), item(2, 2)],
      meters([active]),
      new Map(),
      scripted({ 1: { alarms: [], stillActive: ['leak'] }, 2: { alarms: [], stillActive: ['leak', 'gone'] } }),
    );
    expect(plan.alarms).toEqual([{ ...active, lastSeenAt: at(2) }]);
    expect(plan.alarmChanges).toEqual([]);
    expect(plan.items.map((i) => i.alarms)).toEqual([0, 0]);
  });

  it('counts a raise of an alarm already active as still active, not as a change', () => {
    const plan = planBatch(
      [item(1, 1), item(2, 2)],
      meters(),
      new Map(),
      scripted({ 1: { alarms: [{ action: 'raise', ...leak }] }, 2: { alarms: [{ action: 'raise', ...leak }] } }),
    );
    expect(plan.alarms).toEqual([{ meterId: 'V-1', ...leak, raisedAt: at(1), lastSeenAt: at(2), isNew: true }]);
    expect(plan.alarmChanges.map((c) => [c.action, c.time])).toEqual([['raise', at(1)]]);
    expect(plan.items.map((i) => i.alarms)).toEqual([1, 0]);
  });

  it('keeps nothing of an uplink whose validation failed part way, and never changes the snapshot', () => {
    // Two live readings: the first clears the alarm, the second throws.
    const twoReadings = readingsAt2And3();
    const m = meters([active]);
    const plan = planBatch(
      [twoReadings, item(4, 4)],
      m,
      new Map(),
      scripted({ 2: { alarms: [{ action: 'clear', ...leak }] }, 4: { alarms: [], stillActive: ['leak'] } }),
    );
    expect(plan.items.map((i) => i.deadLetter?.code)).toEqual(['GATEWAY_INTERNAL', undefined]);
    expect(plan.readings.map((r) => r.time)).toEqual([at(4)]);
    expect(plan.alarmChanges).toEqual([]);
    expect(plan.alarms).toEqual([{ ...active, lastSeenAt: at(4) }]);
    expect(m.get('V-1')?.activeAlarms.get('leak')).toBe(active);
  });

  it('undoes the readings and state of an uplink whose validation failed part way, for the uplinks after it', () => {
    // Minute 2 validates, minute 3 throws: neither is kept, and the state stays where it was.
    const twoReadings = readingsAt2And3();
    const plan = planBatch(
      [twoReadings, item(1, 1), item(2, 2, 'again')],
      meters(),
      new Map(),
      scripted({ 1: { alarms: [] }, 2: { alarms: [] } }),
    );
    expect(plan.items.map((i) => [i.deadLetter?.code, i.readings, i.duplicates, i.outOfOrder])).toEqual([
      ['GATEWAY_INTERNAL', 0, 0, 0],
      [undefined, 1, 0, 0],
      [undefined, 1, 0, 0],
    ]);
    expect(plan.readings.map((r) => [r.time, r.flags])).toEqual([
      [at(1), 0],
      [at(2), 0],
    ]);
    expect(plan.states.get('V-1')?.lastTime).toBe(at(2));
  });

  describe('properties', () => {
    it('whatever the arrival order, every distinct reading is stored once and the state is the latest', () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 40 }),
          fc.boolean(),
          (minutes, withCopies) => {
            const items = minutes.map((m) => item(m, m));
            const batch = withCopies
              ? [
                  ...items,
                  ...items
                    .slice(0, 3)
                    .map((i) => ({ ...i, uplink: { ...i.uplink, dedupKey: `${i.uplink.dedupKey}:copy` } })),
                ]
              : items;
            const plan = planBatch(batch, meters(), new Map(), passThroughValidator);
            expect(plan.readings).toHaveLength(minutes.length);
            expect(new Set(plan.readings.map((r) => r.time)).size).toBe(minutes.length);
            expect(plan.states.get('V-1')?.lastTime).toBe(at(Math.max(...minutes)));
            // a reading is flagged out of order exactly when a later one arrived before it
            let latest = -1;
            for (const [i, m] of minutes.entries()) {
              expect(plan.readings[i]!.flags === FLAG.out_of_order).toBe(m < latest);
              latest = Math.max(latest, m);
            }
          },
        ),
        { numRuns: 500 },
      );
    });
  });
});
