/**
 * Compare a decode result with a wmbusmeters expected JSON (test helper for the conformance
 * suite). Only fields that map to our canonical reading are compared; each mismatch is reported.
 */
import type { AlarmKind, DecodeResult, DecodeSuccess } from '../core/types.js';

export interface Vector {
  name?: string;
  driver?: string;
  id?: string;
  key?: string;
  telegram_hex: string;
  expected?: Record<string, unknown> | null;
  comment?: string;
  note?: string;
  negative_test?: boolean;
  synthetic?: boolean;
}

/** wmbusmeters status words → our alarm kinds; words not listed are informational. */
const STATUS_WORDS: ReadonlyArray<[RegExp, AlarmKind]> = [
  [/DRY/, 'dry_pipe'],
  [/LEAK/, 'leak'],
  [/BURST/, 'burst'],
  [/REVERSE|BACKFLOW/, 'backflow'],
  [/TAMPER|FRAUD/, 'tamper'],
  [/POWER_LOW|BATTERY_LOW|LOW_BATTERY/, 'low_battery'],
  [/HIGH_TEMPERATURE/, 'over_temperature'],
  [/SENSOR|DETECTOR/, 'sensor_fault'],
  [/ERROR|ALARM/, 'meter_error'],
];

/**
 * A wmbusmeters field whose meaning differs from ours for one driver, decided by a spec clause or a
 * vendor document: the standard comparison skips `fields`, and `check` compares them our way, so
 * the disagreement is stated and still tested rather than hidden.
 */
export interface FieldMapping {
  fields: readonly string[];
  why: string;
  /** Problems found comparing those fields our way; empty when they agree. */
  check: (result: DecodeSuccess, expected: Record<string, unknown>) => string[];
}

const ml = (m3: number): number => Math.round(m3 * 1e6);
const near = (a: number | undefined, b: number, tol = 1e-6): boolean => a !== undefined && Math.abs(a - b) <= tol;
const isNum = (v: unknown): v is number => typeof v === 'number';

export function compareWithExpected(result: DecodeResult, expected: Record<string, unknown>, mappings: readonly FieldMapping[] = []): string[] {
  if (!result.ok) return [`decode failed: ${result.error.code} ${result.error.message}`];
  const out: string[] = [];
  const r = result.readings[0];
  const meta = result.meta;
  const mapped = new Set(mappings.flatMap((m) => m.fields));
  const e = Object.fromEntries(Object.entries(expected).filter(([k]) => !mapped.has(k)));
  for (const m of mappings) out.push(...m.check(result, expected).map((p) => `${p} (mapped: ${m.why})`));

  if (typeof e.id === 'string' && meta.meterId !== e.id) out.push(`id ${String(meta.meterId)} != ${e.id}`);
  if (isNum(e.total_m3) && r?.registerMl !== ml(e.total_m3)) out.push(`registerMl ${r?.registerMl} != ${ml(e.total_m3)}`);
  if (isNum(e.volume_l) && r?.registerMl !== Math.round(e.volume_l * 1000)) out.push(`registerMl ${r?.registerMl} != ${e.volume_l} l`);
  const billing = r?.billingDateRegisterMl ?? (isNum(meta.billingDateRegisterMl) ? meta.billingDateRegisterMl : undefined);
  const billingDate = r?.billingDate ?? (typeof meta.billingDate === 'string' ? meta.billingDate : undefined);
  if (isNum(e.target_m3)) {
    if (billing !== ml(e.target_m3)) out.push(`billingDateRegisterMl ${billing} != ${ml(e.target_m3)}`);
    if (typeof e.target_date === 'string' && !e.target_date.startsWith('2000-00') && billingDate !== e.target_date) {
      out.push(`billingDate ${billingDate} != ${e.target_date}`);
    }
  }
  const flow = e.flow_m3h ?? e.volume_flow_m3h;
  if (isNum(flow) && !near(r?.flowLph, flow * 1000)) out.push(`flowLph ${r?.flowLph} != ${flow * 1000}`);
  if (isNum(e.max_flow_m3h) && !near(r?.maxFlowLph, e.max_flow_m3h * 1000)) out.push(`maxFlowLph ${r?.maxFlowLph} != ${e.max_flow_m3h * 1000}`);
  const water = e.flow_temperature_c ?? e.temperature_c;
  if (isNum(water) && !near(r?.waterTemperatureC, water, 1e-9)) out.push(`waterTemperatureC ${r?.waterTemperatureC} != ${water}`);
  if (isNum(e.external_temperature_c) && !near(r?.ambientTemperatureC, e.external_temperature_c, 1e-9)) {
    out.push(`ambientTemperatureC ${r?.ambientTemperatureC} != ${e.external_temperature_c}`);
  }
  const backward = e.total_backward_m3 ?? e.backflow_m3;
  if (isNum(backward) && r?.reverseMl !== ml(backward)) out.push(`reverseMl ${r?.reverseMl} != ${ml(backward)}`);

  const status = typeof e.status === 'string' ? e.status : typeof e.current_status === 'string' ? e.current_status : undefined;
  if (status !== undefined) {
    const current = result.alarms.filter((a) => !a.historic);
    if (status === 'OK' || status === '') {
      if (current.length > 0) out.push(`alarms ${current.map((a) => a.detail).join(' ')} but expected status OK`);
    } else {
      const kinds = new Set(result.alarms.map((a) => a.kind));
      if (result.alarms.length === 0) out.push(`no alarm but expected status "${status}"`);
      for (const word of status.split(/\s+/)) {
        const hit = STATUS_WORDS.find(([re]) => re.test(word));
        if (hit && !kinds.has(hit[1])) out.push(`missing ${hit[1]} alarm for status word ${word}`);
      }
    }
  }
  return out;
}
