/**
 * The capture file: NDJSON, one message per line, in the order the messages were sent or
 * received. Written by `record` and by `simulate --capture-out`, read by `replay`.
 *
 *   {"time":"2026-10-01T00:03:12.345Z","transport":"mqtt","topic":"meters/70000001/up","qos":1,
 *    "retain":false,"payload":"<base64>","metadata":{"meterId":"M000001",…}}
 *   {"time":"…","transport":"coap","path":"/m/868453060000027","method":"POST","confirmable":true,
 *    "contentFormat":50,"payload":"<base64>","metadata":{…}}
 *
 * `time` is an ISO 8601 UTC instant with milliseconds; `payload` the exact message bytes in
 * standard base64; `metadata` free-form facts (never sent). Blank lines are ignored.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { SimulatorErrorCode, fail, ok, type Result } from '../errors.js';
import type { WireMessage } from '../message.js';

const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be standard base64')
  .refine((s) => s.length % 4 === 0, 'must be standard base64 (length a multiple of 4)');
const isoTime = z
  .string()
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && Number.isFinite(Date.parse(s)),
    'must be an ISO 8601 time',
  );
const metadataValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

const mqttLine = z.strictObject({
  time: isoTime,
  transport: z.literal('mqtt'),
  topic: z
    .string()
    .min(1)
    .refine((t) => !/[+#]/.test(t), 'a topic to publish to has no wildcards'),
  qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(1),
  retain: z.boolean().default(false),
  payload: base64,
  metadata: z.record(z.string(), metadataValue).default({}),
});

const coapLine = z.strictObject({
  time: isoTime,
  transport: z.literal('coap'),
  path: z.string().regex(/^\/[^\s]*$/, 'must start with /'),
  method: z.enum(['POST', 'PUT']).default('POST'),
  confirmable: z.boolean().default(true),
  contentFormat: z.number().int().min(0).max(65535).optional(),
  payload: base64,
  metadata: z.record(z.string(), metadataValue).default({}),
});

const captureLine = z.discriminatedUnion('transport', [mqttLine, coapLine]);

/** One line of a capture file for a message. */
export function captureLineOf(m: WireMessage): string {
  const time = new Date(m.timeMs).toISOString();
  const payload = Buffer.from(m.payload.buffer, m.payload.byteOffset, m.payload.byteLength).toString('base64');
  if (m.transport === 'mqtt') {
    return JSON.stringify({
      time,
      transport: 'mqtt',
      topic: m.topic,
      qos: m.qos,
      retain: m.retain,
      payload,
      metadata: m.metadata,
    });
  }
  return JSON.stringify({
    time,
    transport: 'coap',
    path: m.path,
    method: m.method,
    confirmable: m.confirmable,
    ...(m.contentFormat !== undefined ? { contentFormat: m.contentFormat } : {}),
    payload,
    metadata: m.metadata,
  });
}

/** A capture line back to a message; the error names the line and the field. */
export function parseCaptureLine(text: string, lineNumber: number): Result<WireMessage> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return fail(SimulatorErrorCode.CAPTURE_INVALID, `line ${lineNumber}: not JSON (${(err as Error).message})`, {
      line: lineNumber,
    });
  }
  const parsed = captureLine.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'line';
    return fail(SimulatorErrorCode.CAPTURE_INVALID, `line ${lineNumber}: ${where} ${issue?.message ?? 'is invalid'}`, {
      line: lineNumber,
      field: where,
    });
  }
  const line = parsed.data;
  const payload = new Uint8Array(Buffer.from(line.payload, 'base64'));
  const timeMs = Date.parse(line.time);
  if (line.transport === 'mqtt') {
    // meterflow's gateway takes QoS 0 and 1; a captured QoS 2 message is replayed at QoS 1.
    return ok({
      transport: 'mqtt',
      topic: line.topic,
      qos: line.qos === 0 ? 0 : 1,
      retain: line.retain,
      timeMs,
      payload,
      metadata: line.metadata,
    });
  }
  return ok({
    transport: 'coap',
    path: line.path,
    method: line.method,
    confirmable: line.confirmable,
    ...(line.contentFormat !== undefined ? { contentFormat: line.contentFormat } : {}),
    timeMs,
    payload,
    metadata: line.metadata,
  });
}

/** The messages of a capture file, in file order; stops at the first invalid line with its error. */
export async function* readCapture(file: string): AsyncGenerator<Result<WireMessage>, void, undefined> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of lines) {
      n++;
      if (text.trim() === '') continue;
      const m = parseCaptureLine(text, n);
      yield m;
      if (!m.ok) return;
    }
  } catch (err) {
    yield fail(SimulatorErrorCode.FILE_UNAVAILABLE, `cannot read ${file}: ${(err as Error).message}`, { file });
  } finally {
    lines.close();
    input.destroy();
  }
}

export interface CaptureCheck {
  messages: number;
  mqtt: number;
  coap: number;
  firstTimeMs: number | undefined;
  lastTimeMs: number | undefined;
}

/** Reads the whole file once to check every line before anything is sent. */
export async function checkCapture(file: string): Promise<Result<CaptureCheck>> {
  const check: CaptureCheck = { messages: 0, mqtt: 0, coap: 0, firstTimeMs: undefined, lastTimeMs: undefined };
  for await (const m of readCapture(file)) {
    if (!m.ok) return m;
    check.messages++;
    check[m.value.transport]++;
    check.firstTimeMs ??= m.value.timeMs;
    check.lastTimeMs = m.value.timeMs;
  }
  return ok(check);
}

/** The messages of a checked capture file (see checkCapture), for sending. */
export async function* captureMessages(file: string): AsyncGenerator<WireMessage, void, undefined> {
  for await (const m of readCapture(file)) {
    if (!m.ok) throw new Error(m.error.message);
    yield m.value;
  }
}

/** Appends capture lines to a file, waiting when the disk is slower than the messages. */
export class CaptureWriter {
  private failure: Error | undefined;
  count = 0;

  constructor(
    readonly file: string,
    private readonly out: WriteStream,
  ) {
    this.out.on('error', (err) => {
      this.failure = err;
    });
  }

  async write(m: WireMessage): Promise<void> {
    if (this.failure) throw this.failure;
    this.count++;
    if (!this.out.write(`${captureLineOf(m)}\n`)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

/** Opens (creates or truncates) a capture file; a missing directory or permission is an error value. */
export async function openCaptureWriter(file: string): Promise<Result<CaptureWriter>> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  try {
    await once(out, 'open');
  } catch (err) {
    return fail(SimulatorErrorCode.FILE_UNAVAILABLE, `cannot write ${file}: ${(err as Error).message}`, { file });
  }
  return ok(new CaptureWriter(file, out));
}
