/**
 * The water a meter's premises draw, as discrete uses generated hour by hour from the meter's own
 * random stream. Each use lies inside one slot of the grid (slot = the reporting interval, at most
 * an hour), so at every hour boundary all earlier uses are complete and the forward volume is
 * exact there. Volumes are integer millilitres; queries must come at non-decreasing times.
 */
import { rngFor, type Rng } from '../random.js';
import { HOUR_MS, type Calendar } from './calendar.js';
import {
  SLOT_CAP_Q3_SHARE,
  USE_FLOW_CAP_Q3_SHARE,
  hourlyWeights,
  seasonalFactor,
  useShape,
  weekdayFactor,
  type UseShape,
} from './profiles.js';
import type { MeterClass } from './types.js';

export interface UseEvent {
  startMs: number;
  durationMs: number;
  volumeMl: number;
}

export interface ConsumptionSpec {
  seed: string;
  meterIndex: number;
  meterClass: MeterClass;
  dailyLitres: number;
  q3Lph: number;
  /** Slot length, ms: the reporting interval when below an hour, else an hour. Divides an hour. */
  slotMs: number;
  /** No use starts inside these windows (reverse flow: the supply has lost pressure). */
  suppress?: Array<{ startMs: number; endMs: number }>;
}

/** Called at each hour boundary crossed, with the forward volume used before it. */
export type HourBoundaryListener = (boundaryMs: number, forwardMl: number) => void;

interface DayDraws {
  dayNumber: number;
  factor: number;
  /** Local hours with no use at all (a quiet stretch every night). */
  quietFrom: number;
}

export class Consumption {
  private readonly rng: Rng;
  private readonly weights: readonly number[];
  private readonly shape: UseShape;
  private readonly slotCapMl: number;
  private readonly flowCapLph: number;
  /** Hour index (UTC hours since the epoch) whose uses are in `current`; NaN before the first query. */
  private hour = Number.NaN;
  private baseMl = 0;
  private current: UseEvent[] = [];
  private day: DayDraws | undefined;

  constructor(
    private readonly spec: ConsumptionSpec,
    private readonly calendar: Calendar,
    private readonly onHourBoundary?: HourBoundaryListener,
  ) {
    this.rng = rngFor(spec.seed, 'uses', spec.meterIndex);
    this.weights = hourlyWeights(spec.meterClass);
    this.shape = useShape(spec.meterClass);
    this.slotCapMl = Math.floor(((SLOT_CAP_Q3_SHARE * spec.q3Lph * spec.slotMs) / HOUR_MS) * 1000);
    this.flowCapLph = USE_FLOW_CAP_Q3_SHARE * spec.q3Lph;
  }

  /** Forward volume drawn from the first queried hour up to `tMs`, millilitres. */
  forwardMl(tMs: number): number {
    this.advanceTo(tMs);
    let ml = this.baseMl;
    for (const e of this.current) {
      if (tMs <= e.startMs) break;
      const end = e.startMs + e.durationMs;
      ml += tMs >= end ? e.volumeMl : Math.floor((e.volumeMl * (tMs - e.startMs)) / e.durationMs);
    }
    return ml;
  }

  /** Flow of the uses in progress at `tMs`, litres per hour (capped at the pipe's limit). */
  useFlowLph(tMs: number): number {
    this.advanceTo(tMs);
    let lph = 0;
    for (const e of this.current) {
      if (e.startMs > tMs) break;
      if (tMs < e.startMs + e.durationMs) lph += (e.volumeMl * 3_600) / e.durationMs;
    }
    return Math.min(lph, this.flowCapLph);
  }

  private advanceTo(tMs: number): void {
    const target = Math.floor(tMs / HOUR_MS);
    if (Number.isNaN(this.hour)) {
      this.hour = target;
      this.onHourBoundary?.(target * HOUR_MS, 0);
      this.current = this.usesOfHour(target);
      return;
    }
    if (target < this.hour) throw new RangeError('consumption queried back in time');
    while (this.hour < target) {
      for (const e of this.current) this.baseMl += e.volumeMl;
      this.hour++;
      this.onHourBoundary?.(this.hour * HOUR_MS, this.baseMl);
      this.current = this.usesOfHour(this.hour);
    }
  }

  private dayDraws(dayNumber: number): DayDraws {
    if (this.day?.dayNumber !== dayNumber) {
      const r = rngFor(this.spec.seed, 'day', this.spec.meterIndex, dayNumber);
      const factor = Math.min(1.5, Math.max(0.6, r.normal(1, 0.15)));
      this.day = { dayNumber, factor, quietFrom: 1 + r.int(0, 3) };
    }
    return this.day;
  }

  private suppressed(tMs: number): boolean {
    for (const w of this.spec.suppress ?? []) if (tMs >= w.startMs && tMs < w.endMs) return true;
    return false;
  }

  private usesOfHour(hour: number): UseEvent[] {
    const hourStart = hour * HOUR_MS;
    const info = this.calendar.at(hourStart);
    const day = this.dayDraws(info.dayNumber);
    const expectedL =
      this.spec.dailyLitres *
      (this.weights[info.hour] ?? 0) *
      seasonalFactor(info.dayOfYear) *
      weekdayFactor(this.spec.meterClass, info.weekday) *
      day.factor;
    // The count is drawn every hour, quiet or not, so the stream stays in step across options.
    const count = this.rng.poisson(expectedL / this.shape.meanL);
    const quiet = info.hour === day.quietFrom || info.hour === day.quietFrom + 1;
    const slots = Math.max(1, Math.round(HOUR_MS / this.spec.slotMs));
    const slotUsed = new Array<number>(slots).fill(0);
    const uses: UseEvent[] = [];
    for (let i = 0; i < count; i++) {
      const litres = Math.min(this.shape.maxL, Math.max(this.shape.minL, this.rng.exponential(this.shape.meanL)));
      const flowLph = this.rng.between(this.shape.flowMinLph, this.shape.flowMaxLph);
      const slot = this.rng.int(0, slots);
      const position = this.rng.float();
      const volumeMl = Math.round(litres * 1000);
      const durationMs = Math.min(this.spec.slotMs, Math.max(1_000, Math.round((litres / flowLph) * HOUR_MS)));
      const startMs = hourStart + slot * this.spec.slotMs + Math.floor(position * (this.spec.slotMs - durationMs));
      if (quiet || this.suppressed(startMs)) continue;
      if (slotUsed[slot]! + volumeMl > this.slotCapMl) continue;
      slotUsed[slot]! += volumeMl;
      uses.push({ startMs, durationMs, volumeMl });
    }
    return uses.sort((a, b) => a.startMs - b.startMs);
  }
}
