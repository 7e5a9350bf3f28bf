/**
 * One CoAP request in, one response out, the response only after the uplink is committed:
 * parse → join a retransmission to its original → shed load → authenticate → submit → respond.
 * A request that names no device (bad path, method, device id, query, empty) is answered 4.xx
 * at once; one refused for its body (size, Content-Format, hex, wrapper) is kept as a dead
 * letter first, like any message an adapter cannot read, and answered 4.xx after that commit.
 *
 * Who covers which retransmission:
 *  - while the original is being committed, a retransmission (same URI, Message ID, Token and
 *    payload) joins the original's entry in `inFlight` and gets the same response when the
 *    commit is done (RFC 7252 §4.5: answer duplicates with the same response);
 *  - after the response is sent, the `coap` library's message cache (keyed here by URI +
 *    Message ID + Token, see server.ts) answers it again for EXCHANGE_LIFETIME (~247 s) in this
 *    process, without a 'request' event;
 *  - after a restart, on another gateway instance, or once the cache has let it go, the
 *    pipeline's dedup key (dedup-key.ts) stores it once and answers 'duplicate'.
 */
import type { IncomingMessage, OutgoingMessage } from 'coap';
import type { Logger } from '../../../common/logger.js';
import type { Clock } from '../../../common/clock.js';
import type { IngestPort, Uplink } from '../../uplink.js';
import { coapDeadLetter, coapUplink, type CoapExchange } from './coap-uplink.js';
import { authenticateDevice, type DeviceSecretDirectory } from './device-auth.js';
import { CoapRejectCode, coapCodeOf, type CoapRejection, type CoapResponseCode } from './errors.js';
import type { CoapMetrics } from './metrics.js';
import type { CoapTransportOptions } from './options.js';
import { parseCoapRequest, type CoapRequestView } from './request.js';

interface Reply {
  code: CoapResponseCode;
  /** accepted | duplicate | … (outcome status) or a CoapRejectCode: the metric label. */
  reason: string;
  text: string;
  maxAgeS?: number;
  size1?: number;
}

export interface CoapHandlerDeps {
  ingest: IngestPort;
  logger: Logger;
  clock: Clock;
  options: CoapTransportOptions;
  metrics: CoapMetrics;
  directory?: DeviceSecretDirectory;
}

function optionText(value: unknown): string {
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}

/**
 * The request as request.ts reads it: Uri-Path and Uri-Query segments as sent, unjoined (the
 * library's `url` joins them, losing a '/' or '&' inside a segment). `_packet` is the parsed
 * datagram the library's IncomingMessage declares; it is the only place Message ID and Token are.
 */
export function viewOf(req: IncomingMessage): CoapRequestView {
  const pathSegments: string[] = [];
  const querySegments: string[] = [];
  for (const option of req._packet.options ?? []) {
    if (option.name === 'Uri-Path') pathSegments.push(optionText(option.value));
    else if (option.name === 'Uri-Query') querySegments.push(optionText(option.value));
  }
  const contentFormat = req.headers['Content-Format'];
  return {
    method: req.method,
    pathSegments,
    querySegments,
    contentFormat: typeof contentFormat === 'string' || typeof contentFormat === 'number' ? contentFormat : undefined,
    payload: req.payload ?? Buffer.alloc(0),
  };
}

function isUnavailable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { kind?: unknown }).kind === 'unavailable';
}

export class CoapUplinkHandler {
  private readonly inFlight = new Map<string, OutgoingMessage[]>();
  private closing = false;
  private idle: (() => void) | undefined;

  constructor(private readonly deps: CoapHandlerDeps) {}

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** From now on new requests get 5.03 (retransmissions of those in flight still join them). */
  stopTaking(): void {
    this.closing = true;
  }

