import { describe, expect, it } from 'vitest';
import { SimulatorErrorCode } from './errors.js';
import {
  parseDuration,
  parseFaultRates,
  parseInjection,
  parseMix,
  parseShare,
  parseSpeed,
  parseStart,
} from './options.js';

function errorOf<T>(
  r: { ok: true; value: T } | { ok: false; error: { code: string; details?: Record<string, unknown> } },
) {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('option parsing', () => {
  it('reads durations in ms, s, m, h and d', () => {
    expect(parseDuration('--interval', '15m')).toEqual({ ok: true, value: 900_000 });
    expect(parseDuration('--interval', '1h')).toEqual({ ok: true, value: 3_600_000 });
    expect(parseDuration('--interval', '2d')).toEqual({ ok: true, value: 172_800_000 });
    expect(parseDuration('--interval', '500ms')).toEqual({ ok: true, value: 500 });
  });

  it('rejects a duration without a unit, naming the option', () => {
    const e = errorOf(parseDuration('--interval', '60'));
    expect(e.code).toBe(SimulatorErrorCode.BAD_OPTION);
    expect(e.details?.option).toBe('--interval');
    expect(errorOf(parseDuration('--interval', '0s')).code).toBe(SimulatorErrorCode.BAD_OPTION);
  });

  it('reads speeds as factors or max', () => {
    expect(parseSpeed('--speed', '1000x')).toEqual({ ok: true, value: 1000 });
    expect(parseSpeed('--speed', '1')).toEqual({ ok: true, value: 1 });
    expect(parseSpeed('--speed', 'max')).toEqual({ ok: true, value: 'max' });
    expect(errorOf(parseSpeed('--speed', 'fast')).code).toBe(SimulatorErrorCode.BAD_OPTION);
    expect(errorOf(parseSpeed('--speed', '0x')).code).toBe(SimulatorErrorCode.BAD_OPTION);
  });

  it('reads the mix, giving unnamed paths no meters', () => {
    const mix = parseMix('--mix', 'wmbus:0.5,coap:0.5');
    expect(mix).toEqual({ ok: true, value: { wmbus: 0.5, chirpstack: 0, tts: 0, coap: 0.5, mqtt: 0 } });
  });

  it('rejects an unknown path, a repeated path and an all-zero mix', () => {
    expect(errorOf(parseMix('--mix', 'zigbee:1')).code).toBe(SimulatorErrorCode.BAD_OPTION);
    expect(errorOf(parseMix('--mix', 'wmbus:1,wmbus:2')).code).toBe(SimulatorErrorCode.BAD_OPTION);
    expect(errorOf(parseMix('--mix', 'wmbus:0')).code).toBe(SimulatorErrorCode.BAD_OPTION);
  });

  it('reads fault rates and refuses rates above 1 or meter faults adding up above 1', () => {
    expect(parseFaultRates('--faults', 'leak:0.01,corrupt:0.001')).toEqual({
      ok: true,
      value: { leak: 0.01, corrupt: 0.001 },
    });
    expect(parseFaultRates('--faults', '')).toEqual({ ok: true, value: {} });
    expect(errorOf(parseFaultRates('--faults', 'leak:2')).code).toBe(SimulatorErrorCode.BAD_OPTION);
    expect(errorOf(parseFaultRates('--faults', 'leak:0.6,burst:0.6')).code).toBe(SimulatorErrorCode.BAD_OPTION);
    expect(errorOf(parseFaultRates('--faults', 'fire:0.1')).code).toBe(SimulatorErrorCode.BAD_OPTION);
  });

  it('reads a start date as local midnight in the zone', () => {
    expect(parseStart('--start', '2026-10-01', 'Asia/Shanghai')).toEqual({
      ok: true,
      value: Date.parse('2026-09-30T16:00:00Z'),
    });
    expect(parseStart('--start', '2026-10-01T08:00:00Z', 'Asia/Shanghai')).toEqual({
      ok: true,
      value: Date.parse('2026-10-01T08:00:00Z'),
    });
    expect(errorOf(parseStart('--start', '2026-13-01', 'Asia/Shanghai')).code).toBe(SimulatorErrorCode.BAD_OPTION);
    expect(errorOf(parseStart('--start', '2026-10-01T08:00', 'Asia/Shanghai')).code).toBe(
      SimulatorErrorCode.BAD_OPTION,
    );
  });

  it('reads a fault injection with meter, time and duration', () => {
    expect(parseInjection('--inject', 'leak:M000012@2026-10-05T08:00Z+36h', 'UTC')).toEqual({
      ok: true,
      value: { kind: 'leak', meter: 'M000012', atMs: Date.parse('2026-10-05T08:00:00Z'), durationMs: 36 * 3_600_000 },
    });
    expect(parseInjection('--inject', 'tamper:3', 'UTC')).toEqual({ ok: true, value: { kind: 'tamper', meter: '3' } });
  });

  it('refuses a message fault as an injection (it is set by rate)', () => {
    expect(errorOf(parseInjection('--inject', 'corrupt:3', 'UTC')).code).toBe(SimulatorErrorCode.BAD_OPTION);
    expect(errorOf(parseInjection('--inject', 'leak', 'UTC')).code).toBe(SimulatorErrorCode.BAD_OPTION);
  });

  it('reads shares from 0 to 1 only', () => {
    expect(parseShare('--wmbus-aes', '0.25')).toEqual({ ok: true, value: 0.25 });
    expect(errorOf(parseShare('--wmbus-aes', '1.5')).code).toBe(SimulatorErrorCode.BAD_OPTION);
    expect(errorOf(parseShare('--wmbus-aes', '')).code).toBe(SimulatorErrorCode.BAD_OPTION);
  });
});
