/**
 * The simulated clock's topic. A gateway started with `--simulated-clock` (MF_SIMULATED_CLOCK)
 * stamps uplinks with a time that a simulation sets: a service user publishes an ISO 8601 UTC
 * time to `meterflow/sim/clock` and the embedded broker sets the clock before its PUBACK. The
 * simulator does so before each window of traffic, after every earlier message was acknowledged
 * (`meterflow simulate --lockstep`), so that three months compressed into minutes are stored and
 * validated as if they had arrived over three months. Devices may never set it; a gateway on the
 * wall clock refuses the topic.
 */
import type { SettableClock } from '../../../common/clock.js';
import type { Principal } from './broker-auth.js';

export const SIMULATED_CLOCK_TOPIC = 'meterflow/sim/clock';

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/;

/** Sets the clock from one publish; returns why it was refused, or undefined when it was set. */
export function setSimulatedClock(
  clock: SettableClock | undefined,
  principal: Principal | undefined,
  payload: Uint8Array,
): string | undefined {
  if (clock === undefined) return 'this gateway runs on the wall clock (start it with --simulated-clock)';
  if (principal?.kind !== 'service') return 'only a service user may set the simulated clock';
  const text = Buffer.from(payload).toString('utf8').trim();
  const ms = ISO_UTC.test(text) ? Date.parse(text) : NaN;
  if (!Number.isFinite(ms)) return `'${text.slice(0, 40)}' is not an ISO 8601 UTC time (2026-10-01T00:15:00Z)`;
  clock.set(ms);
  return undefined;
}
