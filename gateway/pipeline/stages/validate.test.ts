import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLAG } from '../../validation/flags.js';
import { fixtureDevice, fixtureUplink, prepared } from '../../testing/uplinks.js';
import type { PreparedUplink } from '../prepared.js';
import { passThroughValidator } from './pass-through-validator.js';
import { planBatch, readingKey, type MeterSnapshot } from './validate.js';

const device = fixtureDevice('v-1', 'V-1');
const meters = (): Map<string, MeterSnapshot> =>
  new Map([
    [
      'V-1',
      {
        profile: { meterId: 'V-1', meterClass: 'residential', registerDigits: 5, expectedIntervalS: 86_400 },
        state: undefined,
        activeAlarms: new Map(),
      },
    ],
  ]);
const at = (minute: number) => new Date(Date.UTC(2025, 0, 1) + minute * 60_000).toISOString();
const item = (minute: number, litres: number, id = `${minute}/${litres}`): PreparedUplink =>
  prepared(fixtureUplink('v-1', { time: at(minute), litres }, undefined, id), device);

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
