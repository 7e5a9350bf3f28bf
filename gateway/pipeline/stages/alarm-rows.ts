/**
 * How one reading's alarm decisions change a meter's active alarms (the rows planBatch writes):
 * a raise inserts a row, a clear closes it, and a condition still present moves last_seen_at.
 */
import type { AlarmChange } from '../../validation/types.js';
import type { AlarmRecord } from './validate.js';

/** Moves an active alarm's last_seen_at to `time`; returns the row when it changed. */
export function touchAlarm(active: Map<string, AlarmRecord>, kind: string, time: string): AlarmRecord | undefined {
  const current = active.get(kind);
  if (!current || time <= current.lastSeenAt) return undefined;
  const updated = { ...current, lastSeenAt: time };
  active.set(kind, updated);
  return updated;
}

/**
 * Applies one alarm change to a meter's active alarms. Returns the row it touched and whether it
 * is a change of the alarm's lifecycle (a raise of an alarm already active only moves its
 * last_seen_at: it is neither counted nor published).
 */
export function applyAlarm(
  meterId: string,
  active: Map<string, AlarmRecord>,
  change: AlarmChange,
  time: string,
): { row: AlarmRecord; changed: boolean } | undefined {
  const current = active.get(change.kind);
  if (change.action === 'raise') {
    if (current) {
      const row = touchAlarm(active, change.kind, time);
      return row ? { row, changed: false } : undefined;
    }
    const raised: AlarmRecord = {
      meterId,
      kind: change.kind,
      raisedAt: time,
      lastSeenAt: time,
      source: change.source,
      severity: change.severity,
      ...(change.detail !== undefined ? { detail: change.detail } : {}),
      isNew: true,
    };
    active.set(change.kind, raised);
    return { row: raised, changed: true };
  }
  if (!current) return undefined;
  active.delete(change.kind);
  return {
    row: { ...current, clearedAt: time, lastSeenAt: time > current.lastSeenAt ? time : current.lastSeenAt },
    changed: true,
  };
}

export function alarmKey(a: { meterId: string; kind: string; raisedAt: string }): string {
  return `${a.meterId}\u0000${a.kind}\u0000${a.raisedAt}`;
}
