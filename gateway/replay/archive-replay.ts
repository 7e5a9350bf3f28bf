/**
 * `meterflow replay --from-archive`: re-processes dead-lettered raw uplinks through the pipeline
 * (after a decoder, a device or a meter was added), oldest first, page by page. Each row is
 * updated in place with its new status; its dedup key is not claimed again, and readings it
 * produces are as idempotent as any (unique on meter and time).
 *
 * Messages an adapter could not read (status `rejected`, GATEWAY_MALFORMED_MESSAGE) are read
 * again through their topic's adapter first.
 */
import type pg from 'pg';
import type { Clock } from '../../common/clock.js';
import { GatewayErrorCode } from '../errors.js';
import { adaptMqttMessage, type TopicRouter } from '../lns/topic-router.js';
import type { DeadLetterStatus } from '../pipeline/prepared.js';
import type { Pipeline } from '../pipeline/run.js';
import type { AdapterKind, IngestStatus, TransportKind, Uplink } from '../uplink.js';

export const REPLAYABLE_STATUSES: readonly DeadLetterStatus[] = [
  'unknown_device',
  'decode_error',
  'invalid',
  'rejected',
];
export const DEFAULT_REPLAY_STATUSES: readonly DeadLetterStatus[] = ['unknown_device', 'decode_error', 'invalid'];

export interface ArchiveReplayOptions {
  statuses: readonly DeadLetterStatus[];
  /** Only uplinks received at or after this time (ISO 8601). */
  since?: string;
  limit?: number;
  pageSize?: number;
  /** Re-reads unreadable MQTT messages with the current adapters. */
  router?: TopicRouter;
  clock?: Clock;
  onProgress?: (done: number) => void;
}

export interface ArchiveReplayResult {
  processed: number;
  /** New status → count. */
  byStatus: Partial<Record<IngestStatus, number>>;
}

interface RawRow {
  received_at: Date;
  dedup_key: string;
  transport: string;
  adapter: string;
  device_ref: string | null;
  topic: string | null;
  f_port: number | null;
  f_cnt: number | null;
  payload: Buffer;
  metadata: Record<string, unknown> | null;
  status: string;
  error_code: string | null;
}

function uplinkOf(row: RawRow, router: TopicRouter | undefined): Uplink {
  const receivedAt = row.received_at.toISOString();
  if (row.error_code === GatewayErrorCode.MALFORMED_MESSAGE && row.transport === 'mqtt' && row.topic && router) {
    const again = adaptMqttMessage(router, { transport: 'mqtt', receivedAt, topic: row.topic, payload: row.payload });
    if (again.ok) return { ...again.value, dedupKey: row.dedup_key };
  }
  const metadata = row.metadata ?? {};
  const unreadable =
    row.error_code === GatewayErrorCode.MALFORMED_MESSAGE || row.error_code === GatewayErrorCode.UNROUTABLE_TOPIC;
  return {
    transport: row.transport as TransportKind,
    adapter: row.adapter as AdapterKind,
    receivedAt,
    deviceRef: row.device_ref ?? '',
    ...(row.topic !== null ? { topic: row.topic } : {}),
    ...(row.f_port !== null ? { fPort: row.f_port } : {}),
    ...(row.f_cnt !== null ? { fCnt: row.f_cnt } : {}),
    payload: row.payload,
    metadata,
    dedupKey: row.dedup_key,
    ...(unreadable
      ? { unreadable: { code: row.error_code!, reason: 'the message still cannot be read by its adapter' } }
      : {}),
  };
}

export async function replayFromArchive(
  pool: pg.Pool,
  pipeline: Pipeline,
  options: ArchiveReplayOptions,
): Promise<ArchiveReplayResult> {
  const pageSize = options.pageSize ?? 500;
  const result: ArchiveReplayResult = { processed: 0, byStatus: {} };
  let after: { receivedAt: Date; dedupKey: string } | undefined;
  for (;;) {
    const want = options.limit === undefined ? pageSize : Math.min(pageSize, options.limit - result.processed);
    if (want <= 0) break;
    const { rows } = await pool.query<RawRow>(
      `SELECT received_at, dedup_key, transport, adapter, device_ref, topic, f_port, f_cnt, payload, metadata, status, error_code
         FROM raw_uplinks
        WHERE status = ANY($1::text[])
          AND ($2::timestamptz IS NULL OR received_at >= $2)
          AND ($3::timestamptz IS NULL OR (received_at, dedup_key) > ($3, $4))
        ORDER BY received_at, dedup_key
        LIMIT $5`,
      [options.statuses, options.since ?? null, after?.receivedAt ?? null, after?.dedupKey ?? null, want],
    );
    if (rows.length === 0) break;
    const outcomes = await Promise.all(
      rows.map((row) =>
        pipeline.replay(uplinkOf(row, options.router), {
          dedupKey: row.dedup_key,
          receivedAt: row.received_at.toISOString(),
        }),
      ),
    );
    for (const o of outcomes) result.byStatus[o.status] = (result.byStatus[o.status] ?? 0) + 1;
    result.processed += rows.length;
    options.onProgress?.(result.processed);
    const last = rows[rows.length - 1]!;
    after = { receivedAt: last.received_at, dedupKey: last.dedup_key };
  }
  return result;
}
