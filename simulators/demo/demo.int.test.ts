/**
 * The demo with a smaller fleet, end to end on the embedded engine: what `npm start` does, with
 * 40 meters instead of 1,000. Its summary must show every part working: uplinks received and
 * acknowledged, readings stored and flagged by the rules the injected faults trigger, bills with
 * lines and a period total.
 */
import { describe, expect, it } from 'vitest';
import { parseMix, parseStart } from '../options.js';
import { DEMO_MIX } from '../../cli/commands/demo.js';
import { DEMO_FAULTS, runDemo, type DemoReport } from './demo.js';
import { formatDemoReport } from './format.js';

describe('the demo', () => {
  let report: DemoReport;

  it('runs a billing period of a small fleet through the gateway and the rating engine', async () => {
    const start = parseStart('--start', '2026-10-01', 'Asia/Shanghai');
    const mix = parseMix('--mix', DEMO_MIX);
    if (!start.ok || !mix.ok) throw new Error('bad test options');
    report = await runDemo({
      meters: 40,
      days: 31,
      intervalS: 86_400,
      seed: 'demo-test',
      startMs: start.value,
      timeZone: 'Asia/Shanghai',
      mix: mix.value,
      faults: DEMO_FAULTS,
      workers: 1,
    });
    const { send, figures, rating } = report;
    expect(send.failed).toBe(0);
    expect(send.acknowledged + send.rejected).toBe(send.sent);
    expect(send.sent).toBeGreaterThanOrEqual(40 * 30);
    expect(figures.uplinks.total).toBeLessThanOrEqual(send.sent);
    expect(figures.uplinks.byStatus.accepted).toBeGreaterThan(40 * 28);
    expect(figures.readings.stored).toBe(figures.uplinks.byStatus.accepted);
    expect(rating.periodId).toBe('2026-10');
    expect(figures.bills.count).toBeGreaterThanOrEqual(38);
    expect(Number(figures.bills.totals[0]?.total)).toBeGreaterThan(0);
  }, 300_000);

  it('flags the faults it injected with their rules', () => {
    const rules = Object.keys(report.figures.readings.byRule);
    for (const rule of ['tamper', 'clock_drift', 'gap', 'register_rollover', 'zero_consumption'])
      expect(rules).toContain(rule);
    expect(rules.some((r) => r === 'spike_history' || r === 'spike_overload' || r === 'burst')).toBe(true);
  });

  it('dead-letters only the payloads it corrupted, and stores repeated LoRa deliveries once', () => {
    const { messageFaults, figures, send } = report;
    const damaged = (messageFaults.corrupt ?? 0) + (messageFaults.truncated ?? 0);
    // A flipped byte in a format without a checksum may still decode; clean traffic never fails.
    expect(figures.uplinks.byStatus.decode_error ?? 0).toBeLessThanOrEqual(damaged);
    expect(figures.uplinks.byStatus.unknown_device ?? 0).toBe(0);
    const repeats = send.sent - figures.uplinks.total;
    expect(repeats).toBeGreaterThanOrEqual(0);
    expect(repeats).toBeLessThanOrEqual(messageFaults['multi-gateway'] ?? 0);
    if ((messageFaults['multi-gateway'] ?? 0) > 0) expect(repeats).toBeGreaterThan(0);
  });

  it('shows three example bills whose lines add up to their totals', () => {
    expect(report.figures.examples.length).toBeGreaterThanOrEqual(2);
    for (const { bill } of report.figures.examples) {
      expect(bill.lines.length).toBeGreaterThan(0);
      const cents = bill.lines.reduce((sum, line) => sum + Math.round(Number(line.amount) * 100), 0);
      expect(cents).toBe(Math.round(Number(bill.total) * 100));
    }
  });

  it('prints what a newcomer wants to see', () => {
    const text = formatDemoReport(report);
    for (const heading of [
      'uplinks received:',
      'readings stored:',
      'flagged by rule:',
      'open alarms:',
      'period 2026-10:',
      'a typical household',
      'message faults:',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toMatch(/water_supply tier 1: \d+(\.\d+)? m³ × 2\.67 = \d+\.\d\d CNY/);
  });
});
