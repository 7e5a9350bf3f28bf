/**
 * Test support for the CoAP and HTTP transport tests (not used by the gateway itself):
 *  - RecordingIngestPort: an IngestPort that records what the transport submitted and can be
 *    told to delay its commit or to fail, for protocol tests of the transports only (the
 *    end-to-end tests run the real pipeline);
 *  - a raw CoAP datagram client on real UDP sockets (messages built and parsed with
 *    node-coap-client's codec), for tests that must choose Message IDs, send the same datagram
 *    from several source ports, or see the empty ACK of a separate response.
 */
import { createSocket, type Socket } from 'node:dgram';
import { Message, MessageCodes, MessageType, type MessageCode } from 'node-coap-client/build/Message.js';
import { Options, findOption, type NumericOption, type Option } from 'node-coap-client/build/Option.js';
import type { ContentFormats } from 'node-coap-client/build/ContentFormats.js';
import type { IngestOutcome, IngestPort, Uplink } from '../../uplink.js';

export class RecordingIngestPort implements IngestPort {
  readonly submitted: Uplink[] = [];
  /** performance.now() when each submit resolved (its "commit"), in submission order. */
  readonly committedAt: number[] = [];
  delayMs = 0;
  /** When set, submit rejects with it (after the delay). */
  failWith: unknown = undefined;
  private readonly keys = new Set<string>();

  async submit(uplink: Uplink): Promise<IngestOutcome> {
    const index = this.submitted.push(uplink) - 1;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failWith !== undefined) throw this.failWith;
    const duplicate = this.keys.has(uplink.dedupKey);
    this.keys.add(uplink.dedupKey);
    this.committedAt[index] = performance.now();
    return duplicate ? { status: 'duplicate', readings: 0, alarms: 0 } : { status: 'accepted', readings: 1, alarms: 0 };
  }

  /** Distinct uplinks stored (a duplicate key is stored once). */
  get storedCount(): number {
    return this.keys.size;
  }
}

/** The error shape the pipeline rejects with when the database is down (kind 'unavailable'). */
export function unavailableError(): Error & { kind: 'unavailable'; code: string } {
  return Object.assign(new Error('database unavailable'), {
    kind: 'unavailable' as const,
    code: 'GATEWAY_STORE_UNAVAILABLE',
  });
}

export interface RawRequest {
  type?: 'CON' | 'NON';
  method?: 'GET' | 'POST' | 'PUT';
  messageId: number;
  token?: Buffer;
  path: string[];
  query?: string[];
  contentFormat?: number;
  payload?: Buffer;
}

export function encodeRequest(r: RawRequest): Buffer {
  const options: Option[] = [];
  for (const segment of r.path) options.push(Options.UriPath(segment));
  if (r.contentFormat !== undefined) options.push(Options.ContentFormat(r.contentFormat as ContentFormats));
  for (const q of r.query ?? []) options.push(Options.UriQuery(q));
  const code =
    r.method === 'GET'
      ? MessageCodes.request.get
      : r.method === 'PUT'
        ? MessageCodes.request.put
        : MessageCodes.request.post;
  const type = r.type === 'NON' ? MessageType.NON : MessageType.CON;
  return new Message(
    1,
    type,
    code,
    r.messageId,
    r.token ?? Buffer.alloc(0),
    options,
    r.payload ?? Buffer.alloc(0),
  ).serialize();
}

export interface RawResponse {
  type: 'CON' | 'NON' | 'ACK' | 'RST';
  /** "2.04", "4.13", "0.00" (empty ACK) … */
  code: string;
  messageId: number;
  token: Buffer;
  payloadText: string;
  maxAgeS?: number;
  size1?: number;
  receivedAt: number;
}

function codeText(code: MessageCode): string {
  return `${code.major}.${String(code.minor).padStart(2, '0')}`;
}

function numeric(options: Option[], name: 'Max-Age' | 'Size1'): number | undefined {
  const found = findOption(options, name) as NumericOption | undefined;
  return found ? found.value : undefined;
}

export function decodeResponse(buf: Buffer): RawResponse {
  const m = Message.parse(buf);
  const types = ['CON', 'NON', 'ACK', 'RST'] as const;
  const response: RawResponse = {
    type: types[m.type]!,
    code: codeText(m.code),
    messageId: m.messageId,
    token: m.token,
    payloadText: m.payload.toString('utf8'),
    receivedAt: performance.now(),
  };
  const maxAge = numeric(m.options, 'Max-Age');
  if (maxAge !== undefined) response.maxAgeS = maxAge;
  const size1 = numeric(m.options, 'Size1');
  if (size1 !== undefined) response.size1 = size1;
  return response;
}

/** A UDP socket that plays a meter: sends raw requests, collects every datagram it gets back. */
export class RawCoapPeer {
  readonly received: RawResponse[] = [];
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly socket: Socket,
    private readonly port: number,
    private readonly host: string,
  ) {
    socket.on('message', (buf) => {
      this.received.push(decodeResponse(buf));
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async open(port: number, host = '127.0.0.1'): Promise<RawCoapPeer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    return new RawCoapPeer(socket, port, host);
  }

  send(datagram: Buffer): Promise<number> {
    return new Promise((resolve, reject) =>
      this.socket.send(datagram, this.port, this.host, (err) => (err ? reject(err) : resolve(performance.now()))),
    );
  }

  /** Acknowledges a confirmable (separate) response, as a meter must (RFC 7252 §5.2.2). */
  async ack(messageId: number): Promise<void> {
    const ack = new Message(1, MessageType.ACK, MessageCodes.empty, messageId, Buffer.alloc(0), [], Buffer.alloc(0));
    await this.send(ack.serialize());
  }

  /** Resolves once `count` datagrams have arrived in all (rejects after timeoutMs). */
  async waitFor(count: number, timeoutMs = 5000): Promise<RawResponse[]> {
    const deadline = performance.now() + timeoutMs;
    while (this.received.length < count) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`expected ${count} datagrams, got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received.slice(0, count);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
