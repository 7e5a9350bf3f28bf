/**
 * Stage: validate a batch of decoded uplinks against each meter's last accepted state, inside the
 * writer's transaction (the caller loads the state with the meter rows locked). Pure: state in,
 * plan of rows out. Per reading, in time order:
 *   - unknown meter (no meters row)                 → the uplink is dead-lettered (invalid), nothing stored
 *   - same meter, time and register as stored        → duplicate: dropped and counted
 *   - same meter and time, another register          → conflict: not stored, the stored reading gets the
 *                                                      duplicate_conflict flag, the uplink is dead-lettered
 *   - older than the meter's last accepted reading   → out of order: stored with the out_of_order flag,
 *                                                      the state is left as it is, rules are not run
 *   - otherwise                                      → the Validator's rules: flags, alarm changes, next state;
 *                                                      alarms it reports still active get last_seen_at moved
 * History values (billing-date and interval logs) are stored as readings the same way, without the
 * rules. An uplink's changes apply all together or not at all. "Stored" means an actual or corrected
 * reading: the caller leaves estimates out, so a reading for an estimated time is written and
 * supersedes the estimate.
 */
import type { DecodedAlarm, DecodedReading } from '../../../decoders/core/types.js';
import { GatewayErrorCode } from '../../errors.js';
import type { AlarmChange, MeterProfile, MeterState, Validator } from '../../validation/types.js';
import { FLAG } from '../../validation/flags.js';
import { isoTime } from '../iso-time.js';
import { alarmKey, applyAlarm, touchAlarm } from './alarm-rows.js';
import type { DeadLetter, PreparedUplink } from '../prepared.js';

export interface AlarmRecord {
  meterId: string;
  kind: string;
  raisedAt: string;
  lastSeenAt: string;
  clearedAt?: string;
  source: string;
  severity: AlarmChange['severity'];
  detail?: AlarmChange['detail'];
  /** Not yet in the table (INSERT) rather than changed (UPDATE). */
  isNew: boolean;
}

export interface MeterSnapshot {
  profile: MeterProfile;
  state: MeterState | undefined;
  /** Active alarms by kind. */
  activeAlarms: Map<string, AlarmRecord>;
}

export interface ReadingRow {
  meterId: string;
  time: string;
  receivedAt: string;
  timeFromMeter: boolean;
  registerMl: number;
  billingDateRegisterMl?: number;
  billingDate?: string;
  reverseMl?: number;
  flowLph?: number;
  maxFlowLph?: number;
  waterTemperatureC?: number;
  batteryV?: number;
  batteryPercent?: number;
  statusBits?: number;
  valve?: string;
  flags: number;
  decoder: string;
  dedupKey: string;
}

export interface ItemPlan {
  /** Set when the uplink is dead-lettered by this stage. */
  deadLetter?: DeadLetter;
  readings: number;
  alarms: number;
  duplicates: number;
  conflicts: number;
  outOfOrder: number;
}

export interface CommittedAlarmChange extends AlarmChange {
  meterId: string;
  time: string;
}

export interface BatchPlan {
  readings: ReadingRow[];
  /** Stored readings that a conflicting value arrived for (they get the duplicate_conflict flag). */
  conflicts: Array<{ meterId: string; time: string }>;
  /** Alarm rows to insert (isNew) or update. */
  alarms: AlarmRecord[];
  /** Meter states to write. */
  states: Map<string, MeterState>;
  alarmChanges: CommittedAlarmChange[];
  items: ItemPlan[];
}

export function readingKey(meterId: string, timeMs: number): string {
  return `${meterId}\u0000${timeMs}`;
}

/** The meter a decoded value belongs to: the device's meter when it has one, else the payload's. */
export function meterOf(item: PreparedUplink, payloadMeterId: string): string {
  return item.device?.meterId ?? payloadMeterId;
}

/** Every meter the batch's decoded uplinks touch. */
export function meterIdsOf(items: readonly PreparedUplink[]): string[] {
  const ids = new Set<string>();
  for (const item of items) {
    if (!item.decoded) continue;
    for (const r of item.decoded.readings) ids.add(meterOf(item, r.meterId));
    for (const h of item.decoded.history) ids.add(meterOf(item, h.meterId));
  }
  return [...ids].sort();
}

