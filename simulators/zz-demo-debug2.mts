import pg from 'pg';
import { runDemo, DEMO_FAULTS } from './demo/demo.js';
import { parseStart } from './options.js';
const orig = pg.Client.prototype.query as any;
let maxSize = 0;
(pg.Client.prototype as any).query = function (this: any, ...args: any[]) {
  const cfg = typeof args[0] === 'string' ? { text: args[0], values: args[1] } : args[0];
  const size = (cfg?.text?.length ?? 0) + Buffer.byteLength(JSON.stringify(cfg?.values ?? []));
  if (size > maxSize) { maxSize = size; if (size > 30000) console.error('big statement', size, String(cfg.text).slice(0, 80).replace(/\s+/g, ' ')); }
  return orig.apply(this, args);
};
const start = parseStart('--start', '2026-10-01', 'Asia/Shanghai');
if (!start.ok) throw new Error();
await runDemo({ meters: 1000, days: 31, intervalS: 86400, seed: '1', startMs: start.value, timeZone: 'Asia/Shanghai',
  mix: { wmbus: 0.35, chirpstack: 0.3, tts: 0.1, coap: 0.1, mqtt: 0.15 }, faults: DEMO_FAULTS,
  onStall: (w, ms) => console.error('stall', ms, w.length) });
console.error('max', maxSize);
