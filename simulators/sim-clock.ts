/**
 * A clock the simulation drives: the gateway reads the simulated time from it, and the lockstep
 * sender (transport/send.ts) moves it forward window by window. Used by the demo and by tests
 * that run a whole gateway on simulated time.
 */
import type { Clock } from '../common/clock.js';
import { SIMULATED_CLOCK_TOPIC } from '../gateway/transports/mqtt/simulated-clock.js';
import { SimulatorErrorCode, SimulatorFailure, simulatorError } from './errors.js';
import type { MqttPublisher } from './transport/mqtt-publisher.js';
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

/** The lockstep window: 15 minutes, or the interval when that is shorter. */
export function lockstepWindowMs(intervalS: number): number {
  return Math.min(intervalS, 900) * 1000;
}

/** Lockstep on `clock`, windows of `windowMs` from `originMs`. */
export function lockstepOn(clock: SimulationClock, originMs: number, windowMs: number): Lockstep {
  return { originMs, windowMs, set: (ms) => clock.set(ms) };
}

/** How long the gateway may take to acknowledge a clock setting before the run stops. */
export const CLOCK_ACK_LIMIT_MS = 30_000;

/**
 * Lockstep with a separate gateway started with `--simulated-clock`: each window's end is
 * published to meterflow/sim/clock (QoS 1) and the window starts once the gateway acknowledged
 * it. A gateway that refuses the topic (wall clock, or not a service user) closes the connection
 * without PUBACK: the run stops with SIM_TARGET_UNREACHABLE instead of waiting for ever.
 */
export function lockstepOverMqtt(
  publisher: MqttPublisher,
  originMs: number,
  windowMs: number,
  ackLimitMs = CLOCK_ACK_LIMIT_MS,
): Lockstep {
  return {
    originMs,
    windowMs,
    async set(ms) {
      let timer: NodeJS.Timeout | undefined;
      const limit = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ackLimitMs)));
      try {
        const outcome = await Promise.race([
          publisher.publish(SIMULATED_CLOCK_TOPIC, Buffer.from(new Date(ms).toISOString()), 1, false),
          limit,
        ]);
        if (outcome === 'late') {
          throw new SimulatorFailure(
            simulatorError(
              SimulatorErrorCode.TARGET_UNREACHABLE,
              `the gateway did not acknowledge ${SIMULATED_CLOCK_TOPIC} within ${ackLimitMs / 1000} s: ` +
                'start it with --simulated-clock and publish as its service user (MF_MQTT_SERVICE_USER)',
            ),
          );
        }
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
