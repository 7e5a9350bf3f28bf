/**
 * Request authentication for API routes: `authenticate` (an onRequest hook on the API scope)
 * reads `Authorization: Bearer <token>` and sets `request.principal`, or answers 401;
 * `requireRole(...)` (a preHandler on a route) answers 403 unless the principal holds one of the
 * roles or a role that implies it. Route plugins get requireRole through their context.
 */
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler, preHandlerAsyncHookHandler } from 'fastify';
import { HttpErrorCode, httpStatusOf, type HttpErrorBody } from '../errors.js';
import type { ApiTokenTable, Principal } from './api-tokens.js';
import { grants, type Role } from './roles.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on API routes by `authenticate`. */
    principal: Principal | null;
  }
}

function refuse(reply: FastifyReply, code: HttpErrorCode, reason: string): FastifyReply {
  if (httpStatusOf[code] === 401) reply.header('www-authenticate', 'Bearer realm="meterflow"');
  const body: HttpErrorBody = { code, reason };
  return reply.code(httpStatusOf[code]).send(body);
}

export function authenticate(tokens: ApiTokenTable): onRequestAsyncHookHandler {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) return refuse(reply, HttpErrorCode.TOKEN_MISSING, 'send Authorization: Bearer <token>');
    const principal = tokens.lookup(match[1]!);
    if (!principal) return refuse(reply, HttpErrorCode.TOKEN_UNKNOWN, 'unknown token');
    request.principal = principal;
  };
}

export function requireRole(...needed: Role[]): preHandlerAsyncHookHandler {
  if (needed.length === 0) throw new Error('requireRole needs at least one role');
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const principal = request.principal;
    if (!principal) return refuse(reply, HttpErrorCode.TOKEN_MISSING, 'send Authorization: Bearer <token>');
    if (!grants(principal.roles, needed)) {
      return refuse(reply, HttpErrorCode.ROLE_MISSING, `needs role ${needed.join(' or ')}`);
    }
  };
}
