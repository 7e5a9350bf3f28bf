import { describe, expect, it } from 'vitest';
import type { WireMessage } from '../message.js';
import { testFleet } from '../testing/fleets.js';
import { generateTraffic, tickCount } from './traffic.js';

function fingerprint(messages: Iterable<WireMessage>): string[] {
  const out: string[] = [];
  for (const m of messages) {
    const where = m.transport === 'mqtt' ? m.topic : m.path;
    out.push(`${m.timeMs} ${m.transport} ${where} ${Buffer.from(m.payload).toString('base64')}`);
  }
  return out;
}

function byMeter(messages: Iterable<WireMessage>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of fingerprintWithMeter(messages)) {
    const [meter, rest] = line;
    out.set(meter, [...(out.get(meter) ?? []), rest]);
  }
  return out;
}

function* fingerprintWithMeter(messages: Iterable<WireMessage>): Generator<[string, string]> {
  for (const m of messages) yield [String(m.metadata.meterId), fingerprint([m])[0]!];
}

describe('generateTraffic', () => {
  const faults = { leak: 0.1, burst: 0.1, drift: 0.1, corrupt: 0.02, truncated: 0.02, 'multi-gateway': 0.05 } as const;

  it('gives byte-identical uplinks, topics and times for the same seed', () => {
    const a = fingerprint(generateTraffic(testFleet({ seed: 'same', faultRates: faults })));
    const b = fingerprint(generateTraffic(testFleet({ seed: 'same', faultRates: faults })));
    expect(a.length).toBeGreaterThan(500);
    expect(b).toEqual(a);
  });

  it('gives different traffic for another seed', () => {
    const a = fingerprint(generateTraffic(testFleet({ seed: 'one' })));
    const b = fingerprint(generateTraffic(testFleet({ seed: 'two' })));
    expect(b).not.toEqual(a);
  });

  it('leaves every other meter unchanged when one meter gets a fault', () => {
    const clean = byMeter(generateTraffic(testFleet({ seed: 'iso' })));
    const faulted = byMeter(
      generateTraffic(testFleet({ seed: 'iso', injections: [{ kind: 'burst', meter: 'M000003' }] })),
    );
    for (const [meter, lines] of clean) {
      if (meter === 'M000003') expect(faulted.get(meter)).not.toEqual(lines);
      else expect(faulted.get(meter)).toEqual(lines);
    }
  });

  it('emits messages in time order', () => {
    let previous = -Infinity;
    for (const m of generateTraffic(testFleet({ faultRates: faults }))) {
      expect(m.timeMs).toBeGreaterThanOrEqual(previous);
      previous = m.timeMs;
    }
  });

  it('has every meter report at the start, every interval and at the end', () => {
    const fleet = testFleet({ days: 1, intervalS: 900 });
    const counts = new Map<string, number>();
    for (const m of generateTraffic(fleet))
      counts.set(String(m.metadata.meterId), (counts.get(String(m.metadata.meterId)) ?? 0) + 1);
    expect(tickCount(fleet)).toBe(97);
    for (const spec of fleet.meters) expect(counts.get(spec.meterId)).toBe(97);
  });

  it('sends each path to its topic or CoAP path', () => {
    const fleet = testFleet();
    const seen = new Map<string, string>();
    for (const m of generateTraffic(fleet))
      seen.set(String(m.metadata.path), m.transport === 'mqtt' ? m.topic : m.path);
    expect(seen.get('wmbus')).toMatch(/^meters\/7\d{7}\/up$/);
    expect(seen.get('mqtt')).toMatch(/^meters\/\d{15}\/up$/);
    expect(seen.get('coap')).toMatch(/^\/m\/\d{15}$/);
    expect(seen.get('chirpstack')).toMatch(/^application\/[0-9a-f-]{36}\/device\/[0-9a-f]{16}\/event\/up$/);
    expect(seen.get('tts')).toMatch(/^v3\/water-meters@utility\/devices\/wm-m\d{6}\/up$/);
  });

  it('does not send while a meter is offline, and resumes after', () => {
    const fleet = testFleet({ days: 8, injections: [{ kind: 'offline', meter: '2' }] });
    const fault = fleet.meters[1]!.fault!;
    const times = [...generateTraffic(fleet)].filter((m) => m.metadata.meterId === 'M000002').map((m) => m.timeMs);
    expect(times.some((t) => t >= fault.startMs && t < fault.endMs)).toBe(false);
    expect(times.some((t) => t >= fault.endMs)).toBe(true);
  });
});
