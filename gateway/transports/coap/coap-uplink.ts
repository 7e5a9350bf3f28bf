/**
 * A parsed CoAP request → the Uplink the pipeline takes. The body goes through the direct
 * adapter (gateway/lns/direct.ts), so that a CoAP meter and an MQTT meter sending the same
 * bytes or the same JSON wrapper give the same uplink; the CoAP exchange adds its metadata and,
 * unless the wrapper names the message, the Message ID/Token dedup key.
 */
import { GatewayErrorCode, gatewayError } from '../../errors.js';
import { adaptDirect } from '../../lns/direct.js';
import { unreadableUplink } from '../../lns/unreadable.js';
import type { Uplink } from '../../uplink.js';
import { coapDedupKey } from './dedup-key.js';
import { CoapRejectCode, reject, type CoapRejection } from './errors.js';
import type { CoapTarget, CoapUplinkRequest } from './request.js';

export interface CoapExchange {
  messageId: number;
  token: Uint8Array;
  confirmable: boolean;
  /** Source address:port, for diagnosis only (never identity). */
  peer: string;
  receivedAt: string;
}

export type CoapUplinkResult = { ok: true; uplink: Uplink } | { ok: false; rejection: CoapRejection };

function coapMetadata(exchange: CoapExchange, format: string): Record<string, unknown> {
  return {
    coap: {
      messageId: exchange.messageId,
      token: Buffer.from(exchange.token).toString('hex'),
      confirmable: exchange.confirmable,
      format,
    },
    peer: exchange.peer,
  };
}

/**
 * A request refused for its body (size, Content-Format, hex, wrapper) but naming its device: it
 * is archived as a dead letter (status rejected) with the refusal, as the MQTT transport keeps
 * messages its adapter cannot read; the meter gets its 4.xx after that commit.
 */
export function coapDeadLetter(
  target: CoapTarget,
  requestBody: Uint8Array,
  rejection: CoapRejection,
  exchange: CoapExchange,
): Uplink {
  const code =
    rejection.code === CoapRejectCode.PAYLOAD_TOO_LARGE
      ? GatewayErrorCode.PAYLOAD_TOO_LARGE
      : GatewayErrorCode.MALFORMED_MESSAGE;
  const uplink = unreadableUplink(
    { transport: 'coap', receivedAt: exchange.receivedAt, topic: target.path, payload: requestBody },
    'direct',
    target.deviceId,
    gatewayError(code, `${rejection.code}: ${rejection.reason}`),
  );
  return { ...uplink, metadata: { ...uplink.metadata, ...coapMetadata(exchange, 'refused') } };
}

export function coapUplink(request: CoapUplinkRequest, exchange: CoapExchange): CoapUplinkResult {
  const adapted = adaptDirect(request.deviceId, {
    transport: 'coap',
    receivedAt: exchange.receivedAt,
    topic: request.path,
    payload: request.body,
  });
  if (!adapted.ok) return { ok: false, rejection: reject(CoapRejectCode.WRAPPER_INVALID, adapted.error.message) };
  const uplink = adapted.value;
  if (uplink.payload.byteLength === 0)
    return { ok: false, rejection: reject(CoapRejectCode.PAYLOAD_EMPTY, 'the wrapped payload is empty') };
  const namedByWrapper = uplink.metadata.messageId !== undefined || uplink.metadata.meterTime !== undefined;
  return {
    ok: true,
    uplink: {
      ...uplink,
      metadata: { ...uplink.metadata, ...coapMetadata(exchange, request.format) },
      dedupKey: namedByWrapper
        ? uplink.dedupKey
        : coapDedupKey({
            deviceId: request.deviceId,
            messageId: exchange.messageId,
            token: exchange.token,
            payload: uplink.payload,
            receivedAt: exchange.receivedAt,
          }),
    },
  };
}
