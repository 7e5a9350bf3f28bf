/**
 * Which faults a meter can show, and when. Meter-level faults get a window on whole hours, sized
 * so that the validator can see them with its default thresholds (docs/simulators.md lists the
 * rule each one triggers); message-level faults are drawn per uplink in traffic.ts.
 */
import { SimulatorErrorCode, fail, ok, type Result } from '../errors.js';
import type { Rng } from '../random.js';
import { DAY_MS, HOUR_MS } from './calendar.js';
import { modelOf } from './models/index.js';
import type { FaultKind, MeterFault, MeterFaultKind, MeterSpec } from './types.js';

export interface RunFrame {
  startMs: number;
  endMs: number;
  intervalMs: number;
}

/** The validator's continuous-flow window and longest interval that can still show flow (defaults). */
const LEAK_WINDOW_MS = 24 * HOUR_MS;
const LEAK_MAX_INTERVAL_MS = HOUR_MS;
/** Interval samples the spike rule needs behind it before it judges (historyMinSamples + margin). */
const SPIKE_HISTORY_INTERVALS = 8;

const ceilHour = (ms: number): number => Math.ceil(ms / HOUR_MS) * HOUR_MS;
const floorHour = (ms: number): number => Math.floor(ms / HOUR_MS) * HOUR_MS;

/** Why `kind` cannot be shown by this meter in this run, or undefined when it can. */
export function ineligibility(
  kind: FaultKind,
  spec: Pick<MeterSpec, 'path' | 'model' | 'registerDigits'>,
  frame: RunFrame,
): string | undefined {
  const model = modelOf(spec.model);
  const lora = spec.path === 'chirpstack' || spec.path === 'tts';
  switch (kind) {
    case 'leak':
      if (model.statusBits.includes('leak')) return undefined;
      return frame.intervalMs <= LEAK_MAX_INTERVAL_MS
        ? undefined
        : `${spec.model} has no leak bit and intervals above 1 h cannot show continuous flow`;
    case 'burst':
    case 'stuck':
    case 'offline':
    case 'truncated':
      return undefined;
    case 'reverse':
      if (model.statusBits.includes('reverse')) return undefined;
      // A register turning back is seen only when readings come before the day's use covers it.
      if (model.direction === 'bidirectional') {
        return frame.intervalMs <= 3 * HOUR_MS
          ? undefined
          : `${spec.model} shows reverse flow only with intervals up to 3 h`;
      }
      return `${spec.model} cannot show reverse flow`;
    case 'rollover':
      return model.maxRegisterMl >= 10 ** (spec.registerDigits + 6)
        ? undefined
        : `${spec.model} cannot carry a register up to its rollover`;
    case 'tamper':
      return model.statusBits.includes('tamper') ? undefined : `${spec.model} has no tamper bit`;
    case 'drift':
      return model.carriesMeterTime ? undefined : `${spec.model} carries no meter clock`;
    case 'fcnt-reset':
    case 'multi-gateway':
      return lora ? undefined : 'only LoRaWAN meters have frame counters and gateways';
    case 'corrupt':
      return model.corrupt !== undefined
        ? undefined
        : `${spec.model} has no checksum: a damaged payload cannot be told from a good one`;
  }
}

interface Window {
  earliestStartMs: number;
  latestStartMs: number;
  durationMs: number | 'to-end';
}

/** Where a fault's window may lie, or why the run is too short for it. */
function windowFor(kind: MeterFaultKind, frame: RunFrame, rng: Rng): Window | string {
  const { startMs: s, endMs: e, intervalMs: i } = frame;
  const hours = (n: number) => n * HOUR_MS;
  switch (kind) {
    case 'leak': {
      const duration = ceilHour(Math.max(LEAK_WINDOW_MS + hours(12), 3 * i)) + floorHour(rng.between(0, 2 * DAY_MS));
      return {
        earliestStartMs: s + 2 * i,
        latestStartMs: e - Math.max(LEAK_WINDOW_MS + hours(12), 3 * i),
        durationMs: duration,
      };
    }
    case 'burst': {
      const duration = ceilHour(Math.max(hours(2), 2 * i));
      return {
        earliestStartMs: s + Math.max(SPIKE_HISTORY_INTERVALS * i, hours(12)),
        latestStartMs: e - duration - i,
        durationMs: duration,
      };
    }
    case 'stuck':
      // Early in the first interval: the register stops moving from the second reading on, so a
      // run of 31 days shows the 30 days the zero-consumption rule waits for.
      return {
        earliestStartMs: s + hours(1),
        latestStartMs: s + Math.max(hours(1), Math.min(hours(12), i / 2)),
        durationMs: 'to-end',
      };
    case 'reverse': {
      const duration = ceilHour(Math.max(hours(3), 2 * i));
      return { earliestStartMs: s + Math.max(2 * i, hours(2)), latestStartMs: e - duration - i, durationMs: duration };
    }
    case 'tamper': {
      const duration = ceilHour(Math.max(hours(2), 2 * i));
      return { earliestStartMs: s + Math.max(i, hours(1)), latestStartMs: e - duration - i, durationMs: duration };
    }
    case 'drift':
      return { earliestStartMs: s + Math.max(2 * i, hours(2)), latestStartMs: s + (e - s) / 2, durationMs: 'to-end' };
    case 'offline': {
      const duration = ceilHour(Math.max(2 * DAY_MS, 3 * i)) + floorHour(rng.between(0, 3 * DAY_MS));
      return { earliestStartMs: s + 2 * i, latestStartMs: e - duration - 2 * i, durationMs: duration };
    }
    case 'fcnt-reset':
      return { earliestStartMs: s + 2 * i, latestStartMs: e - 2 * i, durationMs: 'to-end' };
    case 'rollover':
      return { earliestStartMs: s, latestStartMs: s, durationMs: 'to-end' };
  }
}

