/**
 * The CoAP transport: a `coap` server on a UDP socket we bind ourselves (so that port 0 works
 * and close() knows when the socket is gone), handing each request to CoapUplinkHandler.
 *
 * Timing: a confirmable request's ACK is held back `piggybackReplyMs` (the library's default
 * is 50 ms). When the commit finishes within that time, the 2.04 rides on the ACK (piggybacked,
 * one datagram each way). When it takes longer, the library sends an empty ACK at that moment
 * and the 2.04 follows as a separate confirmable response that the meter must acknowledge,
 * retransmitted by us until it does; a meter whose radio sleeps right after the ACK never
 * hears it. The default 1500 ms stays below the meter's first retransmission (ACK_TIMEOUT 2 s,
 * RFC 7252 §4.8) and far above a normal batch commit.
 */
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { createServer, type IncomingMessage, type OutgoingMessage, type Server } from 'coap';
import type { Registry } from 'prom-client';
import { systemClock, type Clock } from '../../../common/clock.js';
import type { Logger } from '../../../common/logger.js';
import type { IngestPort } from '../../uplink.js';
import type { DeviceSecretDirectory } from './device-auth.js';
import { CoapUplinkHandler } from './handler.js';
import { coapMetrics } from './metrics.js';
import type { CoapTransportOptions } from './options.js';

export interface CoapTransportDeps {
  clock?: Clock;
  /** Where the transport's metrics go (the gateway's /metrics registry). */
  registry?: Registry;
  /** Needed when options.auth is not 'off'. */
  directory?: DeviceSecretDirectory;
}

export interface CoapTransportHandle {
  /** The bound address and port (the real port when 0 was asked for). */
  address: string;
  port: number;
  /** True while the socket is open and the transport is not shutting down (for /readyz). */
  isReady(): boolean;
  /** New requests get 5.03 with Max-Age from now on; those in flight complete. */
  stopReading(): void;
  /** Stops taking requests (5.03 from now on), waits for uplinks in flight, closes the socket. */
  close(): Promise<void>;
}

const RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

function bind(socket: Socket, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    socket.once('error', onError);
    socket.bind(port, host, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

/**
 * The identity the library's message cache uses for an exchange. The library's default is the
 * source address and port, which carrier NAT may change between a request and its
 * retransmission; the request URI (path and query, hence device id and secret) does not change.
 */
function exchangeIdentity(req: IncomingMessage): string {
  return req.url;
}

export async function startCoapTransport(
  options: CoapTransportOptions,
  ingest: IngestPort,
  logger: Logger,
  deps: CoapTransportDeps = {},
): Promise<CoapTransportHandle> {
  if (options.auth !== 'off' && !deps.directory) {
    throw new Error(`MF_COAP_AUTH=${options.auth} needs the device registry (no device secret directory was given)`);
  }
  const log = logger.child({ component: 'coap' });
  const handler = new CoapUplinkHandler({
    ingest,
    logger: log,
    clock: deps.clock ?? systemClock,
    options,
    metrics: coapMetrics(deps.registry),
    ...(deps.directory ? { directory: deps.directory } : {}),
  });
  const socket = createSocket({ type: isIPv6(options.host) ? 'udp6' : 'udp4' });
  await bind(socket, options.port, options.host);
  // A burst of datagrams beyond the socket's receive buffer is dropped by the kernel (the meters
  // retransmit CONs, NONs are lost): ask for a large buffer; Linux caps it at net.core.rmem_max.
  try {
    socket.setRecvBufferSize(RECEIVE_BUFFER_BYTES);
  } catch (err) {
    log.warn({ err }, 'coap socket receive buffer could not be enlarged');
  }
  const server: Server = createServer({
    piggybackReplyMs: options.piggybackReplyMs,
    clientIdentifier: exchangeIdentity,
    sendAcksForNonConfirmablePackets: true,
  });
  server.on('request', (req: IncomingMessage, res: OutgoingMessage) => {
    handler.handle(req, res).catch((err: unknown) => log.error({ err }, 'coap request handler failed'));
  });
  server.on('error', (err: Error) => log.error({ err }, 'coap socket error'));
  server.listen(socket);
  const bound = socket.address();
  let open = true;
  let stopped = false;
  log.info(
    {
      address: bound.address,
      port: bound.port,
      piggybackReplyMs: options.piggybackReplyMs,
      auth: options.auth,
      receiveBufferBytes: socket.getRecvBufferSize(),
    },
    'coap transport listening',
  );

  return {
    address: bound.address,
    port: bound.port,
    isReady: () => open && !stopped,
    stopReading() {
      stopped = true;
      handler.stopTaking();
    },
    async close() {
      if (!open) return;
      open = false;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), options.drainMs);
      });
      const result = await Promise.race([handler.drain().then(() => 'drained' as const), timedOut]);
      clearTimeout(timer);
      if (result === 'timeout') log.warn({ inFlight: handler.inFlightCount }, 'coap close: uplinks still in flight');
      // let the last responses leave the socket before it closes
      await new Promise((resolve) => setTimeout(resolve, 20));
      server.close();
      await new Promise<void>((resolve) => socket.close(() => resolve()));
      log.info('coap transport closed');
    },
  };
}
