/**
 * Sends a stream of wire messages with their order, destinations and relative timing: at real
 * speed, compressed by a factor, or as fast as the acknowledgements allow. QoS 1 publishes and
 * confirmable CoAP requests are counted as acknowledged when the PUBACK or the 2.xx arrives.
 *
 * Lockstep (for a gateway whose clock the caller drives, as the demo does): time is cut into
 * windows; before the first message of a window is sent, every earlier message is acknowledged
 * and the clock is set to the window's end, so that every message of the window is received at
 * that simulated instant whatever the machine's speed. The same traffic then gives the same
 * stored readings on every run.
 */
import type { WireMessage } from '../message.js';
import type { Speed } from '../options.js';
import type { CoapSender } from './coap-sender.js';
import type { MqttPublisher } from './mqtt-publisher.js';

export interface Lockstep {
  /** Windows are [origin + k·window, origin + (k+1)·window). */
  originMs: number;
  windowMs: number;
  /** Sets the receiving side's clock (simulated UTC ms). */
  set(simMs: number): void | Promise<void>;
}

export interface SendProgress {
  sent: number;
  acknowledged: number;
  rejected: number;
  failed: number;
  inFlight: number;
  /** Time of the last message sent (simulated or captured), UTC ms. */
  messageTimeMs: number | undefined;
  wallMs: number;
}

export interface TransportCounts {
  sent: number;
  acknowledged: number;
  rejected: number;
  failed: number;
}

export interface SendSummary extends TransportCounts {
  mqtt: TransportCounts;
  coap: TransportCounts;
  /** CoAP response codes that were not 2.xx, and error messages, with their counts. */
  problems: Record<string, number>;
  firstTimeMs: number | undefined;
  lastTimeMs: number | undefined;
  wallMs: number;
  /** True when the run was stopped (signal) before the stream ended. */
  stopped: boolean;
}