/** Flow of a leak: enough for the register to move every interval at the format's resolution. */
export function leakFlowLph(rng: Rng, resolutionMl: number, intervalMs: number): number {
  const moving = (1.5 * resolutionMl * HOUR_MS) / 1000 / Math.min(intervalMs, HOUR_MS);
  return Math.ceil(Math.max(rng.between(6, 24), moving));
}

export interface FaultRequest {
  kind: MeterFaultKind;
  atMs?: number;
  durationMs?: number;
  requested: boolean;
}

/** The fault's window and strength for this meter, or why it cannot have it. */
export function planFault(request: FaultRequest, spec: MeterSpec, frame: RunFrame, rng: Rng): Result<MeterFault> {
  const reason = ineligibility(request.kind, spec, frame);
  if (reason !== undefined) {
    return fail(SimulatorErrorCode.FAULT_NOT_APPLICABLE, `${request.kind} on ${spec.meterId}: ${reason}`, {
      meterId: spec.meterId,
      fault: request.kind,
    });
  }
  const w = windowFor(request.kind, frame, rng);
  if (typeof w === 'string')
    return fail(SimulatorErrorCode.FAULT_NOT_APPLICABLE, `${request.kind} on ${spec.meterId}: ${w}`);
  let startMs: number;
  if (request.atMs !== undefined) {
    startMs = floorHour(request.atMs);
    if (startMs < frame.startMs || startMs >= frame.endMs) {
      return fail(
        SimulatorErrorCode.FAULT_NOT_APPLICABLE,
        `${request.kind} on ${spec.meterId}: the requested time is outside the run`,
        { meterId: spec.meterId },
      );
    }
  } else {
    const earliest = ceilHour(w.earliestStartMs);
    const latest = floorHour(w.latestStartMs);
    if (latest < earliest) {
      return fail(
        SimulatorErrorCode.FAULT_NOT_APPLICABLE,
        `${request.kind} on ${spec.meterId}: the run is too short for it to show`,
        { meterId: spec.meterId, fault: request.kind },
      );
    }
    startMs =
      request.kind === 'rollover' ? frame.startMs : earliest + floorHour(rng.between(0, latest - earliest + HOUR_MS));
    startMs = Math.min(startMs, latest);
  }
  const duration = request.durationMs ?? w.durationMs;
  const endMs = duration === 'to-end' ? frame.endMs : Math.min(frame.endMs, startMs + ceilHour(duration));
  const fault: MeterFault = { kind: request.kind, startMs, endMs, requested: request.requested };
  const model = modelOf(spec.model);
  switch (request.kind) {
    case 'leak':
      fault.flowLph = leakFlowLph(rng, model.resolutionMl, frame.intervalMs);
      break;
    case 'burst':
      // Within what the meter can pass (below Q3), far above any household's own history.
      fault.flowLph = Math.round(0.9 * spec.q3Lph);
      break;
    case 'reverse':
      fault.flowLph = Math.round(rng.between(100, 300));
      break;
    case 'drift':
      fault.driftSPerHour = Math.round(rng.between(60, 180));
      break;
    default:
      break;
  }
  return ok(fault);
}

/**
 * For a rollover: an initial register that wraps at capacity part-way through the run, given the
 * volume the meter is expected to count over the run.
 */
export function rolloverInitialRegisterMl(capacityMl: number, expectedRunVolumeMl: number, rng: Rng): number {
  const before = Math.max(1_000_000, Math.round(expectedRunVolumeMl * rng.between(0.25, 0.5)));
  return Math.floor((capacityMl - before) / 1000) * 1000;
}
