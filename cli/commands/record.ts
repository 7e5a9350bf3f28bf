/**
 * `meterflow record`: captures what reaches an MQTT broker (a subscriber on the given topic
 * filters) and/or a CoAP port (a server that answers 2.04 after writing the request down) into a
 * capture file that `meterflow replay FILE` sends again. Stops on Ctrl-C, --count or --duration.
 */
import type { Command } from 'commander';
import { badOptionError, type SimulatorError } from '../../simulators/errors.js';
import { parseDuration, parsePositiveInteger } from '../../simulators/options.js';
import { openCaptureWriter } from '../../simulators/replay/capture-file.js';
import { startRecording, type RecordSummary } from '../../simulators/replay/recorder.js';
import type { Io } from './simulate.js';

export interface RecordFlags {
  out: string;
  mqttUrl?: string;
  topics: string;
  username?: string;
  password?: string;
  coapPort?: string;
  coapHost: string;
  count?: string;
  duration?: string;
  quiet?: boolean;
}

/** The gateway's default uplink topics (direct, ChirpStack, The Things Stack). */
export const DEFAULT_RECORD_TOPICS = 'meters/+/up,application/+/device/+/event/up,v3/+/devices/+/up';

const processIo: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

function failWith(io: Io, e: SimulatorError): number {
  io.err(`meterflow record: ${e.code}: ${e.message}\n`);
  return 1;
}

function summaryLine(file: string, s: RecordSummary): string {
  const span =
    s.firstTimeMs === undefined || s.lastTimeMs === undefined
      ? ''
      : `, ${new Date(s.firstTimeMs).toISOString()} to ${new Date(s.lastTimeMs).toISOString()}`;
  return `recorded ${s.messages} messages (MQTT ${s.mqtt}, CoAP ${s.coap}) to ${file}${span}\n`;
}

export async function runRecordCommand(
  flags: RecordFlags,
  io: Io = processIo,
  signal?: AbortSignal,
  onListening?: (coapPort: number | undefined) => void,
): Promise<number> {
  if (flags.mqttUrl === undefined && flags.coapPort === undefined) {
    return failWith(io, badOptionError('--mqtt-url', 'give --mqtt-url, --coap-port, or both'));
  }
  let coapPort: number | undefined;
  if (flags.coapPort !== undefined) {
    const p = Number(flags.coapPort);
    if (!/^\d+$/.test(flags.coapPort) || p > 65535)
      return failWith(io, badOptionError('--coap-port', 'must be a UDP port 0..65535'));
    coapPort = p;
  }
  let maxMessages: number | undefined;
  if (flags.count !== undefined) {
    const n = parsePositiveInteger('--count', flags.count, Number.MAX_SAFE_INTEGER);
    if (!n.ok) return failWith(io, n.error);
    maxMessages = n.value;
  }
  let durationMs: number | undefined;
  if (flags.duration !== undefined) {
    const d = parseDuration('--duration', flags.duration);
    if (!d.ok) return failWith(io, d.error);
    durationMs = d.value;
  }
  const topics = flags.topics
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (flags.mqttUrl !== undefined && topics.length === 0)
    return failWith(io, badOptionError('--topics', 'needs at least one topic filter'));
  const out = await openCaptureWriter(flags.out);
  if (!out.ok) return failWith(io, out.error);
  let lastProgress = Date.now();
  const started = await startRecording({
    out: out.value,
    ...(flags.mqttUrl !== undefined
      ? {
          mqtt: {
            url: flags.mqttUrl,
            topics,
            ...(flags.username !== undefined ? { username: flags.username } : {}),
            ...(flags.password !== undefined ? { password: flags.password } : {}),
          },
        }
      : {}),
    ...(coapPort !== undefined ? { coap: { port: coapPort, host: flags.coapHost } } : {}),
    ...(maxMessages !== undefined ? { maxMessages } : {}),
    onMessage: (count) => {
      if (!flags.quiet && Date.now() - lastProgress >= 1000) {
        lastProgress = Date.now();
        io.err(`recorded ${count}\n`);
      }
    },
  });
  if (!started.ok) {
    await out.value.close().catch(() => undefined);
    return failWith(io, started.error);
  }
  const recording = started.value;
  if (!flags.quiet) {
    const where = [
      flags.mqttUrl !== undefined ? `MQTT ${topics.join(' ')}` : '',
      recording.coapPort !== undefined ? `CoAP UDP ${flags.coapHost}:${recording.coapPort}` : '',
    ].filter((w) => w !== '');
    io.err(`recording ${where.join(' and ')} to ${flags.out}; Ctrl-C stops\n`);
  }
  onListening?.(recording.coapPort);
  await new Promise<void>((resolve) => {
    const timer = durationMs !== undefined ? setTimeout(resolve, durationMs) : undefined;
    const done = () => {
      if (timer) clearTimeout(timer);
      resolve();
    };
    void recording.full.then(done);
    if (signal?.aborted) done();
    signal?.addEventListener('abort', done, { once: true });
  });
  const summary = await recording.stop();
  io.out(summaryLine(flags.out, summary));
  return 0;
}

export function registerRecord(program: Command): void {
  program
    .command('record')
    .description('capture uplinks from an MQTT broker and/or a CoAP port into a capture file (NDJSON) for replay')
    .requiredOption(
      '--out <file>',
      'capture file to write (NDJSON: time, transport, topic or path, payload base64, metadata)',
    )
    .option('--mqtt-url <url>', 'broker to subscribe to (mqtt://[user:pass@]host:1883)')
    .option('--topics <filters>', 'comma-separated topic filters to subscribe to (QoS 1)', DEFAULT_RECORD_TOPICS)
    .option('--username <name>', 'MQTT user name')
    .option('--password <secret>', 'MQTT password')
    .option('--coap-port <port>', 'listen for CoAP requests on this UDP port and answer each 2.04 Changed')
    .option('--coap-host <host>', 'address the CoAP recorder binds', '0.0.0.0')
    .option('--count <n>', 'stop after this many messages')
    .option('--duration <duration>', 'stop after this long (e.g. 10m, 2h)')
    .option('--quiet', 'no progress lines on stderr')
    .action(async (flags: RecordFlags) => {
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        process.exitCode = await runRecordCommand(flags, processIo, controller.signal);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
