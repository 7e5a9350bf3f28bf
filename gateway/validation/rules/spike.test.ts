import { describe, expect, it } from 'vitest';
import { FLAG } from '../flags.js';
import { at, HOUR_MS, M3, meterReading, meterState, T0, validationInput } from '../testing.js';
import { createValidator } from '../validator.js';

const SPIKES = FLAG.spike_overload | FLAG.spike_history;
const START = 10 * M3;

describe('spike rules', () => {
  const validate = createValidator();
  const overload: Array<{
    name: string;
    consumedMl: number;
    diameterMm?: number;
    q4Lph?: number;
    q3Lph?: number;
    flowLph?: number;
    maxFlowLph?: number;
    expected: number;
  }> = [
    {
      name: 'an hour at exactly Q4 (DN15: 3125 L/h) plus one register step is no spike',
      consumedMl: 3_126_000,
      expected: 0,
    },
    { name: 'an hour above Q4 for DN15 is an overload', consumedMl: 3_127_000, expected: FLAG.spike_overload },
    {
      name: 'the same hour on a DN25 meter (Q4 7875 L/h) is no spike',
      consumedMl: 3_127_000,
      diameterMm: 25,
      expected: 0,
    },
    { name: 'the meter’s own Q4 overrides the diameter table', consumedMl: 4_000_000, q4Lph: 5_000, expected: 0 },
    {
      name: 'Q4 is derived from the meter’s own Q3 (× 1.25)',
      consumedMl: 4_000_000,
      q3Lph: 3_000,
      expected: FLAG.spike_overload,
    },
    {
      name: 'a reported flow above Q4 is an overload',
      consumedMl: 10_000,
      flowLph: 3_200,
      expected: FLAG.spike_overload,
    },
    {
      name: 'a reported maximum flow above Q4 is an overload',
      consumedMl: 10_000,
      maxFlowLph: 4_000,
      expected: FLAG.spike_overload,
    },
    { name: 'a reported flow at Q4 is no spike', consumedMl: 10_000, flowLph: 3_125, expected: 0 },
  ];
  for (const c of overload) {
    it(c.name, () => {
      const profile: Record<string, number> = {};
      if (c.diameterMm !== undefined) profile.diameterMm = c.diameterMm;
      if (c.q4Lph !== undefined) profile.q4Lph = c.q4Lph;
      if (c.q3Lph !== undefined) profile.q3Lph = c.q3Lph;
      const extra: Record<string, number> = {};
      if (c.flowLph !== undefined) extra.flowLph = c.flowLph;
      if (c.maxFlowLph !== undefined) extra.maxFlowLph = c.maxFlowLph;
      const out = validate(
        validationInput({
          reading: meterReading(at(HOUR_MS), START + c.consumedMl, extra),
          state: meterState(T0, START),
          profile,
        }),
      );
      expect(out.flags & SPIKES).toBe(c.expected);
    });
  }

  it('one register step within a second is never a spike (resolution)', () => {
    const out = validate(
      validationInput({ reading: meterReading(at(1_000), START + 1_000), state: meterState(T0, START) }),
    );
    expect(out.flags).toBe(0);
  });

  const history: Array<{
    name: string;
    averageFlowLph: number;
    averageSamples: number;
    flowLph: number;
    expected: number;
  }> = [
    {
      name: 'flow 30× the recent average and above 0.2·Q3 is a history spike',
      averageFlowLph: 20,
      averageSamples: 10,
      flowLph: 600,
      expected: FLAG.spike_history,
    },
    {
      name: 'flow far above average but below 0.2·Q3 (500 L/h) is no spike',
      averageFlowLph: 20,
      averageSamples: 10,
      flowLph: 450,
      expected: 0,
    },
    {
      name: 'flow below 20× the average is no spike',
      averageFlowLph: 40,
      averageSamples: 10,
      flowLph: 700,
      expected: 0,
    },
    { name: 'too short a history is no evidence', averageFlowLph: 20, averageSamples: 5, flowLph: 600, expected: 0 },
  ];
  for (const c of history) {
    it(c.name, () => {
      const consumed = c.flowLph * 1_000 + 1_000; // one hour at flowLph, plus the resolution step
      const out = validate(
        validationInput({
          reading: meterReading(at(HOUR_MS), START + consumed),
          state: meterState(T0, START, { averageFlowLph: c.averageFlowLph, averageSamples: c.averageSamples }),
        }),
      );
      expect(out.flags & SPIKES).toBe(c.expected);
    });
  }

  it('keeps overload intervals out of the recent average', () => {
    const out = validate(
      validationInput({
        reading: meterReading(at(HOUR_MS), START + 5 * M3),
        state: meterState(T0, START, { averageFlowLph: 20, averageSamples: 10 }),
      }),
    );
    expect(out.flags & FLAG.spike_overload).not.toBe(0);
    expect(out.nextState?.extra.averageFlowLph).toBe(20);
    expect(out.nextState?.extra.averageSamples).toBe(10);
  });
});
