import { describe, expect, it } from 'vitest';
import { settableClock } from '../../../common/clock.js';
import { setSimulatedClock } from './simulated-clock.js';

const service = { kind: 'service', username: 'sim' } as const;
const device = { kind: 'device', deviceId: 'meter-1' } as const;
const text = (s: string) => Buffer.from(s);

describe('setting the simulated clock', () => {
  it('sets the time a service user publishes', () => {
    const clock = settableClock();
    expect(setSimulatedClock(clock, service, text('2026-10-01T00:15:00.000Z'))).toBeUndefined();
    expect(clock.now().toISOString()).toBe('2026-10-01T00:15:00.000Z');
    expect(setSimulatedClock(clock, service, text(' 2026-09-30T16:00:00Z\n'))).toBeUndefined();
    expect(clock.now().toISOString()).toBe('2026-09-30T16:00:00.000Z');
  });

  it('stands still between settings and shows the wall time before the first', () => {
    const clock = settableClock();
    const before = Date.now();
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(before);
    clock.set(0);
    expect(clock.now().getTime()).toBe(0);
    expect(clock.now().getTime()).toBe(0);
  });

  it('refuses a gateway on the wall clock, a device, and anything but an ISO 8601 UTC time', () => {
    const clock = settableClock();
    clock.set(1_000);
    expect(setSimulatedClock(undefined, service, text('2026-10-01T00:00:00Z'))).toContain('--simulated-clock');
    expect(setSimulatedClock(clock, device, text('2026-10-01T00:00:00Z'))).toContain('service user');
    expect(setSimulatedClock(clock, undefined, text('2026-10-01T00:00:00Z'))).toContain('service user');
    for (const bad of ['', '1759276800000', '2026-10-01', '2026-10-01T00:00:00+08:00', '2026-13-01T00:00:00Z', 'now'])
      expect(setSimulatedClock(clock, service, text(bad))).toContain('ISO 8601');
    expect(clock.now().getTime()).toBe(1_000);
  });
});
