/**
 * VEE routes of the HTTP API (a route plugin for the gateway's HTTP server, gateway/http/routes.ts).
 * Every route needs a bearer token; the roles each needs are listed below. Refusals have the
 * server's body shape `{ code, reason }`, with the VEE code and its status (errors.ts).
 *
 *   GET  /v1/readings?meter=&from=&to=&flags=a,b&limit=   read-only   readings with flag names
 *   GET  /v1/readings/history?meter=&time=                read-only   a reading's corrections and revisions
 *   GET  /v1/estimates?meter=&time=                       read-only   the register at an instant
 *   GET  /v1/alarms?meter=&state=&since=&kind=&limit=     read-only   alarms, newest first
 *   GET  /v1/corrections?meter=&status=                   read-only   corrections, newest first
 *   POST /v1/corrections                                  billing | supervisor   request a correction
 *        { meterId, time, registerMl, reason }            (the requester is the token's name)
 *   POST /v1/corrections/:id/approve  { note? }           supervisor  approve and apply
 *   POST /v1/corrections/:id/reject   { note? }           supervisor  reject
 */
import type { FastifyReply } from 'fastify';
import type pg from 'pg';
import { z } from 'zod';
import type { HttpRoutePlugin } from '../http/routes.js';
import { listAlarms } from './alarm-store.js';
import { decideCorrection, listCorrections, readingHistory, requestCorrection } from './corrections.js';
import { httpStatusOf, veeError, VeeErrorCode, type VeeError, type VeeResult } from './errors.js';
import { estimateRegisterAt } from './estimation-store.js';
import { flagsFromNames } from './flags.js';
import { listReadings } from './readings-store.js';
import { DECIDE_CORRECTION_ROLES, READ_ROLES, REQUEST_CORRECTION_ROLES } from './roles.js';

const isoTime = z.string().refine((s) => Number.isFinite(Date.parse(s)), 'must be an ISO 8601 time');
const limit = z.coerce.number().int().min(1).max(100_000).optional();

const readingsQuery = z.object({
  meter: z.string().min(1),
  from: isoTime.optional(),
  to: isoTime.optional(),
  flags: z.string().optional(),
  limit,
});
const historyQuery = z.object({ meter: z.string().min(1), time: isoTime });
const alarmsQuery = z.object({
  meter: z.string().min(1).optional(),
  state: z.enum(['active', 'cleared', 'all']).default('active'),
  since: isoTime.optional(),
  kind: z.string().min(1).optional(),
  limit,
});
const correctionsQuery = z.object({
  meter: z.string().min(1).optional(),
  status: z.enum(['pending', 'approved', 'rejected']).optional(),
  limit,
});
const correctionBody = z.object({
  meterId: z.string().min(1),
  time: isoTime,
  registerMl: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  reason: z.string().trim().min(1),
});
const decisionBody = z.object({ note: z.string().max(2_000).optional() }).default({});
const idParams = z.object({ id: z.coerce.number().int().min(1) });

function refuse(reply: FastifyReply, error: VeeError): FastifyReply {
  return reply.code(httpStatusOf(error.kind)).send({ code: error.code, reason: error.message });
}

function parse<T>(schema: z.ZodType<T>, value: unknown): VeeResult<T> {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  const issue = r.error.issues[0]!;
  return {
    ok: false,
    error: veeError(VeeErrorCode.INPUT_INVALID, `${issue.path.join('.') || 'body'}: ${issue.message}`),
  };
}

export function validationRoutes(pool: pg.Pool): HttpRoutePlugin {
  return {
    name: 'validation',
    register(app, ctx) {
      const read = { preHandler: ctx.requireRole(...READ_ROLES) };

      app.get('/v1/readings', read, async (request, reply) => {
        const q = parse(readingsQuery, request.query);
        if (!q.ok) return refuse(reply, q.error);
        const flags = flagsFromNames((q.value.flags ?? '').split(','));
        if (!flags.ok)
          return refuse(reply, veeError(VeeErrorCode.INPUT_INVALID, `flags: unknown flag ${flags.unknown}`));
        const readings = await listReadings(pool, {
          meterId: q.value.meter,
          ...(q.value.from !== undefined ? { from: q.value.from } : {}),
          ...(q.value.to !== undefined ? { to: q.value.to } : {}),
          anyFlags: flags.flags,
          ...(q.value.limit !== undefined ? { limit: q.value.limit } : {}),
        });
        return { readings };
      });

      app.get('/v1/readings/history', read, async (request, reply) => {
        const q = parse(historyQuery, request.query);
        if (!q.ok) return refuse(reply, q.error);
        const h = await readingHistory(pool, q.value.meter, q.value.time);
        return h.ok ? h.value : refuse(reply, h.error);
      });

      app.get('/v1/estimates', read, async (request, reply) => {
        const q = parse(historyQuery, request.query);
        if (!q.ok) return refuse(reply, q.error);
        const e = await estimateRegisterAt(pool, q.value.meter, q.value.time);
        return e.ok ? e.value : refuse(reply, e.error);
      });

      app.get('/v1/alarms', read, async (request, reply) => {
        const q = parse(alarmsQuery, request.query);
        if (!q.ok) return refuse(reply, q.error);
        const { meter, ...rest } = q.value;
        return { alarms: await listAlarms(pool, { ...rest, ...(meter !== undefined ? { meterId: meter } : {}) }) };
      });

      app.get('/v1/corrections', read, async (request, reply) => {
        const q = parse(correctionsQuery, request.query);
        if (!q.ok) return refuse(reply, q.error);
        const { meter, ...rest } = q.value;
        return {
          corrections: await listCorrections(pool, { ...rest, ...(meter !== undefined ? { meterId: meter } : {}) }),
        };
      });

      app.post(
        '/v1/corrections',
        { preHandler: ctx.requireRole(...REQUEST_CORRECTION_ROLES) },
        async (request, reply) => {
          const b = parse(correctionBody, request.body);
          if (!b.ok) return refuse(reply, b.error);
          const principal = request.principal!;
          const r = await requestCorrection(
            pool,
            { ...b.value, requestedBy: principal.name, roles: principal.roles },
            ctx.clock,
          );
          return r.ok ? reply.code(201).send(r.value) : refuse(reply, r.error);
        },
      );

      for (const decision of ['approve', 'reject'] as const) {
        app.post(
          `/v1/corrections/:id/${decision}`,
          { preHandler: ctx.requireRole(...DECIDE_CORRECTION_ROLES) },
          async (request, reply) => {
            const p = parse(idParams, request.params);
            if (!p.ok) return refuse(reply, p.error);
            const b = parse(decisionBody, request.body ?? {});
            if (!b.ok) return refuse(reply, b.error);
            const principal = request.principal!;
            const r = await decideCorrection(
              pool,
              {
                correctionId: p.value.id,
                decision,
                decidedBy: principal.name,
                roles: principal.roles,
                ...(b.value.note !== undefined ? { note: b.value.note } : {}),
              },
              ctx.clock,
            );
            return r.ok ? r.value : refuse(reply, r.error);
          },
        );
      }
    },
  };
}
