/**
 * Several writers side by side, each with its own queue and database connection, an uplink going
 * to the writer its meter hashes to (its device when the meter is not known). One meter's uplinks
 * always take the same writer, so they stay in order; different meters are written in parallel
 * (their transactions lock disjoint meter rows).
 */
import type { ItemOutcome, PreparedUplink } from '../pipeline/prepared.js';
import type { BatchWriter, SubmitOptions } from './batch-writer.js';

/** FNV-1a, 32 bits. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function shardKeyOf(item: PreparedUplink): string {
  return item.device?.meterId ?? item.uplink.deviceRef;
}

export function createShardedWriter(shards: readonly BatchWriter[]): BatchWriter {
  if (shards.length === 0) throw new Error('a sharded writer needs at least one shard');
  if (shards.length === 1) return shards[0]!;
  return {
    submit(item: PreparedUplink, options?: SubmitOptions): Promise<ItemOutcome> {
      return shards[hash(shardKeyOf(item)) % shards.length]!.submit(item, options);
    },
    depth: () => shards.reduce((s, w) => s + w.depth(), 0),
    capacity: shards.reduce((s, w) => s + w.capacity, 0),
    healthy: () => shards.every((w) => w.healthy()),
    async drain(timeoutMs: number) {
      await Promise.all(shards.map((w) => w.drain(timeoutMs)));
    },
  };
}