/**
 * The (meter, time) pairs that may already be stored: at or before the meter's last accepted
 * time, or any time for a meter without state. Later times cannot be stored yet.
 */
export function possiblyStored(
  items: readonly PreparedUplink[],
  meters: ReadonlyMap<string, MeterSnapshot>,
): Array<{ meterId: string; time: string }> {
  const out = new Map<string, { meterId: string; time: string }>();
  const consider = (meterId: string, time: string) => {
    const snap = meters.get(meterId);
    if (!snap) return;
    const ms = Date.parse(time);
    if (!Number.isFinite(ms)) return;
    if (snap.state === undefined || ms <= Date.parse(snap.state.lastTime)) {
      out.set(readingKey(meterId, ms), { meterId, time: isoTime(ms) });
    }
  };
  for (const item of items) {
    if (!item.decoded) continue;
    for (const r of item.decoded.readings) consider(meterOf(item, r.meterId), r.time);
    for (const h of item.decoded.history) consider(meterOf(item, h.meterId), h.time);
  }
  return [...out.values()];
}

interface Candidate {
  meterId: string;
  timeMs: number;
  reading?: DecodedReading;
  registerMl: number;
  timeFromMeter: boolean;
}

function candidatesOf(item: PreparedUplink): Candidate[] | string {
  const decoded = item.decoded!;
  const out: Candidate[] = [];
  for (const r of decoded.readings) {
    const timeMs = Date.parse(r.time);
    if (!Number.isFinite(timeMs))
      return `decoder ${decoded.decoder} returned an unparseable time ${JSON.stringify(r.time)}`;
    out.push({
      meterId: meterOf(item, r.meterId),
      timeMs,
      reading: r,
      registerMl: r.registerMl,
      timeFromMeter: r.timeFromMeter,
    });
  }
  for (const h of decoded.history) {
    const timeMs = Date.parse(h.time);
    if (!Number.isFinite(timeMs))
      return `decoder ${decoded.decoder} returned an unparseable history time ${JSON.stringify(h.time)}`;
    out.push({ meterId: meterOf(item, h.meterId), timeMs, registerMl: h.registerMl, timeFromMeter: true });
  }
  // Oldest first, so that a payload carrying several readings advances the state in order;
  // history values before the live reading of the same time.
  return out.sort((a, b) => a.timeMs - b.timeMs || (a.reading ? 1 : 0) - (b.reading ? 1 : 0));
}

function rowOf(item: PreparedUplink, c: Candidate, time: string, flags: number): ReadingRow {
  const row: ReadingRow = {
    meterId: c.meterId,
    time,
    receivedAt: item.uplink.receivedAt,
    timeFromMeter: c.timeFromMeter,
    registerMl: c.registerMl,
    flags,
    decoder: item.decoded!.decoder,
    dedupKey: item.uplink.dedupKey,
  };
  const r = c.reading;
  if (r === undefined) return row;
  if (r.billingDateRegisterMl !== undefined) row.billingDateRegisterMl = r.billingDateRegisterMl;
  if (r.billingDate !== undefined) row.billingDate = r.billingDate.slice(0, 10);
  if (r.reverseMl !== undefined) row.reverseMl = r.reverseMl;
  if (r.flowLph !== undefined) row.flowLph = r.flowLph;
  if (r.maxFlowLph !== undefined) row.maxFlowLph = r.maxFlowLph;
  if (r.waterTemperatureC !== undefined) row.waterTemperatureC = r.waterTemperatureC;
  if (r.batteryV !== undefined) row.batteryV = r.batteryV;
  if (r.batteryPercent !== undefined) row.batteryPercent = r.batteryPercent;
  if (r.statusBits !== undefined) row.statusBits = r.statusBits;
  if (r.valve !== undefined) row.valve = r.valve;
  return row;
}

/** Shared read-only empties (planBatch allocates nothing for a meter without alarms). */
const NO_ALARMS: ReadonlyMap<string, AlarmRecord> = new Map();
const NO_KINDS = Object.freeze([]) as unknown as string[];
const NO_METER_ALARMS = Object.freeze([]) as unknown as DecodedAlarm[];