export interface SendOptions {
  speed: Speed;
  mqtt?: MqttPublisher;
  coap?: CoapSender;
  /** QoS 1 publishes awaiting their PUBACK, at most (default 1000). */
  mqttInFlight?: number;
  /** CoAP requests queued or awaiting their response, at most (default 64). */
  coapInFlight?: number;
  lockstep?: Lockstep;
  onProgress?: (p: SendProgress) => void;
  /** How often onProgress is called, wall ms (default 1000). */
  progressEveryMs?: number;
  signal?: AbortSignal;
  /** Called while acknowledgements are awaited longer than stallMs (default 10 s), with what is still unacknowledged. */
  onStall?: (waiting: WireMessage[], waitedMs: number) => void;
  stallMs?: number;
  /** Wall clock in ms (default performance.now) and sleep, for tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A counting semaphore whose waiters are served in order. */
class Slots {
  private used = 0;
  private readonly waiters: Array<() => void> = [];
  constructor(private readonly size: number) {}
  get inUse(): number {
    return this.used;
  }
  async take(): Promise<void> {
    if (this.used < this.size) {
      this.used++;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.used--;
  }
}

const counts = (): TransportCounts => ({ sent: 0, acknowledged: 0, rejected: 0, failed: 0 });

export async function sendMessages(
  messages: Iterable<WireMessage> | AsyncIterable<WireMessage>,
  options: SendOptions,
): Promise<SendSummary> {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const slots = { mqtt: new Slots(options.mqttInFlight ?? 1000), coap: new Slots(options.coapInFlight ?? 64) };
  const summary: SendSummary = {
    ...counts(),
    mqtt: counts(),
    coap: counts(),
    problems: {},
    firstTimeMs: undefined,
    lastTimeMs: undefined,
    wallMs: 0,
    stopped: false,
  };
  const pending = new Map<Promise<void>, WireMessage>();
  const wallStart = now();
  let pace: { simMs: number; wallMs: number } | undefined;
  let window: number | undefined;
  let lastProgress = wallStart;

  const problem = (key: string) => {
    summary.problems[key] = (summary.problems[key] ?? 0) + 1;
  };
  const progress = (): SendProgress => ({
    sent: summary.sent,
    acknowledged: summary.acknowledged,
    rejected: summary.rejected,
    failed: summary.failed,
    inFlight: pending.size,
    messageTimeMs: summary.lastTimeMs,
    wallMs: now() - wallStart,
  });
  const settle = (lane: TransportCounts, outcome: 'acknowledged' | 'rejected' | 'failed' | 'sent') => {
    if (outcome === 'sent') return;
    lane[outcome]++;
    summary[outcome]++;
  };

  /**
   * Waits for every message in flight, reporting (onStall) while it takes longer than stallMs.
   * Returns false when the signal aborted the wait (the stream is then stopped, not drained).
   */
  async function settleAll(): Promise<boolean> {
    if (pending.size === 0) return true;
    const all = Promise.all(pending.keys()).then(() => 'settled' as const);
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<'aborted'>((resolve) => {
      onAbort = () => resolve('aborted');
      if (options.signal?.aborted) resolve('aborted');
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    });
    const started = now();
    const stallMs = options.stallMs ?? 10_000;
    try {
      for (;;) {
        let timer: NodeJS.Timeout | undefined;
        const tick = new Promise<'stalled'>((resolve) => (timer = setTimeout(() => resolve('stalled'), stallMs)));
        const outcome = await Promise.race([all, aborted, ...(options.onStall ? [tick] : [])]);
        clearTimeout(timer);
        if (outcome === 'settled') return true;
        if (outcome === 'aborted') {
          summary.stopped = true;
          return false;
        }
        options.onStall?.([...pending.values()], now() - started);
      }
    } finally {
      // One wait per lockstep window: a listener left behind each time would pile up on the signal.
      if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async function deliver(m: WireMessage): Promise<'acknowledged' | 'rejected' | 'failed' | 'sent'> {
    try {
      if (m.transport === 'mqtt') {
        if (options.mqtt === undefined) throw new Error('no MQTT broker given');
        await options.mqtt.publish(m.topic, m.payload, m.qos, m.retain);
        return m.qos === 1 ? 'acknowledged' : 'sent';
      }
      if (options.coap === undefined) throw new Error('no CoAP server given');
      const outcome = await options.coap.send(m, m.payload);
      if (!outcome.ok) problem(`CoAP ${outcome.code}`);
      return outcome.ok ? (m.confirmable ? 'acknowledged' : 'sent') : 'rejected';
    } catch (err) {
      problem(`${m.transport}: ${(err as Error).message}`);
      return 'failed';
    }
  }

  for await (const m of messages) {
    if (options.signal?.aborted) {
      summary.stopped = true;
      break;
    }
    if (options.lockstep) {
      const { originMs, windowMs } = options.lockstep;
      const w = Math.floor((m.timeMs - originMs) / windowMs);
      if (w !== window) {
        if (!(await settleAll())) break;
        window = w;
        await options.lockstep.set(originMs + (w + 1) * windowMs);
      }
    }
    if (options.speed !== 'max') {
      pace ??= { simMs: m.timeMs, wallMs: now() };
      const due = pace.wallMs + (m.timeMs - pace.simMs) / options.speed;
      const wait = due - now();
      if (wait > 2) await sleep(wait);
    }
    const lane = m.transport === 'mqtt' ? summary.mqtt : summary.coap;
    const laneSlots = slots[m.transport];
    await laneSlots.take();
    summary.sent++;
    lane.sent++;
    summary.firstTimeMs ??= m.timeMs;
    summary.lastTimeMs = m.timeMs;
    const p: Promise<void> = deliver(m).then((outcome) => {
      settle(lane, outcome);
      laneSlots.release();
      pending.delete(p);
    });
    pending.set(p, m);
    if (options.onProgress && now() - lastProgress >= (options.progressEveryMs ?? 1000)) {
      lastProgress = now();
      options.onProgress(progress());
    }
  }
  await settleAll();
  summary.wallMs = now() - wallStart;
  options.onProgress?.(progress());
  return summary;
}

/** One line for stderr: counts, rate, and where the stream has got to. */
export function progressLine(p: SendProgress, label = 'sent'): string {
  const rate = p.wallMs > 0 ? Math.round((p.sent * 1000) / p.wallMs) : 0;
  const at = p.messageTimeMs === undefined ? '' : ` at ${new Date(p.messageTimeMs).toISOString()}`;
  return `${label} ${p.sent} (${rate}/s), acknowledged ${p.acknowledged}, rejected ${p.rejected}, failed ${p.failed}, in flight ${p.inFlight}${at}`;
}
