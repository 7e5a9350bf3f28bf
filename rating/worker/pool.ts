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

export function createRatingPool(options: { workers?: number; entry?: WorkerEntry } = {}): RatingPool {
  const threads = Math.max(1, options.workers ?? defaultWorkerCount());
  const entry = options.entry ?? workerEntry();
  const pool = new Piscina<RateTask, RateTaskResult>({
    filename: entry.filename,
    execArgv: entry.execArgv,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
  });
  return {
    threads,
    run: (task) => pool.run(task),
    close: () => pool.destroy(),
  };
}