export function planBatch(
  items: readonly PreparedUplink[],
  meters: ReadonlyMap<string, MeterSnapshot>,
  stored: ReadonlyMap<string, number>,
  validator: Validator,
): BatchPlan {
  const plan: BatchPlan = { readings: [], conflicts: [], alarms: [], states: new Map(), alarmChanges: [], items: [] };
  // Working copies, changed uplink by uplink. Active alarms are copied on a meter's first change.
  const states = new Map<string, MeterState | undefined>();
  const active = new Map<string, Map<string, AlarmRecord>>();
  const written = new Map<string, number>();
  const alarmRows = new Map<string, AlarmRecord>();
  for (const [id, snap] of meters) states.set(id, snap.state);
  // One uplink's changes apply all together or not at all. Its readings, conflicts, alarm changes,
  // written keys and states go straight into the batch's (no per-uplink maps and arrays to empty
  // for each uplink: that was most of this loop's garbage), with an undo log replayed when its
  // validation throws; its alarm rows and copies of active alarms wait for it to complete.
  const itemActive = new Map<string, Map<string, AlarmRecord>>();
  const itemAlarmRows: AlarmRecord[] = [];
  const undoKeys: string[] = [];
  const undoMeters: string[] = [];
  const undoStates: Array<MeterState | undefined> = [];
  let undoKeyCount = 0;
  let undoStateCount = 0;
  // lastTime of the states in play, parsed once (a state the validator made is known without parsing).
  const lastTimes = new Map<MeterState, number>();
  const lastTimeMs = (state: MeterState): number => {
    let ms = lastTimes.get(state);
    if (ms === undefined) lastTimes.set(state, (ms = Date.parse(state.lastTime)));
    return ms;
  };
  const activeOf = (m: string): ReadonlyMap<string, AlarmRecord> =>
    itemActive.get(m) ?? active.get(m) ?? meters.get(m)?.activeAlarms ?? NO_ALARMS;
  const writableActiveOf = (m: string) => {
    let a = itemActive.get(m);
    if (!a) itemActive.set(m, (a = new Map(activeOf(m))));
    return a;
  };
  const write = (key: string, registerMl: number) => {
    written.set(key, registerMl);
    undoKeys[undoKeyCount++] = key;
  };
  const setState = (meterId: string, state: MeterState) => {
    undoMeters[undoStateCount] = meterId;
    undoStates[undoStateCount++] = states.get(meterId);
    states.set(meterId, state);
  };

  for (const item of items) {
    const result: ItemPlan = { readings: 0, alarms: 0, duplicates: 0, conflicts: 0, outOfOrder: 0 };
    plan.items.push(result);
    if (!item.decoded || item.deadLetter) continue;
    const candidates = candidatesOf(item);
    if (typeof candidates === 'string') {
      result.deadLetter = { status: 'invalid', code: GatewayErrorCode.DECODE_REJECTED, reason: candidates };
      continue;
    }
    let unknown: string[] | undefined;
    for (const c of candidates) {
      if (meters.has(c.meterId)) continue;
      unknown ??= [];
      if (!unknown.includes(c.meterId)) unknown.push(c.meterId);
    }
    if (unknown !== undefined) {
      result.deadLetter = {
        status: 'invalid',
        code: GatewayErrorCode.UNKNOWN_METER,
        reason: `no meter registered as ${unknown.join(', ')}`,
      };
      continue;
    }
    if (itemActive.size > 0) itemActive.clear();
    if (itemAlarmRows.length > 0) itemAlarmRows.length = 0;
    undoKeyCount = undoStateCount = 0;
    const readingsBefore = plan.readings.length;
    const conflictsBefore = plan.conflicts.length;
    const changesBefore = plan.alarmChanges.length;
    try {
      for (const c of candidates) {
        const key = readingKey(c.meterId, c.timeMs);
        const existing = written.get(key) ?? stored.get(key);
        if (existing !== undefined) {
          if (existing === c.registerMl) result.duplicates++;
          else {
            result.conflicts++;
            plan.conflicts.push({ meterId: c.meterId, time: isoTime(c.timeMs) });
          }
          continue;
        }
        const state = states.get(c.meterId);
        const outOfOrder = state !== undefined && c.timeMs < lastTimeMs(state);
        const time = isoTime(c.timeMs);
        if (outOfOrder || !c.reading) {
          const flags = outOfOrder ? FLAG.out_of_order : 0;
          if (outOfOrder) result.outOfOrder++;
          plan.readings.push(rowOf(item, c, time, flags));
          write(key, c.registerMl);
          continue;
        }
        const alarms = activeOf(c.meterId);
        const meterAlarms: DecodedAlarm[] =
          item.decoded.alarms.length === 0
            ? NO_METER_ALARMS
            : item.decoded.alarms
                .filter((a) => meterOf(item, a.meterId) === c.meterId)
                .map((a) => ({ ...a, meterId: c.meterId }));
        const reading = c.reading;
        const out = validator({
          // The decoded reading itself when it already names this meter and time (no copy per reading).
          reading:
            reading.meterId === c.meterId && reading.time === time ? reading : { ...reading, meterId: c.meterId, time },
          receivedAt: item.uplink.receivedAt,
          profile: meters.get(c.meterId)!.profile,
          state,
          meterAlarms,
          activeAlarmKinds: alarms.size === 0 ? NO_KINDS : [...alarms.keys()],
        });
        plan.readings.push(rowOf(item, c, time, out.flags));
        write(key, c.registerMl);
        if (out.nextState !== undefined) {
          setState(c.meterId, out.nextState);
          if (out.nextState.lastTime === time) lastTimes.set(out.nextState, c.timeMs);
        }
        if (out.alarms.length === 0 && out.stillActive === undefined) continue;
        const writable = writableActiveOf(c.meterId);
        for (const change of out.alarms) {
          const applied = applyAlarm(c.meterId, writable, change, time);
          if (!applied) continue;
          itemAlarmRows.push(applied.row);
          if (applied.changed) {
            plan.alarmChanges.push({ ...change, meterId: c.meterId, time });
            result.alarms++;
          }
        }
        for (const kind of out.stillActive ?? NO_KINDS) {
          const row = touchAlarm(writable, kind, time);
          if (row) itemAlarmRows.push(row);
        }
      }
    } catch (err) {
      // Undo this uplink's changes, latest first.
      while (undoKeyCount > 0) written.delete(undoKeys[--undoKeyCount]!);
      while (undoStateCount > 0) {
        undoStateCount--;
        states.set(undoMeters[undoStateCount]!, undoStates[undoStateCount]);
      }
      plan.readings.length = readingsBefore;
      plan.conflicts.length = conflictsBefore;
      plan.alarmChanges.length = changesBefore;
      result.deadLetter = {
        status: 'invalid',
        code: GatewayErrorCode.INTERNAL,
        reason: `validation failed unexpectedly: ${err instanceof Error ? err.message : String(err)}`,
      };
      result.duplicates = result.conflicts = result.outOfOrder = result.alarms = 0;
      continue;
    }
    // Commit this uplink's alarm changes to the batch.
    for (const [m, a] of itemActive) active.set(m, a);
    for (const row of itemAlarmRows) {
      const k = alarmKey(row);
      const before = alarmRows.get(k);
      alarmRows.set(k, before?.isNew ? { ...row, isNew: true } : row);
    }
    result.readings = plan.readings.length - readingsBefore;
    if (result.conflicts > 0) {
      result.deadLetter = {
        status: 'invalid',
        code: GatewayErrorCode.READING_CONFLICT,
        reason: `${result.conflicts} value(s) conflict with stored readings of the same time: ${plan.conflicts
          .slice(conflictsBefore, conflictsBefore + 3)
          .map((c) => `${c.meterId}@${c.time}`)
          .join(', ')}`,
      };
    }
  }
  for (const [m, s] of states) {
    if (s !== undefined && s !== meters.get(m)?.state) plan.states.set(m, s);
  }
  plan.alarms = [...alarmRows.values()];
  return plan;
}
