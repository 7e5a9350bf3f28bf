/**
 * Every injected fault comes out flagged by the matching validation rule: generated payloads are
 * read by the gateway's own adapters and decoders and validated in order by the real validator
 * with its default thresholds (simulators/testing/in-memory-ingest.ts composes those stages).
 */
import { describe, expect, it } from 'vitest';
import { FLAG, flagNames, type FlagName } from '../../gateway/validation/flags.js';
import { createValidator } from '../../gateway/validation/validator.js';
import { fleetDecoders } from '../fleet-decoders.js';
import { createInMemoryIngest, type IngestRecord } from '../testing/in-memory-ingest.js';
import { testFleet } from '../testing/fleets.js';
import { ineligibility, planFault } from './faults.js';
import { generateTraffic } from './traffic.js';
import { rngFor } from '../random.js';
import { METER_FAULTS, type FaultInjection, type Fleet, type MeterFaultKind, type ModelId } from './types.js';

/** The flags each meter fault must raise on at least one of its readings (any of them). */
const EXPECTED: Record<Exclude<MeterFaultKind, 'fcnt-reset'>, FlagName[]> = {
  leak: ['continuous_flow', 'meter_leak'],
  burst: ['spike_history', 'spike_overload', 'burst'],
  stuck: ['zero_consumption'],
  reverse: ['reverse_flow', 'meter_backflow', 'register_backwards'],
  rollover: ['register_rollover'],
  tamper: ['tamper'],
  drift: ['clock_drift'],
  offline: ['gap'],
};

interface Run {
  fleet: Fleet;
  records: IngestRecord[];
}

function ingestAll(fleet: Fleet): Run {
  const ingest = createInMemoryIngest(fleet, fleetDecoders(), createValidator());
  const records: IngestRecord[] = [];
  for (const m of generateTraffic(fleet)) records.push(ingest.ingest(m));
  return { fleet, records };
}

/** One meter per (fault, format) the format can show, chosen from a fault-free fleet of the same seed. */
function injectionsFor(base: Fleet): FaultInjection[] {
  const used = new Set<string>();
  const injections: FaultInjection[] = [];
  const frame = { startMs: base.options.startMs, endMs: base.endMs, intervalMs: base.options.intervalS * 1000 };
  for (const kind of METER_FAULTS) {
    const models = new Set<ModelId>();
    for (const spec of base.meters) {
      if (used.has(spec.meterId) || models.has(spec.model)) continue;
      if (ineligibility(kind, spec, frame) !== undefined) continue;
      if (!planFault({ kind, requested: true }, spec, frame, rngFor('probe')).ok) continue;
      models.add(spec.model);
      used.add(spec.meterId);
      injections.push({ kind, meter: spec.meterId });
    }
  }
  return injections;
}

