/**
 * The embedded MQTT broker (aedes): TCP (default 1883) and, with a certificate and key, TLS
 * (default 8883). QoS 0 and 1 (2 is accepted too), persistent sessions (clean=false) kept in
 * memory for the life of the process.
 *
 * Ack after commit: aedes handles a PUBLISH as authorizePublish → (QoS 1) write PUBACK → publish
 * to subscribers (lib/handlers/publish.js), and the `published` event fires only after the PUBACK
 * went out. So the uplink is ingested inside authorizePublish: its callback is called once the
 * writer committed, and only then does aedes send the PUBACK. If the uplink cannot be committed,
 * the callback gets an error and aedes closes the connection without a PUBACK; the client
 * re-sends on reconnect. aedes hands every packet of one socket read to the handlers at once and
 * reads the socket again only when all are done, so a busy publisher fills a batch and a stalled
 * writer stops the reading (backpressure).
 */
import { createServer, type Server } from 'node:net';
import type { Duplex } from 'node:stream';
import { createServer as createTlsServer } from 'node:tls';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { SettableClock } from '../../../common/clock.js';
import type { Logger } from '../../../common/logger.js';
import { silentLogger } from '../../../common/logger.js';
import type { DeviceDirectory } from '../../devices/device.js';
import type { TopicRouter } from '../../lns/topic-router.js';
import { MQTT_ACK_SENT, MQTT_ACK_WITHHELD, type GatewayMetrics } from '../../metrics.js';
import {
  authenticatePrincipal,
  maySubscribe,
  publishDecision,
  type Principal,
  type ServiceUser,
} from './broker-auth.js';
import { fromAedes, type MqttPublishFn } from '../../validation/alarm-publisher.js';
import type { MqttIngest } from './mqtt-ingest.js';
import { setSimulatedClock, SIMULATED_CLOCK_TOPIC } from './simulated-clock.js';

export interface EmbeddedBrokerOptions {
  ingest: MqttIngest;
  router: TopicRouter;
  devices: DeviceDirectory;
  serviceUsers: readonly ServiceUser[];
  host?: string;
  /** TCP port (default 1883; 0 picks a free one). */
  port?: number;
  tls?: { port?: number; cert: string | Buffer; key: string | Buffer };
  /**
   * Bytes a client connection reads ahead (its sockets' high-water mark; default 256 KiB). aedes
   * takes in a client's next packets only after every PUBLISH of what it last read has been
   * authorised, that is committed; what it read is what goes into one commit, so a client that
   * publishes in bulk (a bridge, a network server, a replay) is acknowledged that much at a time.
   * The cost is memory: while a connection's uplinks commit, up to this much more (plus one read of
   * up to 64 KiB) is buffered for it; the sockets' write buffer takes the same size. Plain TCP
   * only: Node reads TLS connections 16 KiB at a time.
   */
  readBufferBytes?: number;
  metrics?: GatewayMetrics;
  logger?: Logger;
  /** The clock a simulation sets through SIMULATED_CLOCK_TOPIC (`--simulated-clock` only). */
  simulatedClock?: SettableClock;
}

export interface EmbeddedBroker {
  readonly port: number;
  readonly tlsPort: number | undefined;
  /** Publishes from the broker itself to its subscribers (alarm messages). */
  publish: MqttPublishFn;
  /** Stops taking uplinks: new publishes are refused (no PUBACK, connection closed). */
  stopReading(): void;
  close(): Promise<void>;
}

const BAD_CREDENTIALS = 4;

export const DEFAULT_READ_BUFFER_BYTES = 256 * 1024;

/**
 * A listener for the broker: plain TCP, or TLS with `tls`. A plain TCP client socket reads ahead up
 * to `readBufferBytes` (its high-water mark). Node gives TLS sockets its default (16 KiB) whatever
 * the server's options say, so TLS clients are read 16 KiB at a time.
 */
export function brokerServer(
  handle: (socket: Duplex) => void,
  readBufferBytes: number,
  tls?: { cert: string | Buffer; key: string | Buffer },
): Server {
  if (tls) return createTlsServer({ cert: tls.cert, key: tls.key }, handle);
  return createServer({ highWaterMark: readBufferBytes }, handle);
}

