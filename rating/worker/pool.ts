/**
 * The piscina pool of rating worker threads (as many as cores by default). Piscina loads a
 * JavaScript file: compiled, the worker is dist/rating/worker/rate-worker.js beside this module;
 * from TypeScript source (tsx, vitest), it is rate-worker.ts loaded through tsx's loader, passed
 * to the worker threads with execArgv.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { RateTask, RateTaskResult } from './task.js';

export interface WorkerEntry {
  filename: string;
  execArgv: string[];
}

/** The worker file beside `moduleUrl` (this module's URL), and what node needs to load it. */
export function workerEntry(moduleUrl: string = import.meta.url): WorkerEntry {
  if (moduleUrl.endsWith('.ts')) {
    const loader = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href;
    return { filename: new URL('./rate-worker.ts', moduleUrl).href, execArgv: ['--import', loader] };
  }
  return { filename: new URL('./rate-worker.js', moduleUrl).href, execArgv: [] };
}

export interface RatingPool {
  threads: number;
  run(task: RateTask): Promise<RateTaskResult>;
  close(): Promise<void>;
}

export function defaultWorkerCount(): number {
  return availableParallelism();
}

/**
 * Young generation of each worker thread, MB. A batch allocates tens of MB that die with it; a
 * young generation this size collects most of them there (cheap scavenges) instead of promoting
 * them to the old generation (measured: about 15% less CPU than V8's default, for ~100 MB more
 * memory with two workers).
 */
export const WORKER_YOUNG_GENERATION_MB = 128;

export function createRatingPool(
  options: { workers?: number; entry?: WorkerEntry; youngGenerationMb?: number } = {},
): RatingPool {
  const threads = Math.max(1, options.workers ?? defaultWorkerCount());
  const entry = options.entry ?? workerEntry();
  const pool = new Piscina<RateTask, RateTaskResult>({
    filename: entry.filename,
    execArgv: entry.execArgv,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    resourceLimits: { maxYoungGenerationSizeMb: options.youngGenerationMb ?? WORKER_YOUNG_GENERATION_MB },
  });
  return {
    threads,
    run: (task) => pool.run(task),
    close: () => pool.destroy(),
  };
}
