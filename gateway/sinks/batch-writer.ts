/**
 * The writer's queue: collects prepared uplinks into batches (by size and by time), hands each
 * batch to the store as one transaction, and resolves every submit only after its batch
 * committed.
 *
 *   - Bounded: at most `capacity` uplinks are accepted and not yet committed. When full, submit
 *     waits (`whenFull: 'block'`, the transports stop reading: backpressure) or is refused at once
 *     (`'drop'`: GATEWAY_QUEUE_FULL; the uplink is not acknowledged, so its sender retries).
 *     A waiting submit gives up after its timeout with GATEWAY_QUEUE_FULL.
 *   - Transient database errors are retried with exponential backoff, for as long as it takes;
 *     the queue fills meanwhile, and backpressure holds the senders.
 *   - An error retrying cannot fix fails the batch; it is split, and the one uplink that causes it
 *     is stored as a dead letter (rejected, GATEWAY_STORE_REJECTED) so the rest go through.
 *   - One batch is written at a time, in submit order, which keeps each meter's readings in order.
 */
import type { Logger } from '../../common/logger.js';
import { silentLogger } from '../../common/logger.js';
import { GatewayError, GatewayErrorCode } from '../errors.js';
import type { ItemOutcome, PreparedUplink } from '../pipeline/prepared.js';
import { Fifo } from './fifo.js';
import { isTransientDatabaseError } from './transient.js';

/** One transaction per call. */
export interface BatchStore {
  write(batch: readonly PreparedUplink[]): Promise<ItemOutcome[]>;
  /** Archives the uplink alone as rejected (status 'rejected', code GATEWAY_STORE_REJECTED). */
  writeRejected(item: PreparedUplink, reason: string): Promise<ItemOutcome>;
}

export type WhenFull = 'block' | 'drop';

export interface BatchWriterOptions {
  /** Uplinks per transaction at most (default 500). */
  maxBatch?: number;
  /**
   * How long the first uplink of a batch may wait for more (default 20 ms); see `pauseFlushAt` for
   * a batch that does not wait that long.
   */
  lingerMs?: number;
  /**
   * A batch of at least this many uplinks is written as soon as the input pauses (an event-loop
   * turn brings no new uplink) instead of waiting out the linger time (default 100; 0: never).
   * A sender that reads no further until it has its acknowledgements (the embedded broker holds a
   * client's next packets until its PUBLISHes are committed) then does not wait for the linger
   * time on top of the commit; under load batches still fill with what arrives while the previous
   * one commits (group commit). Smaller batches wait for the linger time, so that moderate traffic
   * is not written one uplink per transaction.
   */
  pauseFlushAt?: number;
  /** Uplinks accepted and not yet committed, at most (default 10,000). */
  capacity?: number;
  whenFull?: WhenFull;
  /** How long a blocked submit waits for room (default: for ever). */
  enqueueTimeoutMs?: number;
  retryInitialMs?: number;
  retryMaxMs?: number;
  logger?: Logger;
  onBatch?: (size: number, seconds: number) => void;
  onRetry?: (err: unknown) => void;
  onDepth?: (depth: number) => void;
  onRejected?: (err: unknown) => void;
  /** Called after each commit, before the submits of the batch resolve (events, tests). */
  onCommitted?: (items: readonly PreparedUplink[], outcomes: readonly ItemOutcome[]) => void;
}

export interface SubmitOptions {
  /** Overrides enqueueTimeoutMs for this submit (Infinity: wait for ever). */
  timeoutMs?: number;
}

export interface BatchWriter {
  submit(item: PreparedUplink, options?: SubmitOptions): Promise<ItemOutcome>;
  /** Accepted and not yet committed. */
  depth(): number;
  readonly capacity: number;
  /** Whether the last write attempt succeeded (for readiness). */
  healthy(): boolean;
  /**
   * Stops taking uplinks, writes what is queued, and resolves when done. After `timeoutMs` the
   * uplinks still unwritten are refused (GATEWAY_SHUTTING_DOWN) and not acknowledged.
   */
  drain(timeoutMs: number): Promise<void>;
}

