/**
 * The piscina worker entry: one task is one batch of accounts (rate-batch.ts). The COPY bytes of
 * the result are moved to the main thread (their memory is transferred, not copied).
 */
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { rateBatch } from './rate-batch.js';
import type { RateTask, RateTaskResult } from './task.js';

export default function rateWorker(task: RateTask): RateTaskResult {
  const result = rateBatch(task);
  const transfer: ArrayBuffer[] = [];
  for (const chunk of [...result.bills, ...result.lines]) {
    if (typeof chunk !== 'string') transfer.push(chunk.buffer as ArrayBuffer);
  }
  if (transfer.length === 0) return result;
  // piscina posts `result` with `transfer` as its transfer list
  return move({ [transferableSymbol]: transfer, [valueSymbol]: result }) as unknown as RateTaskResult;
}
