/** The demo's printed summary: what a newcomer wants to see after one command. */
import type { StoredBill } from '../../rating/bills/bill.js';
import type { DemoReport } from './demo.js';

const n = (x: number): string => x.toLocaleString('en-US');

function listed(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return entries.length === 0 ? 'none' : entries.map(([k, v]) => `${k} ${n(v)}`).join(', ');
}

/** Millilitres as cubic metres with up to three decimals (exact: integer division of the text). */
export function m3(ml: number): string {
  const sign = ml < 0 ? '-' : '';
  const abs = Math.abs(ml);
  const whole = Math.floor(abs / 1_000_000);
  const litres = Math.floor((abs % 1_000_000) / 1_000);
  return `${sign}${whole}${litres === 0 ? '' : `.${String(litres).padStart(3, '0').replace(/0+$/, '')}`} m³`;
}

function billLines(bill: StoredBill): string[] {
  const meters = bill.meters.map(
    (m) =>
      `${m.meterId} ${m3(m.startRegisterMl)} → ${m3(m.endRegisterMl)} (${m.quality}${m.rollover ? ', rollover' : ''})`,
  );
  const lines = [`    meter ${meters.join('; ')}; billed ${m3(bill.billedVolumeMl)}`];
  for (const line of bill.lines) {
    const tier = line.tier === null ? '' : ` tier ${line.tier}`;
    const volume = line.volumeMl === null ? '' : ` ${m3(line.volumeMl)}`;
    const price = line.unitPrice === null ? '' : ` × ${line.unitPrice}`;
    lines.push(`    ${line.component}${tier}:${volume}${price} = ${line.amount} ${bill.currency}`);
  }
  return lines;
}

export function formatDemoReport(report: DemoReport): string {
  const { fleet, figures, rating, send, timings, messageFaults } = report;
  const f = figures;
  const out: string[] = [];
  out.push(`fleet: ${n(fleet.meters)} meters, ${fleet.start} to ${fleet.end}`);
  out.push(`  paths: ${listed(fleet.byPath)}`);
  out.push(`  meter faults: ${listed(fleet.faults)}`);
  if (Object.keys(messageFaults).length > 0) out.push(`  message faults: ${listed(messageFaults)}`);
  out.push(
    `sent: ${n(send.sent)} uplinks (MQTT ${n(send.mqtt.sent)}, CoAP ${n(send.coap.sent)}), acknowledged ${n(send.acknowledged)}, rejected ${n(send.rejected)}, failed ${n(send.failed)}`,
  );
  // Every acknowledged message is in the archive unless it repeated one already there.
  const repeats = send.sent - f.uplinks.total;
  out.push(
    `uplinks received: ${n(f.uplinks.total)} (${listed(f.uplinks.byStatus)})` +
      (repeats > 0 ? `; ${n(repeats)} repeated deliveries stored once` : ''),
  );
  out.push(`readings stored: ${n(f.readings.stored)}, flagged: ${n(f.readings.flagged)}`);
  out.push(`  flagged by rule: ${listed(f.readings.byRule)}`);
  out.push(`open alarms: ${n(f.alarms.open)} (${listed(f.alarms.byKind)})`);
  const totals = f.bills.totals.map((t) => `${t.total} ${t.currency}`).join(' + ') || 'nothing';
  const failures = rating.failures > 0 ? `; not rated: ${listed(rating.failuresByCode)}` : '';
  out.push(`period ${rating.periodId}: ${n(f.bills.count)} bills, total ${totals}${failures}`);
  for (const failure of f.failures.slice(0, 5))
    out.push(`  not rated: ${failure.accountId} ${failure.code}: ${failure.message}`);
  for (const { label, bill } of f.examples) {
    out.push(
      `  ${bill.accountId}, ${label}: ${bill.total} ${bill.currency} (${bill.tariffId}, ${bill.periodStart} to ${bill.periodEnd})`,
    );
    out.push(...billLines(bill));
  }
  const total = Object.values(timings).reduce((a, b) => a + b, 0);
  out.push(
    `time: ${Object.entries(timings)
      .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`)
      .join(', ')}; total ${(total / 1000).toFixed(1)} s`,
  );
  return `${out.join('\n')}\n`;
}
