/**
 * The contract every sink (the writer behind the pipeline) must keep, as one shared suite:
 * `describeSinkContract(name, make)`. The real TimescaleDB sink runs it on both engines
 * (sinks/timescale.int.test.ts); any other implementation must pass it unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passThroughValidator } from '../pipeline/stages/pass-through-validator.js';
import type { ItemOutcome, PreparedUplink } from '../pipeline/prepared.js';
import { fixtureDevice, fixtureUplink, prepared } from '../testing/uplinks.js';
import { FLAG } from '../validation/flags.js';
import type { Validator } from '../validation/types.js';

export interface SinkInspector {
  raw(dedupKey: string): Promise<Array<{ status: string; errorCode: string | null; reason: string | null }>>;
  readings(meterId: string): Promise<Array<{ time: string; registerMl: number; flags: number }>>;
  state(meterId: string): Promise<{ lastTime: string; lastRegisterMl: number } | undefined>;
  alarms(
    meterId: string,
  ): Promise<Array<{ kind: string; raisedAt: string; lastSeenAt: string; clearedAt: string | null; state: string }>>;
  registerMeters(meterIds: string[]): Promise<void>;
}

export interface SinkUnderTest {
  submit(item: PreparedUplink): Promise<ItemOutcome>;
  inspect: SinkInspector;
  close(): Promise<void>;
}

/**
 * A small real rule set for the contract: every alarm bit the meter reports raises (or keeps)
 * that alarm, and an active alarm whose bit is gone is cleared. State as the pass-through.
 */
export const meterBitAlarmsValidator: Validator = (input) => {
  const base = passThroughValidator(input);
  const reported = new Set<string>(input.meterAlarms.filter((a) => !a.historic).map((a) => a.kind));
  return {
    ...base,
    alarms: [
      ...[...reported].map((kind) => ({
        action: 'raise' as const,
        kind,
        source: 'meter_bit',
        severity: 'warning' as const,
      })),
      ...input.activeAlarmKinds
        .filter((k) => !reported.has(k))
        .map((kind) => ({ action: 'clear' as const, kind, source: 'meter_bit', severity: 'warning' as const })),
    ],
  };
};

let counter = 0;
const uniqueMeter = (label: string) => `C-${label}-${process.pid}-${++counter}`;