  /** stopTaking, then resolves when every request in flight is answered. */
  drain(): Promise<void> {
    this.closing = true;
    if (this.inFlight.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.idle = resolve;
    });
  }

  async handle(req: IncomingMessage, res: OutgoingMessage): Promise<void> {
    const { options, metrics } = this.deps;
    const receivedAt = this.deps.clock.now().toISOString();
    const view = viewOf(req);
    const parsed = parseCoapRequest(view, { maxPayloadBytes: options.maxPayloadBytes });
    if (!parsed.ok && !parsed.target) {
      this.send([res], this.rejectionReply(parsed.rejection));
      return;
    }
    const packet = req._packet;
    const exchange: CoapExchange = {
      messageId: packet.messageId ?? 0,
      token: packet.token ?? Buffer.alloc(0),
      confirmable: packet.confirmable === true,
      peer: `${req.rsinfo.address}:${req.rsinfo.port}`,
      receivedAt,
    };
    // Either an uplink to store and answer 2.04, or a refused body to keep as a dead letter and
    // answer with its 4.xx.
    let uplink: Uplink;
    let refusal: CoapRejection | undefined;
    let secret: string | undefined;
    if (parsed.ok) {
      secret = parsed.request.secret;
      const built = coapUplink(parsed.request, exchange);
      if (built.ok) uplink = built.uplink;
      else {
        refusal = built.rejection;
        uplink = coapDeadLetter(
          { deviceId: parsed.request.deviceId, path: parsed.request.path },
          view.payload,
          refusal,
          exchange,
        );
      }
    } else {
      const target = parsed.target!;
      secret = target.secret;
      refusal = parsed.rejection;
      uplink = coapDeadLetter(target, view.payload, refusal, exchange);
    }
    // The request URI (with its secret) plus the dedup key names the exchange: a retransmission
    // repeats both.
    const key = `${req.url}|${uplink.dedupKey}`;
    const waiting = this.inFlight.get(key);
    if (waiting) {
      waiting.push(res);
      metrics.retransmissions.inc();
      return;
    }
    if (this.closing) {
      this.send(
        [res],
        this.rejectionReply({ code: CoapRejectCode.SHUTTING_DOWN, reason: 'gateway shutting down, retry later' }),
      );
      return;
    }
    if (this.inFlight.size >= options.maxInFlight) {
      this.send(
        [res],
        this.rejectionReply({
          code: CoapRejectCode.OVERLOADED,
          reason: 'too many uplinks awaiting storage, retry later',
        }),
      );
      return;
    }
    const responses = [res];
    this.inFlight.set(key, responses);
    metrics.inFlight.set(this.inFlight.size);
    let reply: Reply;
    try {
      reply = await this.store(uplink, secret, refusal);
    } finally {
      this.inFlight.delete(key);
      metrics.inFlight.set(this.inFlight.size);
    }
    this.send(responses, reply);
    if (this.closing && this.inFlight.size === 0) this.idle?.();
  }

  /** Authenticates, submits, and gives the reply for after the commit. */
  private async store(uplink: Uplink, secret: string | undefined, refusal: CoapRejection | undefined): Promise<Reply> {
    const log = this.deps.logger.child({ deviceId: uplink.deviceRef, coap: uplink.metadata.coap });
    try {
      const refused = await authenticateDevice(this.deps.options.auth, this.deps.directory, uplink.deviceRef, secret);
      if (refused) {
        log.warn({ code: refused.code, peer: uplink.metadata.peer }, 'coap device authentication refused');
        return this.rejectionReply(refused);
      }
      const outcome = await this.deps.ingest.submit(uplink);
      if (refusal) return this.rejectionReply(refusal);
      return { code: '2.04', reason: outcome.status, text: outcome.status };
    } catch (err) {
      if (isUnavailable(err)) {
        log.warn({ err }, 'coap uplink not stored: database unavailable');
        return this.rejectionReply({
          code: CoapRejectCode.STORE_UNAVAILABLE,
          reason: 'storage unavailable, retry later',
        });
      }
      log.error({ err }, 'coap uplink not stored: unexpected failure');
      return this.rejectionReply({ code: CoapRejectCode.INTERNAL, reason: 'internal error' });
    }
  }

  private rejectionReply(rejection: CoapRejection): Reply {
    const code = coapCodeOf[rejection.code];
    const reply: Reply = { code, reason: rejection.code, text: `${rejection.code}: ${rejection.reason}` };
    // 5.03 carries Max-Age: how long to wait before a new attempt (RFC 7252 §5.9.3.4).
    if (code === '5.03') reply.maxAgeS = this.deps.options.retryAfterS;
    // 4.13 carries Size1: the largest body we take (RFC 7959 §4).
    if (rejection.code === CoapRejectCode.PAYLOAD_TOO_LARGE) reply.size1 = this.deps.options.maxPayloadBytes;
    return reply;
  }

  private send(responses: OutgoingMessage[], reply: Reply): void {
    for (const res of responses) {
      try {
        res.code = reply.code;
        res.setOption('Content-Format', 'text/plain');
        if (reply.maxAgeS !== undefined) res.setOption('Max-Age', reply.maxAgeS);
        if (reply.size1 !== undefined) res.setOption('Size1', reply.size1);
        res.end(Buffer.from(reply.text, 'utf8'));
        this.deps.metrics.responses.inc({ code: reply.code, reason: reply.reason });
      } catch (err) {
        this.deps.logger.error({ err }, 'coap response could not be sent');
      }
    }
  }
}
