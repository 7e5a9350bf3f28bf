/** Time comes through an injected clock so that tests and vectors can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock {
  const t = new Date(iso);
  return { now: () => new Date(t.getTime()) };
}

/**
 * A clock that a simulation drives (`meterflow gateway --simulated-clock`): it shows the wall
 * time until it is first set, then the time it was last set to, standing still in between.
 */
export interface SettableClock extends Clock {
  set(ms: number): void;
}

export function settableClock(): SettableClock {
  let current: number | undefined;
  return {
    now: () => new Date(current ?? Date.now()),
    set(ms: number) {
      if (!Number.isFinite(ms)) throw new RangeError('the clock needs a finite time');
      current = ms;
    },
  };
}