describe('injected faults, validated by the gateway', () => {
  const options = {
    meters: 60,
    seed: 'faults',
    days: 31,
    mix: { wmbus: 0.3, chirpstack: 0.3, tts: 0.1, coap: 0.2, mqtt: 0.1 },
  };
  const injections = injectionsFor(testFleet(options));
  const run = ingestAll(testFleet({ ...options, injections }));
  const readingsOf = (meterId: string) =>
    run.records.filter((r) => r.message.metadata.meterId === meterId).flatMap((r) => r.readings);

  it('covers every meter fault on every format that can show it', () => {
    const kinds = new Set(injections.map((i) => i.kind));
    expect([...kinds].sort()).toEqual([...METER_FAULTS].sort());
    expect(injections.length).toBeGreaterThanOrEqual(25);
  });

  for (const kind of Object.keys(EXPECTED) as Array<keyof typeof EXPECTED>) {
    it(`flags every ${kind} fault with ${EXPECTED[kind].join(' or ')}`, () => {
      const faulted = run.fleet.meters.filter((m) => m.fault?.kind === kind);
      expect(faulted.length).toBeGreaterThan(0);
      const mask = EXPECTED[kind].reduce((acc, name) => acc | FLAG[name], 0);
      for (const spec of faulted) {
        const flagged = readingsOf(spec.meterId).filter((r) => (r.flags & mask) !== 0);
        expect(flagged.length, `${spec.meterId} (${spec.model}) with ${kind}`).toBeGreaterThan(0);
        if (kind !== 'rollover' && kind !== 'stuck' && kind !== 'drift') {
          // The finding lies in the fault's window (gap: on the first reading after it).
          const fault = spec.fault!;
          const inWindow = flagged.some((r) => {
            const t = Date.parse(r.time);
            return t >= fault.startMs - 3_600_000 && t <= fault.endMs + 3_600_000 * 2;
          });
          expect(inWindow, `${spec.meterId} ${kind} flagged outside its window`).toBe(true);
        }
      }
    });
  }

  it('tells a rollover from a register going backwards', () => {
    for (const spec of run.fleet.meters.filter((m) => m.fault?.kind === 'rollover')) {
      expect(readingsOf(spec.meterId).some((r) => (r.flags & FLAG.register_backwards) !== 0)).toBe(false);
    }
  });

  it('takes the uplinks after an fCnt reset as new, not as duplicates', () => {
    const reset = run.fleet.meters.filter((m) => m.fault?.kind === 'fcnt-reset');
    expect(reset.length).toBeGreaterThan(0);
    for (const spec of reset) {
      const mine = run.records.filter((r) => r.message.metadata.meterId === spec.meterId);
      expect(mine.every((r) => r.status === 'accepted')).toBe(true);
      const after = mine.filter((r) => r.message.timeMs >= spec.fault!.startMs);
      expect(after[0]?.message.metadata.fCnt).toBe(0);
      expect(
        readingsOf(spec.meterId).every((r) => (r.flags & (FLAG.out_of_order | FLAG.duplicate_conflict)) === 0),
      ).toBe(true);
    }
  });

  it('raises no flag on meters without a fault', () => {
    for (const spec of run.fleet.meters.filter((m) => m.fault === undefined)) {
      const flagged = readingsOf(spec.meterId).filter((r) => r.flags !== 0);
      expect(flagged.map((r) => `${spec.meterId} ${r.time} ${flagNames(r.flags).join(',')}`)).toEqual([]);
    }
  });
});

describe('message faults, read by the gateway', () => {
  const fleet = testFleet({
    meters: 30,
    seed: 'message-faults',
    days: 3,
    faultRates: { corrupt: 0.05, truncated: 0.05, 'multi-gateway': 0.1 },
  });
  const run = ingestAll(fleet);
  const withFault = (kind: string) => run.records.filter((r) => r.message.metadata.fault === kind);

  it('dead-letters every corrupted payload with a checksum or CRC error', () => {
    const corrupt = withFault('corrupt');
    expect(corrupt.length).toBeGreaterThan(5);
    for (const r of corrupt) expect(r.status).toBe('decode_error');
    expect(corrupt.filter((r) => r.code === 'DECODE_CHECKSUM_MISMATCH').length).toBeGreaterThan(corrupt.length / 2);
  });

  it('dead-letters every truncated payload as a decode error', () => {
    const truncated = withFault('truncated');
    expect(truncated.length).toBeGreaterThan(5);
    for (const r of truncated) expect(r.status).toBe('decode_error');
  });

  it('stores an uplink heard by several gateways once', () => {
    const copies = withFault('multi-gateway');
    expect(copies.length).toBeGreaterThan(5);
    const byUplink = new Map<string, IngestRecord[]>();
    for (const r of copies) {
      const key = `${r.message.metadata.meterId}:${r.message.metadata.seq}`;
      byUplink.set(key, [...(byUplink.get(key) ?? []), r]);
    }
    for (const group of byUplink.values()) {
      expect(group.length).toBeGreaterThanOrEqual(2);
      expect(group.filter((r) => r.status === 'accepted')).toHaveLength(1);
      expect(group.filter((r) => r.status === 'duplicate')).toHaveLength(group.length - 1);
      expect(new Set(group.map((r) => r.dedupKey)).size).toBe(1);
    }
  });
});
