/**
 * One simulated meter over the run: its premises' consumption plus the effect of its fault, read
 * as the meter itself would report it (register with rollover, instantaneous flow, its own clock,
 * the conditions it can sense). Pure given the spec: the same spec gives the same samples.
 */
import { HOUR_MS, type Calendar } from './calendar.js';
import { Consumption } from './consumption.js';
import type { MeterFault, MeterSpec } from './types.js';

/** Conditions a meter's electronics can sense (each format reports the ones it has bits for). */
export interface SensedConditions {
  leak: boolean;
  burst: boolean;
  reverse: boolean;
  tamper: boolean;
}

export interface MeterSample {
  /** True time of the measurement, UTC ms. */
  timeMs: number;
  /** The meter's own clock at that moment (behind true time when its clock drifts). */
  meterClockMs: number;
  /** The register as the meter counts it (wrapped at capacity), millilitres, before the format's resolution. */
  registerMl: number;
  /** Instantaneous flow, litres per hour (negative while water flows backwards). */
  flowLph: number;
  /** Register at the last billing (reading) day's local midnight in the run, else at the start. */
  billingDateRegisterMl: number;
  sensed: SensedConditions;
  /** Registers at the whole hours before the measurement, oldest first (up to 24). */
  hourlyRegistersMl: readonly number[];
}

/** Whether a model's register counts backwards when water flows backwards (a mechanical register). */
export type RegisterDirection = 'forward-only' | 'bidirectional';

function overlapMs(fromMs: number, toMs: number, window: MeterFault): number {
  return Math.max(0, Math.min(toMs, window.endMs) - Math.max(fromMs, window.startMs));
}

function active(fault: MeterFault | undefined, kind: MeterFault['kind'], tMs: number): boolean {
  return fault !== undefined && fault.kind === kind && tMs >= fault.startMs && tMs < fault.endMs;
}

export class SimulatedMeter {
  private readonly consumption: Consumption;
  /** Forward use before the run start (NaN until the constructor has measured it). */
  private originMl = Number.NaN;
  private readonly capacityMl: number;
  private frozenForwardMl: number | undefined;
  private billingDateRegisterMl: number;
  private readonly hourly: number[] = [];

  constructor(
    readonly spec: MeterSpec,
    private readonly runStartMs: number,
    private readonly readingDay: number,
    seed: string,
    slotMs: number,
    private readonly calendar: Calendar,
    private readonly direction: RegisterDirection,
  ) {
    const fault = spec.fault;
    this.capacityMl = 10 ** (spec.registerDigits + 6);
    this.consumption = new Consumption(
      {
        seed,
        meterIndex: spec.index,
        meterClass: spec.meterClass,
        dailyLitres: spec.dailyLitres,
        q3Lph: spec.q3Lph,
        slotMs,
        ...(fault?.kind === 'reverse' ? { suppress: [{ startMs: fault.startMs, endMs: fault.endMs }] } : {}),
      },
      calendar,
      (boundaryMs, forwardMl) => this.hourBoundary(boundaryMs, forwardMl),
    );
    this.billingDateRegisterMl = spec.initialRegisterMl;
    this.originMl = this.consumption.forwardMl(runStartMs);
  }

  private faultVolumeMl(kind: 'leak' | 'burst' | 'reverse', tMs: number): number {
    const f = this.spec.fault;
    if (f === undefined || f.kind !== kind || f.flowLph === undefined) return 0;
    return Math.floor((f.flowLph * 1000 * overlapMs(this.runStartMs, tMs, f)) / HOUR_MS);
  }

  /** Forward volume through the meter since the run start, as the meter counts it. */
  private countedForwardMl(tMs: number, useForwardMl: number): number {
    const fwd = useForwardMl - this.originMl + this.faultVolumeMl('leak', tMs) + this.faultVolumeMl('burst', tMs);
    const f = this.spec.fault;
    if (f?.kind === 'stuck' && tMs >= f.startMs) return this.frozenForwardMl ?? fwd;
    return fwd;
  }

  private registerFrom(tMs: number, useForwardMl: number): number {
    let ml = this.spec.initialRegisterMl + this.countedForwardMl(tMs, useForwardMl);
    if (this.direction === 'bidirectional') ml -= this.faultVolumeMl('reverse', tMs);
    return ((ml % this.capacityMl) + this.capacityMl) % this.capacityMl;
  }

  private hourBoundary(boundaryMs: number, forwardMl: number): void {
    if (boundaryMs < this.runStartMs || Number.isNaN(this.originMl)) {
      if (boundaryMs === this.runStartMs) this.hourly.push(this.spec.initialRegisterMl);
      return;
    }
    const f = this.spec.fault;
    if (f?.kind === 'stuck' && boundaryMs === f.startMs && this.frozenForwardMl === undefined) {
      // Stuck faults start on a whole hour, where every earlier use is complete.
      this.frozenForwardMl = this.countedForwardMl(boundaryMs, forwardMl);
    }
    const register = this.registerFrom(boundaryMs, forwardMl);
    this.hourly.push(register);
    if (this.hourly.length > 24) this.hourly.shift();
    const info = this.calendar.at(boundaryMs);
    if (info.hour === 0 && info.dayOfMonth === this.readingDay && boundaryMs > this.runStartMs)
      this.billingDateRegisterMl = register;
  }

  /** The meter's reading at `tMs` (non-decreasing across calls). */
  sampleAt(tMs: number): MeterSample {
    const fault = this.spec.fault;
    const useForwardMl = this.consumption.forwardMl(tMs);
    const registerMl = this.registerFrom(tMs, useForwardMl);
    const stuck = fault?.kind === 'stuck' && tMs >= fault.startMs;
    let flowLph = stuck ? 0 : this.consumption.useFlowLph(tMs);
    if (!stuck && active(fault, 'leak', tMs)) flowLph += fault!.flowLph ?? 0;
    if (!stuck && active(fault, 'burst', tMs)) flowLph += fault!.flowLph ?? 0;
    if (active(fault, 'reverse', tMs)) flowLph = -(fault!.flowLph ?? 0);
    flowLph = Math.min(Math.round(flowLph), Math.floor(1.2 * this.spec.q3Lph));
    let meterClockMs = tMs;
    if (fault?.kind === 'drift' && tMs >= fault.startMs) {
      meterClockMs -= Math.floor(((fault.driftSPerHour ?? 0) * (tMs - fault.startMs)) / HOUR_MS) * 1000;
    }
    return {
      timeMs: tMs,
      meterClockMs,
      registerMl,
      flowLph,
      billingDateRegisterMl: this.billingDateRegisterMl,
      sensed: {
        leak: active(fault, 'leak', tMs),
        burst: active(fault, 'burst', tMs),
        reverse: active(fault, 'reverse', tMs),
        tamper: active(fault, 'tamper', tMs),
      },
      hourlyRegistersMl: this.hourly,
    };
  }
}
