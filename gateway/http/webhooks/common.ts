/**
 * What every webhook shares: the push → uplinks result type, JSON and secret checks, and
 * "answer only after commit": submit every uplink, wait for all commits (up to the deadline),
 * then 200; 503 with Retry-After when the database is unavailable or the deadline passes, so
 * the platform pushes again (the pipeline drops what was already stored as a duplicate).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Clock } from '../../../common/clock.js';
import type { Logger } from '../../../common/logger.js';
import type { IngestOutcome, IngestPort, Uplink } from '../../uplink.js';
import { HttpErrorCode, httpStatusOf, type HttpErrorBody } from '../errors.js';
import type { WebhookOptions } from '../options.js';

export type ItemResult =
  { kind: 'uplink'; uplink: Uplink } | { kind: 'ignored'; reason: string } | { kind: 'invalid'; reason: string };

export interface WebhookDeps {
  ingest: IngestPort;
  clock: Clock;
  logger: Logger;
  options: WebhookOptions;
}

/** Route config that names the adapter, for the webhook metric. */
export interface WebhookRouteConfig {
  adapter: 'tts' | 'onenet' | 'ctwing';
}

export function parseJsonText(body: unknown): { ok: true; json: unknown; text: string } | { ok: false } {
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : undefined;
  if (text === undefined) return { ok: false };
  try {
    return { ok: true, json: JSON.parse(text) as unknown, text };
  } catch {
    return { ok: false };
  }
}

/** Constant-time comparison of a presented secret with the configured one. */
export function secretMatches(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function sendError(reply: FastifyReply, code: HttpErrorCode, reason: string): FastifyReply {
  const body: HttpErrorBody = { code, reason };
  return reply.code(httpStatusOf[code]).send(body);
}

type CommitResult =
  | { kind: 'stored'; outcomes: IngestOutcome[] }
  | { kind: 'unavailable' }
  | { kind: 'timeout' }
  | { kind: 'internal'; error: unknown };

function isUnavailable(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { kind?: unknown }).kind === 'unavailable';
}

export async function commitAll(ingest: IngestPort, uplinks: Uplink[], deadlineMs: number): Promise<CommitResult> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadlineMs);
  });
  // allSettled observes every rejection, so submissions still running after the deadline
  // cannot end as unhandled rejections.
  const settled = Promise.allSettled(uplinks.map((u) => ingest.submit(u)));
  const result = await Promise.race([settled, deadline]);
  clearTimeout(timer);
  if (result === 'timeout') return { kind: 'timeout' };
  const failed = result.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length > 0) {
    const internal = failed.find((r) => !isUnavailable(r.reason));
    return internal ? { kind: 'internal', error: internal.reason } : { kind: 'unavailable' };
  }
  return { kind: 'stored', outcomes: result.map((r) => (r as PromiseFulfilledResult<IngestOutcome>).value) };
}

/**
 * Submits the uplinks and answers: 200 { status: "stored", uplinks: [{ status, code? }] }, or
 * 503 / 500 with the error body. `ignored` counts messages of the push that are not uplinks.
 */
export async function commitAndReply(
  reply: FastifyReply,
  deps: WebhookDeps,
  uplinks: Uplink[],
  ignored: number,
): Promise<FastifyReply> {
  if (uplinks.length === 0) return reply.code(200).send({ status: 'ignored', uplinks: [], ignored });
  const result = await commitAll(deps.ingest, uplinks, deps.options.deadlineMs);
  switch (result.kind) {
    case 'stored':
      return reply.code(200).send({
        status: 'stored',
        uplinks: result.outcomes.map((o) => ({ status: o.status, ...(o.code !== undefined ? { code: o.code } : {}) })),
        ignored,
      });
    case 'unavailable':
      reply.header('retry-after', String(deps.options.retryAfterS));
      return sendError(reply, HttpErrorCode.STORE_UNAVAILABLE, 'storage unavailable, push again later');
    case 'timeout':
      deps.logger.warn(
        { uplinks: uplinks.length, deadlineMs: deps.options.deadlineMs },
        'webhook commit outlasted its deadline',
      );
      reply.header('retry-after', String(deps.options.retryAfterS));
      return sendError(reply, HttpErrorCode.STORE_TIMEOUT, 'storage is slow, push again later');
    case 'internal':
      deps.logger.error({ err: result.error }, 'webhook uplinks not stored: unexpected failure');
      return sendError(reply, HttpErrorCode.INTERNAL, 'internal error');
  }
}
