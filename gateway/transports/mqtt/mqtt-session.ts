/**
 * A subscriber session to an external MQTT broker that acknowledges each QoS 1 message only after
 * its handler resolved (for the gateway: after the uplink committed), with many messages in
 * flight at once.
 *
 * Why not mqtt.js for this: mqtt.js handles incoming packets one at a time and only takes the
 * next after the previous PUBACK was written (its `handleMessage` / `customHandleAcks` hooks sit
 * inside that loop), so ack-after-commit with it means one message per database commit. This
 * session is built on mqtt-packet (the packet codec mqtt.js and aedes share; PUBLISHes, the hot
 * path, are read by packet-reader.ts) and keeps up to `receiveMaximum` messages in flight,
 * acknowledging them in order (ack-window.ts), the PUBACKs of one turn of the event loop in one write.
 *
 * It connects with a persistent session (MQTT 5: clean start off, session expiry; MQTT 3.1.1:
 * clean session off), subscribes at QoS 1, answers keep-alive, and reconnects with backoff. After
 * a reconnect the broker redelivers what was not acknowledged; the pipeline's idempotency makes
 * those copies harmless.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import mqttPacket from 'mqtt-packet';
import type { Logger } from '../../../common/logger.js';
import { silentLogger } from '../../../common/logger.js';
import { Fifo } from '../../sinks/fifo.js';
import { AckWindow } from './ack-window.js';
import { createPacketReader } from './packet-reader.js';

export interface MqttSessionOptions {
  /** mqtt://host:port or mqtts://host:port */
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  protocolVersion?: 4 | 5;
  keepaliveS?: number;
  /** MQTT 5 session expiry, seconds (default 7 days): how long the broker keeps the session while we are away. */
  sessionExpiryS?: number;
  /** QoS 1 messages in flight at most (MQTT 5 Receive Maximum; with 3.1.1 the socket is paused above it). */
  receiveMaximum?: number;
  /** Subscription filters (with `$share/<group>/` when shared). */
  filters: string[];
  ca?: string | Buffer;
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Resolve to acknowledge; reject to leave the message unacknowledged (the connection is then recycled). */
  onMessage(topic: string, payload: Buffer, qos: number): Promise<unknown>;
  /** Called for each QoS 1 message once its handler settled: acknowledged (resolved) or withheld (rejected). */
  onAcknowledged?(acknowledged: boolean): void;
  onConnected?(connected: boolean): void;
  logger?: Logger;
}

export interface MqttSession {
  /** Resolves at the first CONNACK+SUBACK (rejects if the first attempt fails). */
  ready: Promise<void>;
  /** Stops reading new messages; in-flight ones still get their PUBACK when they commit. */
  stopReading(): void;
  /** Sends DISCONNECT (the session stays on the broker) and closes. */
  close(): Promise<void>;
  inFlight(): number;
}

type Packet = mqttPacket.Packet;

/** Packets handled per turn of the event loop. */
const HANDLE_SLICE = 64;
/** Received packets waiting to be handled beyond which the socket is paused. */
const MAX_BACKLOG = 4096;

/** PUBACKs with reason "success": 40 02 <id> each, the same in MQTT 3.1.1 and 5 ([MQTT-3.4.2-1]), in one buffer. */
function pubacksBytes(messageIds: readonly number[]): Buffer {
  const out = Buffer.allocUnsafe(messageIds.length * 4);
  for (let i = 0, o = 0; i < messageIds.length; i++, o += 4) {
    const id = messageIds[i]!;
    out[o] = 0x40;
    out[o + 1] = 0x02;
    out[o + 2] = id >> 8;
    out[o + 3] = id & 0xff;
  }
  return out;
}

