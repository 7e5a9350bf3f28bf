/**
 * How other parts of meterflow add API routes (bills, readings, alarms, corrections …): each
 * exports an HttpRoutePlugin and the gateway passes the list to startHttpServer. A plugin's
 * routes live in the API scope, where every request must carry a valid bearer token
 * (401 otherwise); each route then names the roles it needs with `ctx.requireRole` (403).
 *
 *   export function billRoutes(db: Database): HttpRoutePlugin {
 *     return {
 *       name: 'bills',
 *       register(app, ctx) {
 *         app.get('/v1/periods/:period/bills', { preHandler: ctx.requireRole('billing') }, async (request) => …);
 *       },
 *     };
 *   }
 *
 * `request.principal` ({ name, roles }) names the caller, e.g. as the author of a correction.
 */
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Clock } from '../../common/clock.js';
import type { Logger } from '../../common/logger.js';
import type { Role } from './auth/roles.js';

export interface HttpRouteContext {
  requireRole(...roles: Role[]): preHandlerAsyncHookHandler;
  logger: Logger;
  clock: Clock;
}

export interface HttpRoutePlugin {
  /** Unique among the plugins (fastify plugin name, logs). */
  name: string;
  register(app: FastifyInstance, ctx: HttpRouteContext): void | Promise<void>;
}
