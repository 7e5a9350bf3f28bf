/**
 * A clock the simulation drives: the gateway reads the simulated time from it, and the lockstep
 * sender (transport/send.ts) moves it forward window by window. Used by the demo and by tests
 * that run a whole gateway on simulated time.
 */
import type { Clock } from '../common/clock.js';
import type { Lockstep } from './transport/send.js';

export interface SimulationClock extends Clock {
  set(ms: number): void;
  nowMs(): number;
}

export function simulationClock(startMs: number): SimulationClock {
  let current = startMs;
  return {
    now: () => new Date(current),
    nowMs: () => current,
    set(ms: number) {
      if (ms < current) throw new RangeError('the simulation clock does not run backwards');
      current = ms;
    },
  };
}

/** Lockstep on `clock`, windows of `windowMs` from `originMs`. */
export function lockstepOn(clock: SimulationClock, originMs: number, windowMs: number): Lockstep {
  return { originMs, windowMs, set: (ms) => clock.set(ms) };
}
