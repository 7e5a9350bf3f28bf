/**
 * China Telecom CTWing (AEP) subscription push: POST /webhooks/ctwing.
 *
 * In CTWing (订阅推送) subscribe the product's device data changes (设备数据变化) to
 * https://<gateway>/webhooks/ctwing?token=<MF_CTWING_TOKEN>. CTWing does not sign its pushes,
 * so the token in the URL (over HTTPS) is what keeps others out; without MF_CTWING_TOKEN any
 * caller is accepted and the gateway warns at start. CTWing retries a push up to 3 times when
 * it gets no 200, and pauses pushing for a minute to a receiver that keeps failing: during a
 * database outage reports may then have to be fetched again from CTWing's API.
 */
import type { FastifyInstance } from 'fastify';
import { HttpErrorCode } from '../errors.js';
import {
  commitAndReply,
  parseJsonText,
  secretMatches,
  sendError,
  type WebhookDeps,
  type WebhookRouteConfig,
} from './common.js';
import { ctwingUplink } from './ctwing-message.js';

const PATH = '/webhooks/ctwing';

export function registerCtwingWebhook(app: FastifyInstance, deps: WebhookDeps): void {
  const config: WebhookRouteConfig = { adapter: 'ctwing' };
  app.post<{ Querystring: Record<string, string | undefined> }>(PATH, { config }, async (request, reply) => {
    const receivedAt = deps.clock.now().toISOString();
    const token = deps.options.ctwingToken;
    if (token !== undefined && !secretMatches(request.query.token, token)) {
      return sendError(reply, HttpErrorCode.WEBHOOK_SECRET_MISMATCH, 'missing or wrong token query parameter');
    }
    const parsed = parseJsonText(request.body);
    if (!parsed.ok) return sendError(reply, HttpErrorCode.WEBHOOK_BODY_INVALID, 'body is not JSON');
    const r = ctwingUplink(parsed.json, { receivedAt, topic: PATH });
    if (r.kind === 'invalid') return sendError(reply, HttpErrorCode.WEBHOOK_BODY_INVALID, r.reason);
    return commitAndReply(reply, deps, r.kind === 'uplink' ? [r.uplink] : [], r.kind === 'ignored' ? 1 : 0);
  });
}
