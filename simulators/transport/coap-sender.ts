/**
 * CoAP requests as NB-IoT meters send them, with node-coap-client: confirmable POSTs that are
 * retransmitted until the server acknowledges (RFC 7252 §4.2). A 2.xx response counts as
 * acknowledged; 4.xx and 5.xx as rejected, with the code.
 *
 * node-coap-client keeps its state in static fields and sends one request at a time (NSTART = 1,
 * RFC 7252 §4.7), which is right for one meter and far too slow for a fleet. The sender therefore
 * loads several independent copies of the library (each its own UDP socket: its own endpoint) and
 * gives each device always the same one, so that a device's requests stay in order while
 * different devices' requests overlap, as they do from real meters.
 *
 * node-coap-client always sends Content-Format 50 (application/json). A request captured with
 * another Content-Format is sent with the gateway's `fmt` query parameter instead (raw for none
 * or 42, hex for 0), so that it is read the same way.
 */
import { createRequire } from 'node:module';
import type { CoapTarget } from '../message.js';

type CoapClientModule = typeof import('node-coap-client');

export type CoapOutcome = { ok: true; code: string } | { ok: false; code: string };

export interface CoapSender {
  send(target: CoapTarget, payload: Uint8Array): Promise<CoapOutcome>;
  close(): void;
}

const CONTENT_FORMAT_JSON = 50;

/** The path to request: with `fmt=` added when the captured Content-Format is not JSON. */
export function requestPath(target: CoapTarget): string {
  if (target.contentFormat === CONTENT_FORMAT_JSON || /[?&]fmt=/.test(target.path)) return target.path;
  const fmt = target.contentFormat === 0 ? 'hex' : 'raw';
  return `${target.path}${target.path.includes('?') ? '&' : '?'}fmt=${fmt}`;
}

const require = createRequire(import.meta.url);

/** A fresh copy of node-coap-client, with static state of its own. */
function loadClient(): CoapClientModule {
  const path = require.resolve('node-coap-client');
  delete require.cache[path];
  const loaded = require(path) as CoapClientModule;
  delete require.cache[path];
  return loaded;
}

/** FNV-1a of the path without its query: the same device always uses the same endpoint. */
function endpointOf(path: string, endpoints: number): number {
  const device = path.split('?')[0]!;
  let h = 0x811c9dc5;
  for (let i = 0; i < device.length; i++) h = Math.imul(h ^ device.charCodeAt(i), 0x01000193) >>> 0;
  return h % endpoints;
}

export interface CoapSenderOptions {
  /** Independent client endpoints (default 8), each sending one request at a time. */
  endpoints?: number;
}

/** `baseUrl` is `coap://host:port` (no path). */
export function createCoapSender(baseUrl: string, options: CoapSenderOptions = {}): CoapSender {
  const base = baseUrl.replace(/\/+$/, '');
  const clients = Array.from({ length: Math.max(1, options.endpoints ?? 8) }, loadClient);
  return {
    async send(target, payload) {
      const { CoapClient } = clients[endpointOf(target.path, clients.length)]!;
      const response = await CoapClient.request(
        `${base}${requestPath(target)}`,
        target.method === 'PUT' ? 'put' : 'post',
        Buffer.from(payload),
        {
          confirmable: target.confirmable,
          retransmit: true,
          keepAlive: true,
        },
      );
      return { ok: response.code.major === 2, code: response.code.toString() };
    },
    close() {
      for (const { CoapClient } of clients) CoapClient.reset();
    },
  };
}
