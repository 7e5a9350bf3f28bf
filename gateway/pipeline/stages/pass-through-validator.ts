/**
 * The validator used until the rules of gateway/validation/ are wired in: it flags nothing,
 * raises no alarm, and takes every in-order reading as the meter's new last state. The stage
 * around it still detects duplicates, conflicts and out-of-order readings.
 */
import type { Validator } from '../../validation/types.js';

export const passThroughValidator: Validator = ({ reading, receivedAt, state }) => ({
  flags: 0,
  alarms: [],
  nextState: {
    lastTime: reading.time,
    lastRegisterMl: reading.registerMl,
    lastReceivedAt: receivedAt,
    ...(reading.flowLph !== undefined ? { lastFlowLph: reading.flowLph } : {}),
    extra: state?.extra ?? {},
  },
});
