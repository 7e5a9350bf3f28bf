/**
 * A BatchStore in memory with the semantics of the TimescaleDB store (claims keys, validates with
 * the same pure stage, refuses values its columns cannot hold with SQLSTATE 22003, all-or-nothing
 * per batch). It passes the same sink contract (memory-store.test.ts), so writer and pipeline
 * behaviour can be tested without a database.
 */
import { GatewayErrorCode } from '../errors.js';
import type { ItemOutcome, PreparedUplink } from '../pipeline/prepared.js';
import {
  meterIdsOf,
  planBatch,
  readingKey,
  type AlarmRecord,
  type MeterSnapshot,
  type ReadingRow,
} from '../pipeline/stages/validate.js';
import { FLAG } from '../validation/flags.js';
import type { MeterProfile, MeterState, Validator } from '../validation/types.js';
import type { BatchStore } from './batch-writer.js';

export interface MemoryRaw {
  dedupKey: string;
  receivedAt: string;
  status: string;
  errorCode: string | null;
  reason: string | null;
}

export interface MemoryStore extends BatchStore {
  raw: Map<string, MemoryRaw>;
  readings: Map<string, ReadingRow>;
  states: Map<string, MeterState>;
  alarms: Map<string, AlarmRecord>;
  meters: Map<string, MeterProfile>;
  addMeters(ids: string[]): void;
  /** Batches written, in order (their sizes). */
  batches: number[];
}

/** The numeric columns of `readings` and the largest magnitude each holds. */
const COLUMN_LIMITS: Array<[keyof ReadingRow, number]> = [
  ['flowLph', 1e11],
  ['maxFlowLph', 1e11],
  ['waterTemperatureC', 1e4],
  ['batteryV', 1e3],
  ['batteryPercent', 32_768],
];

function checkRow(r: ReadingRow): void {
  for (const [field, limit] of COLUMN_LIMITS) {
    const v = r[field];
    if (typeof v === 'number' && Math.abs(v) >= limit)
      throw Object.assign(new Error(`numeric field overflow (${field})`), { code: '22003' });
  }
}

export function createMemoryStore(validator: Validator): MemoryStore {
  const store: MemoryStore = {
    raw: new Map(),
    readings: new Map(),
    states: new Map(),
    alarms: new Map(),
    meters: new Map(),
    batches: [],
    addMeters(ids) {
      for (const id of ids)
        store.meters.set(id, { meterId: id, meterClass: 'residential', registerDigits: 5, expectedIntervalS: 86_400 });
    },
    async write(batch) {
      const claimed = new Set<string>();
      const live = batch.filter((i) => {
        if (i.replayOf) return true;
        const k = i.uplink.dedupKey;
        if (store.raw.has(k) || claimed.has(k)) return false;
        claimed.add(k);
        return true;
      });
      const decoded = live.filter((i) => i.decoded && !i.deadLetter);
      const snapshots = new Map<string, MeterSnapshot>();
      for (const id of meterIdsOf(decoded)) {
        const profile = store.meters.get(id);
        if (!profile) continue;
        const active = new Map(
          [...store.alarms.values()]
            .filter((a) => a.meterId === id && a.clearedAt === undefined)
            .map((a) => [a.kind, a]),
        );
        snapshots.set(id, { profile, state: store.states.get(id), activeAlarms: active });
      }
      const stored = new Map(
        [...store.readings.values()].map((r) => [readingKey(r.meterId, Date.parse(r.time)), r.registerMl]),
      );
      const plan = planBatch(live, snapshots, stored, validator);
      plan.readings.forEach(checkRow); // all or nothing: check before changing anything
      for (const r of plan.readings) {
        const k = readingKey(r.meterId, Date.parse(r.time));
        if (!store.readings.has(k)) store.readings.set(k, r);
      }
      for (const c of plan.conflicts) {
        const r = store.readings.get(readingKey(c.meterId, Date.parse(c.time)));
        if (r) r.flags |= FLAG.duplicate_conflict;
      }
      for (const a of plan.alarms)
        store.alarms.set(`${a.meterId}\u0000${a.kind}\u0000${a.raisedAt}`, { ...a, isNew: false });
      for (const [m, s] of plan.states) store.states.set(m, s);
      const outcomes = new Map<PreparedUplink, ItemOutcome>();
      live.forEach((item, i) => {
        const p = plan.items[i]!;
        const dl = item.deadLetter ?? p.deadLetter;
        const outcome: ItemOutcome = dl
          ? { status: dl.status, code: dl.code, reason: dl.reason, readings: p.readings, alarms: p.alarms }
          : {
              status: p.readings === 0 && p.duplicates > 0 ? 'duplicate' : 'accepted',
              readings: p.readings,
              alarms: p.alarms,
            };
        outcomes.set(item, outcome);
        const key = item.replayOf?.dedupKey ?? item.uplink.dedupKey;
        store.raw.set(key, {
          dedupKey: key,
          receivedAt: item.replayOf?.receivedAt ?? item.uplink.receivedAt,
          status: outcome.status,
          errorCode: outcome.code ?? null,
          reason: outcome.reason ?? null,
        });
      });
      store.batches.push(batch.length);
      return batch.map((item) => outcomes.get(item) ?? { status: 'duplicate', readings: 0, alarms: 0 });
    },
    async writeRejected(item, reason) {
      const code = GatewayErrorCode.STORE_REJECTED;
      const key = item.replayOf?.dedupKey ?? item.uplink.dedupKey;
      if (item.replayOf || !store.raw.has(key)) {
        store.raw.set(key, {
          dedupKey: key,
          receivedAt: item.uplink.receivedAt,
          status: 'rejected',
          errorCode: code,
          reason,
        });
      }
      return { status: 'rejected', code, reason, readings: 0, alarms: 0 };
    },
  };
  return store;
}
