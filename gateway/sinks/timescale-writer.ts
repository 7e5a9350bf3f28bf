/** The writer of a running gateway: the TimescaleDB store behind the batching queue, with metrics. */
import type { Logger } from '../../common/logger.js';
import type { Database } from '../../storage/database.js';
import type { GatewayMetrics } from '../metrics.js';
import type { CommittedAlarmChange } from '../pipeline/stages/validate.js';
import type { Validator } from '../validation/types.js';
import { createBatchWriter, type BatchWriter, type BatchWriterOptions } from './batch-writer.js';
import { createShardedWriter } from './sharded-writer.js';
import { createTimescaleStore, type WriteMethod } from './timescale.js';

export interface TimescaleWriterOptions extends Omit<BatchWriterOptions, 'onBatch' | 'onRetry' | 'onDepth'> {
  validator: Validator;
  method?: WriteMethod;
  statementTimeoutMs?: number;
  metrics?: GatewayMetrics;
  logger?: Logger;
  onAlarmChanges?: (changes: CommittedAlarmChange[]) => void;
  /** Writers in parallel, each with its own connection (default 1; always 1 on the embedded engine). */
  shards?: number;
}

export function createTimescaleWriter(
  db: Pick<Database, 'pool' | 'singleConnection'>,
  options: TimescaleWriterOptions,
): BatchWriter {
  const m = options.metrics;
  const store = createTimescaleStore(db, {
    validator: options.validator,
    method: options.method,
    statementTimeoutMs: options.statementTimeoutMs,
    counters: m && {
      readingsStored: (n) => m.readings.inc({ result: 'stored' }, n),
      readingsDropped: (reason, n) => m.readings.inc({ result: reason }, n),
      readingsOutOfOrder: (n) => m.readings.inc({ result: 'out_of_order' }, n),
    },
    onAlarmChanges: (changes) => {
      if (m) for (const c of changes) m.alarmChanges.inc({ action: c.action });
      options.onAlarmChanges?.(changes);
    },
  });
  const shards = db.singleConnection ? 1 : Math.max(1, options.shards ?? 1);
  const capacity = options.capacity ?? 10_000;
  const writers = Array.from({ length: shards }, () =>
    createBatchWriter(store, {
      ...options,
      capacity: Math.ceil(capacity / shards),
      onBatch: (size, seconds) => {
        m?.batchSize.observe(size);
        m?.batchSeconds.observe(seconds);
      },
      onRetry: () => m?.databaseRetries.inc(),
    }),
  );
  const writer = createShardedWriter(writers);
  m?.watchQueueDepth(() => writer.depth());
  m?.queueCapacity.set(writer.capacity);
  return writer;
}