interface Pending {
  item: PreparedUplink;
  resolve: (o: ItemOutcome) => void;
  reject: (e: unknown) => void;
}

interface Waiter extends Pending {
  timer: NodeJS.Timeout | undefined;
}

export function createBatchWriter(store: BatchStore, options: BatchWriterOptions = {}): BatchWriter {
  const maxBatch = options.maxBatch ?? 500;
  const lingerMs = options.lingerMs ?? 20;
  const pauseFlushAt = options.pauseFlushAt ?? 100;
  const capacity = options.capacity ?? 10_000;
  const whenFull = options.whenFull ?? 'block';
  const enqueueTimeoutMs = options.enqueueTimeoutMs ?? Infinity;
  const retryInitialMs = options.retryInitialMs ?? 50;
  const retryMaxMs = options.retryMaxMs ?? 5_000;
  const logger = options.logger ?? silentLogger;

  const queue = new Fifo<Pending>();
  const waiters = new Fifo<Waiter>();
  let inFlight = 0;
  let writing = false;
  let lingerTimer: NodeJS.Timeout | undefined;
  /** Uplinks queued so far, and how many there were when the pause check was set. */
  let arrivals = 0;
  let arrivalsAtCheck = 0;
  let pauseCheck: NodeJS.Immediate | undefined;
  let closing = false;
  let abandoned = false;
  let lastOk = true;
  let drained: (() => void) | undefined;

  const depth = () => queue.length + inFlight;
  const reportDepth = () => options.onDepth?.(depth());

  function admitWaiters(): void {
    while (waiters.length > 0 && depth() < capacity) {
      const w = waiters.shift()!;
      if (w.timer) clearTimeout(w.timer);
      queue.push(w);
      arrivals++;
    }
  }

  function schedule(): void {
    if (writing || queue.length === 0) {
      checkDrained();
      return;
    }
    if (queue.length >= maxBatch || closing || lingerMs <= 0) {
      if (lingerTimer) clearTimeout(lingerTimer);
      lingerTimer = undefined;
      void writeNext();
      return;
    }
    lingerTimer ??= setTimeout(() => {
      lingerTimer = undefined;
      if (!writing) void writeNext();
    }, lingerMs);
    if (pauseFlushAt > 0 && queue.length >= pauseFlushAt && pauseCheck === undefined) {
      arrivalsAtCheck = arrivals;
      pauseCheck = setImmediate(checkPause);
    }
  }

  /** After an event-loop turn: write the batch if no uplink came in during it, else look again. */
  function checkPause(): void {
    pauseCheck = undefined;
    if (writing || queue.length === 0) return;
    if (arrivals !== arrivalsAtCheck) {
      arrivalsAtCheck = arrivals;
      pauseCheck = setImmediate(checkPause);
      return;
    }
    if (lingerTimer) clearTimeout(lingerTimer);
    lingerTimer = undefined;
    void writeNext();
  }

  function checkDrained(): void {
    if (closing && depth() === 0 && waiters.length === 0 && drained) {
      const d = drained;
      drained = undefined;
      d();
    }
  }

  async function backoff(attempt: number): Promise<void> {
    const ms = Math.min(retryInitialMs * 2 ** attempt, retryMaxMs);
    await new Promise((r) => setTimeout(r, ms));
  }

  /** Writes a batch, retrying transient errors; splits on a permanent error. */
  async function writeWithRetry(batch: Pending[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (abandoned) {
        const e = new GatewayError(
          GatewayErrorCode.SHUTTING_DOWN,
          'gateway stopped before the uplink could be committed',
        );
        for (const p of batch) p.reject(e);
        return;
      }
      const started = process.hrtime.bigint();
      try {
        const items = batch.map((p) => p.item);
        const outcomes = await store.write(items);
        lastOk = true;
        options.onCommitted?.(items, outcomes);
        options.onBatch?.(batch.length, Number(process.hrtime.bigint() - started) / 1e9);
        batch.forEach((p, i) => p.resolve(outcomes[i]!));
        return;
      } catch (err) {
        if (isTransientDatabaseError(err)) {
          lastOk = false;
          options.onRetry?.(err);
          if (attempt === 0 || attempt % 10 === 0) {
            logger.warn(
              { err: (err as Error).message, code: (err as { code?: string }).code, batch: batch.length, attempt },
              'database unavailable; retrying the batch',
            );
          }
          await backoff(attempt);
          continue;
        }
        lastOk = true;
        if (batch.length > 1) {
          logger.warn(
            { err: (err as Error).message, batch: batch.length },
            'batch refused by the database; writing its uplinks one by one',
          );
          for (const p of batch) await writeWithRetry([p]);
          return;
        }
        await rejectOne(batch[0]!, err);
        return;
      }
    }
  }

  async function rejectOne(p: Pending, err: unknown): Promise<void> {
    const e = err as { message?: string; code?: string };
    const reason = `database refused the uplink: ${e.message ?? String(err)}${e.code ? ` (SQLSTATE ${e.code})` : ''}`;
    options.onRejected?.(err);
    logger.error(
      { err: e.message, code: e.code, dedupKey: p.item.uplink.dedupKey },
      'uplink refused by the database; archived as rejected',
    );
    for (let attempt = 0; ; attempt++) {
      try {
        const outcome = await store.writeRejected(p.item, reason);
        options.onCommitted?.([p.item], [outcome]);
        p.resolve(outcome);
        return;
      } catch (again) {
        if (isTransientDatabaseError(again) && !abandoned) {
          await backoff(attempt);
          continue;
        }
        p.reject(
          new GatewayError(GatewayErrorCode.INTERNAL, `uplink could not be archived: ${(again as Error).message}`, {
            cause: again,
          }),
        );
        return;
      }
    }
  }

  async function writeNext(): Promise<void> {
    if (writing || queue.length === 0) return;
    writing = true;
    const batch = queue.take(maxBatch);
    inFlight += batch.length;
    try {
      await writeWithRetry(batch);
    } finally {
      inFlight -= batch.length;
      writing = false;
      admitWaiters();
      reportDepth();
      schedule();
    }
  }

  function submit(item: PreparedUplink, submitOptions: SubmitOptions = {}): Promise<ItemOutcome> {
    if (closing) return Promise.reject(new GatewayError(GatewayErrorCode.SHUTTING_DOWN, 'gateway is shutting down'));
    return new Promise<ItemOutcome>((resolve, reject) => {
      if (depth() < capacity && waiters.length === 0) {
        queue.push({ item, resolve, reject });
        arrivals++;
        reportDepth();
        schedule();
        return;
      }
      if (whenFull === 'drop') {
        reject(
          new GatewayError(GatewayErrorCode.QUEUE_FULL, `writer queue is full (${capacity} uplinks)`, {
            attributes: { capacity },
          }),
        );
        return;
      }
      const timeoutMs = submitOptions.timeoutMs ?? enqueueTimeoutMs;
      const waiter: Waiter = { item, resolve, reject, timer: undefined };
      if (Number.isFinite(timeoutMs)) {
        waiter.timer = setTimeout(() => {
          waiters.remove(waiter);
          reject(
            new GatewayError(GatewayErrorCode.QUEUE_FULL, `writer queue stayed full for ${timeoutMs} ms`, {
              attributes: { capacity, timeoutMs },
            }),
          );
          checkDrained();
        }, timeoutMs);
      }
      waiters.push(waiter);
    });
  }

  return {
    submit,
    depth,
    capacity,
    healthy: () => lastOk,
    drain(timeoutMs: number): Promise<void> {
      closing = true;
      const done = new Promise<void>((resolve) => {
        drained = resolve;
      });
      admitWaiters();
      schedule();
      checkDrained();
      const timer = setTimeout(() => {
        abandoned = true;
        const e = new GatewayError(
          GatewayErrorCode.SHUTTING_DOWN,
          'gateway stopped before the uplink could be committed',
        );
        for (const w of waiters.drain()) {
          if (w.timer) clearTimeout(w.timer);
          w.reject(e);
        }
        for (const p of queue.drain()) p.reject(e);
        reportDepth();
        checkDrained();
      }, timeoutMs);
      return done.finally(() => clearTimeout(timer));
    },
  };
}