export function describeSinkContract(name: string, make: (validator: Validator) => Promise<SinkUnderTest>): void {
  describe(`sink contract: ${name}`, () => {
    let sut: SinkUnderTest;
    beforeAll(async () => {
      sut = await make(meterBitAlarmsValidator);
    });
    afterAll(async () => {
      await sut?.close();
    });

    async function meter(label: string) {
      const id = uniqueMeter(label);
      await sut.inspect.registerMeters([id]);
      return { id, device: fixtureDevice(`dev-${id}`, id) };
    }

    it('archives an accepted uplink and stores its reading, resolving after commit', async () => {
      const m = await meter('accept');
      const up = fixtureUplink(m.device.deviceId, { time: '2025-03-01T00:00:00Z', litres: 1234 });
      const outcome = await sut.submit(prepared(up, m.device));
      expect(outcome).toMatchObject({ status: 'accepted', readings: 1 });
      expect(await sut.inspect.raw(up.dedupKey)).toEqual([{ status: 'accepted', errorCode: null, reason: null }]);
      expect(await sut.inspect.readings(m.id)).toEqual([
        { time: '2025-03-01T00:00:00.000Z', registerMl: 1_234_000, flags: 0 },
      ]);
      expect(await sut.inspect.state(m.id)).toEqual({
        lastTime: '2025-03-01T00:00:00.000Z',
        lastRegisterMl: 1_234_000,
      });
    });

    it('is idempotent: the same uplink twice gives one raw row and one reading', async () => {
      const m = await meter('idem');
      const up = fixtureUplink(m.device.deviceId, { time: '2025-03-01T01:00:00Z', litres: 5 });
      const first = await sut.submit(prepared(up, m.device));
      const again = await sut.submit(prepared({ ...up, receivedAt: '2025-03-02T00:00:00.000Z' }, m.device));
      const [a, b] = await Promise.all([sut.submit(prepared(up, m.device)), sut.submit(prepared(up, m.device))]);
      expect([first.status, again.status, a.status, b.status]).toEqual([
        'accepted',
        'duplicate',
        'duplicate',
        'duplicate',
      ]);
      expect(await sut.inspect.raw(up.dedupKey)).toHaveLength(1);
      expect(await sut.inspect.readings(m.id)).toHaveLength(1);
    });

    it('keeps one copy when copies arrive in the same batch', async () => {
      const m = await meter('samebatch');
      const up = fixtureUplink(m.device.deviceId, { time: '2025-03-01T02:00:00Z', litres: 9 });
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => sut.submit(prepared(up, m.device))));
      expect(outcomes.map((o) => o.status).sort()).toEqual([
        'accepted',
        'duplicate',
        'duplicate',
        'duplicate',
        'duplicate',
      ]);
      expect(await sut.inspect.readings(m.id)).toHaveLength(1);
    });

    it('keeps readings unique on (meter, time): same value is a duplicate, another value a flagged conflict', async () => {
      const m = await meter('unique');
      const t = '2025-03-01T03:00:00Z';
      await sut.submit(prepared(fixtureUplink(m.device.deviceId, { time: t, litres: 100 }, undefined, 'a'), m.device));
      const same = await sut.submit(
        prepared(fixtureUplink(m.device.deviceId, { time: t, litres: 100 }, undefined, 'b'), m.device),
      );
      const other = fixtureUplink(m.device.deviceId, { time: t, litres: 101 }, undefined, 'c');
      const conflict = await sut.submit(prepared(other, m.device));
      expect(same.status).toBe('duplicate');
      expect(conflict).toMatchObject({ status: 'invalid', code: 'GATEWAY_READING_CONFLICT' });
      expect(await sut.inspect.raw(other.dedupKey)).toEqual([
        expect.objectContaining({ status: 'invalid', errorCode: 'GATEWAY_READING_CONFLICT' }),
      ]);
      expect(await sut.inspect.readings(m.id)).toEqual([
        { time: '2025-03-01T03:00:00.000Z', registerMl: 100_000, flags: FLAG.duplicate_conflict },
      ]);
    });

    it('stores an out-of-order reading flagged and leaves the state at the latest', async () => {
      const m = await meter('ooo');
      await sut.submit(
        prepared(fixtureUplink(m.device.deviceId, { time: '2025-03-02T00:00:00Z', litres: 20 }), m.device),
      );
      const late = await sut.submit(
        prepared(fixtureUplink(m.device.deviceId, { time: '2025-03-01T00:00:00Z', litres: 10 }), m.device),
      );
      expect(late).toMatchObject({ status: 'accepted', readings: 1 });
      expect(await sut.inspect.readings(m.id)).toEqual([
        { time: '2025-03-01T00:00:00.000Z', registerMl: 10_000, flags: FLAG.out_of_order },
        { time: '2025-03-02T00:00:00.000Z', registerMl: 20_000, flags: 0 },
      ]);
      expect(await sut.inspect.state(m.id)).toEqual({ lastTime: '2025-03-02T00:00:00.000Z', lastRegisterMl: 20_000 });
    });

    it('keeps readings of one meter in submit order across batches', async () => {
      const m = await meter('order');
      const ups = Array.from({ length: 200 }, (_, i) =>
        fixtureUplink(m.device.deviceId, {
          time: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
          litres: i,
        }),
      );
      const outcomes = await Promise.all(ups.map((u) => sut.submit(prepared(u, m.device))));
      expect(outcomes.every((o) => o.status === 'accepted')).toBe(true);
      const rows = await sut.inspect.readings(m.id);
      expect(rows).toHaveLength(200);
      expect(rows.every((r) => r.flags === 0)).toBe(true);
      expect(await sut.inspect.state(m.id)).toMatchObject({ lastRegisterMl: 199_000 });
    });

    it('stores history values as readings, older ones flagged out of order', async () => {
      const m = await meter('history');
      await sut.submit(
        prepared(fixtureUplink(m.device.deviceId, { time: '2025-03-10T00:00:00Z', litres: 50 }), m.device),
      );
      const up = fixtureUplink(m.device.deviceId, {
        time: '2025-03-11T00:00:00Z',
        litres: 60,
        history: [
          { time: '2025-03-01T00:00:00Z', litres: 40 },
          { time: '2025-03-10T00:00:00Z', litres: 50 },
        ],
      });
      const outcome = await sut.submit(prepared(up, m.device));
      expect(outcome).toMatchObject({ status: 'accepted', readings: 2 });
      expect(await sut.inspect.readings(m.id)).toEqual([
        { time: '2025-03-01T00:00:00.000Z', registerMl: 40_000, flags: FLAG.out_of_order },
        { time: '2025-03-10T00:00:00.000Z', registerMl: 50_000, flags: 0 },
        { time: '2025-03-11T00:00:00.000Z', registerMl: 60_000, flags: 0 },
      ]);
    });

    it('archives dead letters with their status, code and reason and stores no reading', async () => {
      const m = await meter('dead');
      const unknown = fixtureUplink('nobody-registered', { litres: 1 });
      const garbage = {
        ...fixtureUplink(m.device.deviceId, { litres: 1 }),
        payload: Buffer.from('not a meter payload'),
      };
      garbage.dedupKey = `${garbage.dedupKey}:garbage`;
      const a = await sut.submit(prepared(unknown, undefined));
      const b = await sut.submit(prepared(garbage, m.device));
      expect(a).toMatchObject({ status: 'unknown_device', code: 'GATEWAY_UNKNOWN_DEVICE' });
      expect(b.status).toBe('decode_error');
      expect(await sut.inspect.raw(unknown.dedupKey)).toEqual([
        expect.objectContaining({ status: 'unknown_device', errorCode: 'GATEWAY_UNKNOWN_DEVICE' }),
      ]);
      expect((await sut.inspect.raw(garbage.dedupKey))[0]).toMatchObject({
        status: 'decode_error',
        errorCode: 'DECODE_UNKNOWN_FORMAT',
      });
      expect(await sut.inspect.readings(m.id)).toEqual([]);
    });

    it('dead-letters a reading for a meter that is not registered', async () => {
      const device = fixtureDevice('dev-no-meter', uniqueMeter('missing'));
      const up = fixtureUplink(device.deviceId, { litres: 3, time: '2025-03-01T00:00:00Z' });
      const outcome = await sut.submit(prepared(up, device));
      expect(outcome).toMatchObject({ status: 'invalid', code: 'GATEWAY_UNKNOWN_METER' });
      expect((await sut.inspect.raw(up.dedupKey))[0]?.status).toBe('invalid');
    });

    it('raises an alarm once, updates last_seen_at while it lasts, and clears it when it ends', async () => {
      const m = await meter('alarm');
      const at = (h: number) => `2025-03-01T${String(h).padStart(2, '0')}:00:00Z`;
      await sut.submit(
        prepared(fixtureUplink(m.device.deviceId, { time: at(1), litres: 1, alarms: ['leak'] }), m.device),
      );
      await sut.submit(
        prepared(fixtureUplink(m.device.deviceId, { time: at(2), litres: 2, alarms: ['leak'] }), m.device),
      );
      expect(await sut.inspect.alarms(m.id)).toEqual([
        {
          kind: 'leak',
          raisedAt: '2025-03-01T01:00:00.000Z',
          lastSeenAt: '2025-03-01T02:00:00.000Z',
          clearedAt: null,
          state: 'active',
        },
      ]);
      const cleared = await sut.submit(
        prepared(fixtureUplink(m.device.deviceId, { time: at(3), litres: 3 }), m.device),
      );
      expect(cleared.alarms).toBe(1);
      expect(await sut.inspect.alarms(m.id)).toEqual([
        {
          kind: 'leak',
          raisedAt: '2025-03-01T01:00:00.000Z',
          lastSeenAt: '2025-03-01T03:00:00.000Z',
          clearedAt: '2025-03-01T03:00:00.000Z',
          state: 'cleared',
        },
      ]);
      await sut.submit(
        prepared(fixtureUplink(m.device.deviceId, { time: at(4), litres: 4, alarms: ['leak'] }), m.device),
      );
      expect((await sut.inspect.alarms(m.id)).map((a) => [a.raisedAt, a.state])).toEqual([
        ['2025-03-01T01:00:00.000Z', 'cleared'],
        ['2025-03-01T04:00:00.000Z', 'active'],
      ]);
    });

    it('re-processes a dead letter in place when replayed', async () => {
      const m = await meter('replay');
      const up = fixtureUplink(m.device.deviceId, { time: '2025-03-05T00:00:00Z', litres: 7 });
      expect((await sut.submit(prepared(up, undefined))).status).toBe('unknown_device');
      const replayed = await sut.submit({
        ...prepared(up, m.device),
        replayOf: { dedupKey: up.dedupKey, receivedAt: up.receivedAt },
      });
      expect(replayed).toMatchObject({ status: 'accepted', readings: 1 });
      expect(await sut.inspect.raw(up.dedupKey)).toEqual([{ status: 'accepted', errorCode: null, reason: null }]);
      expect(await sut.inspect.readings(m.id)).toHaveLength(1);
    });

    it('archives an uplink the database refuses as rejected and still commits the rest of its batch', async () => {
      const m = await meter('poison');
      const good = (i: number) =>
        prepared(fixtureUplink(m.device.deviceId, { time: `2025-03-0${i}T00:00:00Z`, litres: i }), m.device);
      const bad = good(5);
      const badUplink = { ...bad.uplink, dedupKey: `${bad.uplink.dedupKey}:poison` };
      const poison: PreparedUplink = {
        ...bad,
        uplink: badUplink,
        decoded: { ...bad.decoded!, readings: bad.decoded!.readings.map((r) => ({ ...r, waterTemperatureC: 1e12 })) },
      };
      const outcomes = await Promise.all([sut.submit(good(1)), sut.submit(poison), sut.submit(good(2))]);
      expect(outcomes.map((o) => o.status)).toEqual(['accepted', 'rejected', 'accepted']);
      expect(outcomes[1]?.code).toBe('GATEWAY_STORE_REJECTED');
      expect((await sut.inspect.raw(badUplink.dedupKey))[0]).toMatchObject({
        status: 'rejected',
        errorCode: 'GATEWAY_STORE_REJECTED',
      });
      expect((await sut.inspect.readings(m.id)).map((r) => r.registerMl)).toEqual([1000, 2000]);
    });
  });
}
