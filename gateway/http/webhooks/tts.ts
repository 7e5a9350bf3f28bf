/**
 * The Things Stack v3 uplink webhook: POST /webhooks/tts/{appId}.
 *
 * In the TTS console (Integrations → Webhooks, format JSON) set the base URL to
 * https://<gateway>/webhooks/tts/<application id> and enable "Uplink message" with an empty
 * path; when MF_TTS_WEBHOOK_SECRET is set, add the additional header X-Webhook-Secret with that
 * value. The body is the same JSON as the MQTT up message, read by gateway/lns/tts.ts.
 * TTS tries a webhook once unless its "Retries" option is on (TTS Cloud Plus), and gives up on
 * a request after 10 s: the default webhook deadline (8 s) answers 503 before that.
 */
import type { FastifyInstance } from 'fastify';
import { ttsUplinkToUplink } from '../../lns/tts.js';
import { isObject, objectAt, stringAt } from '../../lns/wire.js';
import { HttpErrorCode } from '../errors.js';
import {
  commitAndReply,
  parseJsonText,
  secretMatches,
  sendError,
  type WebhookDeps,
  type WebhookRouteConfig,
} from './common.js';

export const TTS_SECRET_HEADER = 'x-webhook-secret';

export function registerTtsWebhook(app: FastifyInstance, deps: WebhookDeps): void {
  const config: WebhookRouteConfig = { adapter: 'tts' };
  app.post<{ Params: { appId: string } }>('/webhooks/tts/:appId', { config }, async (request, reply) => {
    const receivedAt = deps.clock.now().toISOString();
    const secret = deps.options.ttsSecret;
    if (secret !== undefined && !secretMatches(request.headers[TTS_SECRET_HEADER], secret)) {
      return sendError(reply, HttpErrorCode.WEBHOOK_SECRET_MISMATCH, `missing or wrong ${TTS_SECRET_HEADER} header`);
    }
    const parsed = parseJsonText(request.body);
    if (!parsed.ok || !isObject(parsed.json))
      return sendError(reply, HttpErrorCode.WEBHOOK_BODY_INVALID, 'body is not a JSON object');
    const json = parsed.json;
    const ids = objectAt(json, 'end_device_ids');
    // The path names the application; a tenant suffix (app@tenant) is allowed and not compared.
    const appId = request.params.appId.split('@')[0];
    const bodyAppId = stringAt(objectAt(ids, 'application_ids'), 'application_id');
    if (bodyAppId !== undefined && bodyAppId !== appId) {
      return sendError(
        reply,
        HttpErrorCode.WEBHOOK_APPLICATION_MISMATCH,
        `message is for application ${bodyAppId.slice(0, 64)}, not ${appId}`,
      );
    }
    if (ids !== undefined && !('uplink_message' in json)) {
      // join accepts, downlink events … sent to this path: acknowledged, not stored
      return commitAndReply(reply, deps, [], 1);
    }
    const adapted = ttsUplinkToUplink(json, { transport: 'http', receivedAt, topic: `/webhooks/tts/${appId}` });
    if (!adapted.ok) return sendError(reply, HttpErrorCode.WEBHOOK_BODY_INVALID, adapted.error.message);
    return commitAndReply(reply, deps, [adapted.value], 0);
  });
}