function listen(server: Server, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const logger = options.logger ?? silentLogger;
  const principals = new WeakMap<Client, Principal>();
  let reading = true;
  const isRouted = (topic: string) => options.router.match(topic) !== undefined;

  const broker = await Aedes.createBroker({
    authenticate(client, username, password, done) {
      authenticatePrincipal(username, password, options.serviceUsers, options.devices).then(
        (principal) => {
          if (!principal) {
            logger.info({ clientId: client.id, username }, 'MQTT login refused');
            const err = Object.assign(new Error('bad username or password'), {
              returnCode: BAD_CREDENTIALS,
            }) as AuthenticateError;
            done(err, false);
            return;
          }
          principals.set(client, principal);
          done(null, true);
        },
        (err: Error) => {
          logger.warn({ clientId: client.id, err: err.message }, 'MQTT login could not be checked');
          done(Object.assign(new Error('server unavailable'), { returnCode: 3 }) as AuthenticateError, false);
        },
      );
    },
    authorizePublish(client, packet, done) {
      if (client === null) return done(null); // the broker's own messages ($SYS, wills)
      const principal = principals.get(client);
      if (packet.topic === SIMULATED_CLOCK_TOPIC) {
        const refused = setSimulatedClock(options.simulatedClock, principal, packet.payload as Buffer);
        if (refused !== undefined) logger.info({ clientId: client.id, reason: refused }, 'clock setting refused');
        return done(refused === undefined ? null : new Error(refused));
      }
      const decision = principal
        ? publishDecision(principal, packet.topic, options.router.directTopicFor, isRouted)
        : 'deny';
      if (decision === 'deny') {
        logger.info({ clientId: client.id, topic: packet.topic }, 'MQTT publish refused: topic not allowed');
        return done(new Error(`not allowed to publish to ${packet.topic}`));
      }
      if (decision === 'pass') return done(null);
      if (!reading) {
        options.metrics?.acks.inc({ transport: 'mqtt', result: 'withheld' });
        return done(new Error('gateway is shutting down'));
      }
      const sender = principal?.kind === 'device' ? principal.deviceId : client.id;
      options.ingest(packet.topic, packet.payload as Buffer, sender).then(
        () => {
          if (packet.qos > 0) options.metrics?.acks.inc(MQTT_ACK_SENT);
          done(null);
        },
        (err: Error) => {
          options.metrics?.acks.inc(MQTT_ACK_WITHHELD);
          logger.warn(
            { clientId: client.id, topic: packet.topic, err: err.message },
            'uplink not committed; closing the connection without PUBACK',
          );
          done(err);
        },
      );
    },
    authorizeSubscribe(client, subscription, done) {
      const principal = principals.get(client);
      done(null, principal && maySubscribe(principal, subscription.topic) ? subscription : null);
    },
  });
  broker.on('client', () => options.metrics?.mqttClients.inc({ broker: 'embedded' }));
  broker.on('clientDisconnect', () => options.metrics?.mqttClients.dec({ broker: 'embedded' }));
  broker.on('clientError', (client, err) =>
    logger.debug({ clientId: client.id, err: err.message }, 'MQTT client error'),
  );

  const highWaterMark = options.readBufferBytes ?? DEFAULT_READ_BUFFER_BYTES;
  const tcp = brokerServer(broker.handle, highWaterMark);
  const port = await listen(tcp, options.port ?? 1883, options.host);
  let tls: Server | undefined;
  let tlsPort: number | undefined;
  if (options.tls) {
    tls = brokerServer(broker.handle, highWaterMark, options.tls);
    tlsPort = await listen(tls, options.tls.port ?? 8883, options.host);
  }
  logger.info({ port, tlsPort }, 'embedded MQTT broker listening');

  return {
    port,
    tlsPort,
    publish: fromAedes(broker),
    stopReading() {
      reading = false;
    },
    async close() {
      reading = false;
      const closing = [closeServer(tcp), ...(tls ? [closeServer(tls)] : [])];
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await Promise.all(closing);
    },
  };
}
