import { createWriteStream } from 'node:fs';
import { createLogger } from '../common/logger.js';
import { runDemo, DEMO_FAULTS } from './demo/demo.js';
import { parseStart } from './options.js';
const start = parseStart('--start', '2026-10-01', 'Asia/Shanghai');
if (!start.ok) throw new Error();
const logger = createLogger({ level: 'debug', destination: createWriteStream('/tmp/simscratch/gw.log') });
await runDemo({ meters: 1000, days: 31, intervalS: 86400, seed: '1', startMs: start.value, timeZone: 'Asia/Shanghai', logger,
  mix: { wmbus: 0.35, chirpstack: 0.3, tts: 0.1, coap: 0.1, mqtt: 0.15 }, faults: DEMO_FAULTS,
  onStall: (w, ms) => console.error('stall', ms, w.length) });
