/**
 * Records what reaches a broker or a CoAP port into a capture file: an MQTT subscriber (QoS 1, so
 * QoS 1 messages keep their QoS) on the given topic filters, and/or a CoAP server that answers
 * every request 2.04 Changed after writing it down. Each line keeps the wall-clock time of
 * arrival, the topic or path (with its query), the exact payload bytes, and what the protocol
 * said about the message (QoS, retain; method, confirmable, Content-Format).
 */
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { createServer, type IncomingMessage, type OutgoingMessage, type Server } from 'coap';
import { connectAsync, type MqttClient } from 'mqtt';
import { SimulatorErrorCode, fail, ok, type Result } from '../errors.js';
import type { WireMessage } from '../message.js';
import { redact } from '../transport/mqtt-publisher.js';
import type { CaptureWriter } from './capture-file.js';

export interface RecordOptions {
  out: CaptureWriter;
  mqtt?: { url: string; topics: string[]; username?: string; password?: string; clientId?: string };
  coap?: { port: number; host?: string };
  /** Stop by itself after this many messages. */
  maxMessages?: number;
  /** Wall clock, ms (default Date.now). */
  now?: () => number;
  onMessage?: (count: number, m: WireMessage) => void;
}

export interface RecordSummary {
  messages: number;
  mqtt: number;
  coap: number;
  firstTimeMs: number | undefined;
  lastTimeMs: number | undefined;
}

export interface Recording {
  /** The UDP port the CoAP recorder listens on (useful with port 0). */
  coapPort: number | undefined;
  /** Resolves when maxMessages were recorded. */
  readonly full: Promise<void>;
  /** Stops listening, writes what is pending and closes the file. */
  stop(): Promise<RecordSummary>;
}

function optionNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (Buffer.isBuffer(value)) {
    let n = 0;
    for (const b of value) n = n * 256 + b;
    return n;
  }
  return undefined;
}

/** Content-Formats by the media type names the coap library gives them (RFC 7252 §12.3, RFC 7049). */
const CONTENT_FORMATS: Readonly<Record<string, number>> = {
  'text/plain': 0,
  'application/link-format': 40,
  'application/xml': 41,
  'application/octet-stream': 42,
  'application/exi': 47,
  'application/json': 50,
  'application/cbor': 60,
};

/** The request's Content-Format number (the library names the registered ones, passes others as numbers or bytes). */
function contentFormatOf(req: IncomingMessage): number | undefined {
  for (const option of req._packet.options ?? []) {
    if (option.name !== 'Content-Format') continue;
    const value: unknown = option.value;
    if (typeof value === 'string') return CONTENT_FORMATS[value.split(';')[0]!.trim()];
    return optionNumber(value);
  }
  return undefined;
}

async function bind(socket: Socket, port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}

export async function startRecording(options: RecordOptions): Promise<Result<Recording>> {
  const now = options.now ?? Date.now;
  const summary: RecordSummary = { messages: 0, mqtt: 0, coap: 0, firstTimeMs: undefined, lastTimeMs: undefined };
  let chain: Promise<void> = Promise.resolve();
  let writeError: Error | undefined;
  let markFull: () => void = () => undefined;
  const full = new Promise<void>((resolve) => {
    markFull = resolve;
  });
  let accepting = true;

  function record(m: WireMessage): void {
    if (!accepting) return;
    summary.messages++;
    summary[m.transport]++;
    summary.firstTimeMs ??= m.timeMs;
    summary.lastTimeMs = m.timeMs;
    options.onMessage?.(summary.messages, m);
    chain = chain
      .then(() => options.out.write(m))
      .catch((err: Error) => {
        writeError ??= err;
      });
    if (options.maxMessages !== undefined && summary.messages >= options.maxMessages) {
      accepting = false;
      markFull();
    }
  }

  let client: MqttClient | undefined;
  if (options.mqtt) {
    const { url, topics } = options.mqtt;
    try {
      client = await connectAsync(
        url,
        {
          clientId: options.mqtt.clientId ?? `meterflow-record-${process.pid}-${Date.now().toString(36)}`,
          clean: true,
          protocolVersion: 4,
          reconnectPeriod: 1_000,
          ...(options.mqtt.username !== undefined ? { username: options.mqtt.username } : {}),
          ...(options.mqtt.password !== undefined ? { password: options.mqtt.password } : {}),
        },
        false,
      );
      client.on('message', (topic, payload, packet) => {
        record({
          transport: 'mqtt',
          topic,
          qos: packet.qos === 0 ? 0 : 1,
          retain: packet.retain,
          timeMs: now(),
          payload: new Uint8Array(payload),
          metadata: {},
        });
      });
      const granted = await client.subscribeAsync(topics, { qos: 1 });
      const refused = granted.filter((g) => g.qos === 128).map((g) => g.topic);
      if (refused.length > 0) {
        await client.endAsync(true);
        return fail(
          SimulatorErrorCode.TARGET_UNREACHABLE,
          `the broker refused the subscription to ${refused.join(', ')}`,
          { url: redact(url) },
        );
      }
    } catch (err) {
      await client?.endAsync(true).catch(() => undefined);
      return fail(SimulatorErrorCode.TARGET_UNREACHABLE, `MQTT broker ${redact(url)}: ${(err as Error).message}`, {
        url: redact(url),
      });
    }
  }

  let server: Server | undefined;
  let socket: Socket | undefined;
  let coapPort: number | undefined;
  if (options.coap) {
    const host = options.coap.host ?? '0.0.0.0';
    socket = createSocket({ type: isIPv6(host) ? 'udp6' : 'udp4' });
    try {
      await bind(socket, options.coap.port, host);
    } catch (err) {
      await client?.endAsync(true).catch(() => undefined);
      return fail(
        SimulatorErrorCode.TARGET_UNREACHABLE,
        `cannot listen on UDP ${host}:${options.coap.port}: ${(err as Error).message}`,
      );
    }
    coapPort = socket.address().port;
    server = createServer({ piggybackReplyMs: 10, sendAcksForNonConfirmablePackets: true });
    server.on('request', (req: IncomingMessage, res: OutgoingMessage) => {
      const contentFormat = contentFormatOf(req);
      const method = req.method === 'PUT' ? 'PUT' : 'POST';
      record({
        transport: 'coap',
        path: req.url,
        method,
        confirmable: req._packet.confirmable === true,
        ...(contentFormat !== undefined ? { contentFormat } : {}),
        timeMs: now(),
        payload: new Uint8Array(req.payload ?? Buffer.alloc(0)),
        metadata: {
          peer: `${req.rsinfo.address}:${req.rsinfo.port}`,
          ...(req.method !== 'POST' && req.method !== 'PUT' ? { method: req.method } : {}),
        },
      });
      res.code = '2.04';
      res.end();
    });
    server.listen(socket);
  }

  return ok({
    coapPort,
    full,
    async stop() {
      accepting = false;
      if (client) await client.endAsync().catch(() => undefined);
      if (server) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        server.close();
      }
      if (socket) await new Promise<void>((resolve) => socket!.close(() => resolve()));
      await chain;
      await options.out.close();
      if (writeError) throw writeError;
      return summary;
    },
  });
}
