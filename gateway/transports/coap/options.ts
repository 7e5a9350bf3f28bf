/**
 * CoAP transport settings, from the environment (validated at start, naming the bad variable):
 *
 *   MF_COAP_PORT             UDP port (default 5683; 0 picks a free one)
 *   MF_COAP_HOST             address to bind (default 0.0.0.0; an IPv6 address binds udp6)
 *   MF_COAP_PIGGYBACK_MS     how long a confirmable request's ACK is held back so that the
 *                            2.04 can ride on it after the commit (default 1500; see
 *                            docs/gateway-coap-http.md for the trade-off)
 *   MF_COAP_MAX_PAYLOAD      largest accepted request payload in bytes (default 4096): 4.13 above
 *   MF_COAP_MAX_IN_FLIGHT    submissions awaiting their commit before new requests get 5.03
 *                            with Max-Age (UDP has no flow control: this is the backpressure)
 *   MF_COAP_RETRY_AFTER_S    Max-Age of a 5.03, seconds the meter should wait (default 60)
 *   MF_COAP_AUTH             off | device | required (default off): see device-auth.ts
 */
import { z } from 'zod';
import { ConfigError } from '../../../common/config-error.js';
import type { CoapAuthMode } from './device-auth.js';

export interface CoapTransportOptions {
  port: number;
  host: string;
  /** ACK hold-back for confirmable requests, ms. The `coap` library's own default is 50. */
  piggybackReplyMs: number;
  maxPayloadBytes: number;
  maxInFlight: number;
  retryAfterS: number;
  auth: CoapAuthMode;
  /** How long close() waits for submissions in flight before closing the socket, ms. */
  drainMs: number;
}

export const defaultCoapOptions: CoapTransportOptions = {
  port: 5683,
  host: '0.0.0.0',
  piggybackReplyMs: 1500,
  maxPayloadBytes: 4096,
  maxInFlight: 1024,
  retryAfterS: 60,
  auth: 'off',
  drainMs: 10_000,
};

const schema = z.object({
  MF_COAP_PORT: z.coerce.number().int().min(0).max(65535).default(defaultCoapOptions.port),
  MF_COAP_HOST: z.string().min(1).default(defaultCoapOptions.host),
  // Keep it below the meter's ACK_TIMEOUT (2 s, RFC 7252 §4.8), or the meter retransmits while
  // we wait (harmless: the retransmission joins the original, but it costs the meter a send).
  MF_COAP_PIGGYBACK_MS: z.coerce.number().int().min(0).max(60_000).default(defaultCoapOptions.piggybackReplyMs),
  // A UDP datagram carries at most 65,507 bytes; Block1 transfers are reassembled first.
  MF_COAP_MAX_PAYLOAD: z.coerce.number().int().min(1).max(1_048_576).default(defaultCoapOptions.maxPayloadBytes),
  MF_COAP_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(1_000_000).default(defaultCoapOptions.maxInFlight),
  MF_COAP_RETRY_AFTER_S: z.coerce.number().int().min(0).max(86_400).default(defaultCoapOptions.retryAfterS),
  MF_COAP_AUTH: z.enum(['off', 'device', 'required']).default(defaultCoapOptions.auth),
});

type Variable = keyof z.input<typeof schema>;

export function coapOptionsFromEnv(env: NodeJS.ProcessEnv): CoapTransportOptions {
  const names = Object.keys(schema.shape) as Variable[];
  const input: Partial<Record<Variable, string>> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') input[name] = value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0]) as Variable;
    throw new ConfigError(variable, input[variable], issue.message);
  }
  const c = parsed.data;
  return {
    port: c.MF_COAP_PORT,
    host: c.MF_COAP_HOST,
    piggybackReplyMs: c.MF_COAP_PIGGYBACK_MS,
    maxPayloadBytes: c.MF_COAP_MAX_PAYLOAD,
    maxInFlight: c.MF_COAP_MAX_IN_FLIGHT,
    retryAfterS: c.MF_COAP_RETRY_AFTER_S,
    auth: c.MF_COAP_AUTH,
    drainMs: defaultCoapOptions.drainMs,
  };
}
