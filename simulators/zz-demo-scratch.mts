import { runDemo, DEMO_FAULTS } from './demo/demo.js';
import { parseStart } from './options.js';
import { progressLine } from './transport/send.js';
const start = parseStart('--start', '2026-10-01', 'Asia/Shanghai');
if (!start.ok) throw new Error();
const t0 = performance.now();
const report = await runDemo({ meters: Number(process.argv[2] ?? 1000), days: 31, intervalS: Number(process.argv[3] ?? 86400), seed: '1', startMs: start.value, timeZone: 'Asia/Shanghai',
  mix: JSON.parse(process.env.MIX ?? '{"wmbus":0.3,"chirpstack":0.3,"tts":0.1,"coap":0.2,"mqtt":0.1}'), faults: DEMO_FAULTS,
  onStage: (s) => console.error('stage', s, Math.round(performance.now() - t0)), onProgress: (p) => console.error(progressLine(p)) });
console.log(JSON.stringify({ timings: report.timings, send: { sent: report.send.sent, ack: report.send.acknowledged, rej: report.send.rejected, failed: report.send.failed, problems: report.send.problems }, rating: { bills: report.rating.bills, failures: report.rating.failuresByCode }, figures: { ...report.figures, examples: report.figures.examples.map((e) => [e.label, e.bill.accountId, e.bill.total, e.bill.lines.length]) } }, null, 1));
console.log('total ms', Math.round(performance.now() - t0));