export function openMqttSession(options: MqttSessionOptions): MqttSession {
  const logger = options.logger ?? silentLogger;
  const version = options.protocolVersion ?? 5;
  const keepaliveS = options.keepaliveS ?? 30;
  const receiveMaximum = options.receiveMaximum ?? 2000;
  const url = new URL(options.url);
  const port = Number(url.port || (url.protocol === 'mqtts:' ? 8883 : 1883));
  let socket: Socket | undefined;
  let generation = 0;
  let stopped = false;
  let reading = true;
  let attempt = 0;
  let inFlight = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let keepaliveTimer: NodeJS.Timeout | undefined;
  let firstResolve: (() => void) | undefined;
  let firstReject: ((e: Error) => void) | undefined;
  let everConnected = false;
  const ready = new Promise<void>((resolve, reject) => {
    firstResolve = resolve;
    firstReject = reject;
  });
  ready.catch(() => undefined);

  function send(s: Socket, packet: Packet): void {
    if (!s.destroyed) s.write(mqttPacket.generate(packet, { protocolVersion: version }));
  }

  function scheduleReconnect(reason: string): void {
    if (stopped || reconnectTimer) return;
    const delay = Math.min((options.reconnectMinMs ?? 500) * 2 ** attempt, options.reconnectMaxMs ?? 30_000);
    attempt++;
    logger.warn({ reason, retryInMs: delay }, 'MQTT session lost; reconnecting');
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      start();
    }, delay);
  }

  function start(): void {
    const gen = ++generation;
    const acks = new AckWindow();
    const s: Socket =
      url.protocol === 'mqtts:'
        ? tlsConnect({ host: url.hostname, port, servername: url.hostname, ...(options.ca ? { ca: options.ca } : {}) })
        : netConnect({ host: url.hostname, port });
    socket = s;
    let lastHeard = Date.now();
    let subscribed = false;
    s.setNoDelay(true);
    s.on('connect', () => {
      send(s, {
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: version,
        clean: false,
        clientId: options.clientId,
        keepalive: keepaliveS,
        ...(options.username !== undefined ? { username: options.username } : {}),
        ...(options.password !== undefined ? { password: Buffer.from(options.password) } : {}),
        ...(version === 5
          ? { properties: { sessionExpiryInterval: options.sessionExpiryS ?? 7 * 86_400, receiveMaximum } }
          : {}),
      });
    });
    // PUBACKs of one tick leave in one write.
    let pendingAcks: number[] = [];
    const flushAcks = () => {
      const out = pendingAcks;
      pendingAcks = [];
      if (gen === generation && !s.destroyed && out.length > 0) s.write(pubacksBytes(out));
      if (reading && !pausedForBacklog && s.isPaused() && acks.size < receiveMaximum) s.resume();
    };
    const ack = (messageId: number) => {
      if (pendingAcks.length === 0) setImmediate(flushAcks);
      pendingAcks.push(messageId);
    };
    // Packets are handled a slice at a time, yielding between slices, so that a 64 KiB read of a
    // thousand messages does not hold up the database replies the writer is waiting for (every
    // statement of a batch waits for a turn of the event loop). The socket is paused while the
    // backlog is long, which bounds it.
    const backlog = new Fifo<Packet>();
    let draining = false;
    let pausedForBacklog = false;
    const drain = () => {
      for (let n = 0; n < HANDLE_SLICE && backlog.length > 0; n++) handle(backlog.shift()!);
      if (backlog.length > 0) {
        setImmediate(drain);
        return;
      }
      draining = false;
      if (pausedForBacklog) {
        pausedForBacklog = false;
        if (reading && acks.size < receiveMaximum) s.resume();
      }
    };
    const reader = createPacketReader(
      version,
      (packet) => {
        backlog.push(packet);
        if (backlog.length >= MAX_BACKLOG && !s.isPaused()) {
          pausedForBacklog = true;
          s.pause();
        }
        if (!draining) {
          draining = true;
          setImmediate(drain);
        }
      },
      (err) => {
        logger.warn({ err: err.message }, 'MQTT protocol error from the broker');
        s.destroy();
      },
    );
    s.on('data', (chunk: Buffer) => {
      lastHeard = Date.now();
      reader.push(chunk);
    });
    const handled = (topic: string, payload: Buffer, qos: number): Promise<unknown> => {
      try {
        return options.onMessage(topic, payload, qos);
      } catch (err) {
        return Promise.reject(err as Error);
      }
    };
    // The callbacks keep only the topic and the slot, not the packet, while the message is in flight.
    const receive = (topic: string, payload: Buffer, packet: mqttPacket.IPublishPacket) => {
      const qos = packet.qos;
      if (qos === 0) {
        handled(topic, payload, 0).catch(() => undefined);
        return;
      }
      const slot = acks.open(packet.messageId!);
      inFlight++;
      if (acks.size >= receiveMaximum) s.pause();
      handled(topic, payload, qos).then(
        () => {
          inFlight--;
          options.onAcknowledged?.(true);
          if (gen === generation) acks.settleEach(slot, ack);
        },
        (err: Error) => {
          inFlight--;
          options.onAcknowledged?.(false);
          logger.warn(
            { topic, err: err.message },
            'message not committed; recycling the session so the broker redelivers it',
          );
          if (gen === generation) s.destroy();
        },
      );
    };
    const handle = (packet: Packet) => {
      switch (packet.cmd) {
        case 'connack': {
          const code = version === 5 ? (packet.reasonCode ?? 0) : (packet.returnCode ?? 0);
          if (code !== 0) {
            const err = new Error(`broker refused the connection (code ${code})`);
            logger.error({ code, clientId: options.clientId }, 'MQTT broker refused the connection');
            if (!everConnected) firstReject?.(err);
            s.destroy();
            return;
          }
          send(s, {
            cmd: 'subscribe',
            messageId: 1,
            subscriptions: options.filters.map((topic) => ({ topic, qos: 1 as const })),
          });
          keepaliveTimer = setInterval(
            () => {
              if (Date.now() - lastHeard > keepaliveS * 1500) {
                logger.warn('MQTT broker silent beyond keep-alive; reconnecting');
                s.destroy();
                return;
              }
              send(s, { cmd: 'pingreq' });
            },
            (keepaliveS * 1000) / 2,
          );
          logger.info(
            { url: `${url.protocol}//${url.host}`, sessionPresent: packet.sessionPresent, filters: options.filters },
            'MQTT session connected',
          );
          return;
        }
        case 'suback': {
          const refused = (packet.granted as number[])
            .map((g, i) => (g >= 0x80 ? options.filters[i] : undefined))
            .filter(Boolean);
          if (refused.length > 0) logger.error({ refused }, 'MQTT broker refused subscriptions');
          if (!subscribed) {
            subscribed = true;
            attempt = 0;
            everConnected = true;
            options.onConnected?.(true);
            firstResolve?.();
          }
          return;
        }
        case 'publish':
          receive(packet.topic, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload), packet);
          return;
        case 'pubrel':
          send(s, { cmd: 'pubcomp', messageId: packet.messageId! });
          return;
        case 'disconnect':
          logger.warn({ reasonCode: packet.reasonCode }, 'MQTT broker sent DISCONNECT');
          s.destroy();
          return;
        default:
          return;
      }
    };
    s.on('error', (err) => logger.debug({ err: err.message }, 'MQTT socket error'));
    s.on('close', () => {
      clearInterval(keepaliveTimer);
      acks.clear();
      if (gen !== generation) return;
      options.onConnected?.(false);
      if (!everConnected && !stopped) {
        firstReject?.(new Error(`cannot connect to MQTT broker ${url.protocol}//${url.host}`));
      }
      scheduleReconnect('connection closed');
    });
  }

  start();

  return {
    ready,
    inFlight: () => inFlight,
    stopReading() {
      reading = false;
      socket?.pause();
    },
    async close() {
      stopped = true;
      reading = false;
      clearTimeout(reconnectTimer);
      const s = socket;
      if (!s || s.destroyed) return;
      send(s, { cmd: 'disconnect', ...(version === 5 ? { reasonCode: 0 } : {}) });
      await new Promise<void>((resolve) => {
        s.once('close', () => resolve());
        s.end();
        setTimeout(() => s.destroy(), 1000).unref();
      });
    },
  };
}
