/**
 * China Mobile OneNET HTTP push: GET and POST /webhooks/onenet.
 *
 * In OneNET (数据推送 / HTTP推送) set the URL to https://<gateway>/webhooks/onenet and the same
 * token as MF_ONENET_TOKEN; for encrypted pushes (加密) also MF_ONENET_AES_KEY = EncodingAESKey.
 *   GET  ?msg=…&nonce=…&signature=…   URL check: answers msg (text/plain) when the signature
 *                                       matches the token (or when no token is configured)
 *   POST { "msg": {…}|[…], "nonce": "…", "msg_signature": "…" }         plain mode
 *        { "enc_msg": "…", "nonce": "…", "msg_signature": "…" }         encrypted mode
 * Without MF_ONENET_TOKEN signatures are not checked (OneNET's "skip the token check" mode);
 * the gateway warns about it at start. OneNET re-pushes anything not answered 200.
 */
import type { FastifyInstance } from 'fastify';
import type { Uplink } from '../../uplink.js';
import { HttpErrorCode } from '../errors.js';
import { commitAndReply, parseJsonText, sendError, type WebhookDeps, type WebhookRouteConfig } from './common.js';
import { onenetItemUplink } from './onenet-message.js';
import { decryptOnenetMessage, onenetSignatureMatches } from './onenet-signature.js';
import { rawMemberText } from './raw-json.js';

const PATH = '/webhooks/onenet';

type Unsealed = { ok: true; msg: unknown } | { ok: false; code: HttpErrorCode; reason: string };

/** Checks the signature and, in encrypted mode, decrypts: the push's msg, or why not. */
function unseal(text: string, body: Record<string, unknown>, deps: WebhookDeps): Unsealed {
  const token = deps.options.onenetToken;
  const nonce = body.nonce;
  const signature = body.msg_signature;
  const signed = (candidates: string[]): boolean =>
    token === undefined ||
    (typeof nonce === 'string' &&
      typeof signature === 'string' &&
      candidates.some((c) => onenetSignatureMatches(token, nonce, c, signature)));
  if (typeof body.enc_msg === 'string') {
    const aesKey = deps.options.onenetAesKey;
    if (aesKey === undefined)
      return {
        ok: false,
        code: HttpErrorCode.WEBHOOK_BODY_INVALID,
        reason: 'encrypted push, but MF_ONENET_AES_KEY is not set',
      };
    if (!signed([body.enc_msg]))
      return {
        ok: false,
        code: HttpErrorCode.WEBHOOK_SIGNATURE_MISMATCH,
        reason: 'msg_signature does not match the token',
      };
    const plain = decryptOnenetMessage(body.enc_msg, aesKey);
    const parsed = plain === undefined ? undefined : parseJsonText(plain);
    if (!parsed?.ok)
      return {
        ok: false,
        code: HttpErrorCode.WEBHOOK_BODY_INVALID,
        reason: 'enc_msg does not decrypt to JSON with MF_ONENET_AES_KEY',
      };
    return { ok: true, msg: parsed.json };
  }
  if (!('msg' in body))
    return { ok: false, code: HttpErrorCode.WEBHOOK_BODY_INVALID, reason: 'push has neither msg nor enc_msg' };
  const msg = body.msg;
  // The signature covers msg as OneNET wrote it: the raw member text (or, for a string msg, its
  // value); a compact re-serialisation is tried last.
  const raw = rawMemberText(text, 'msg');
  const candidates = typeof msg === 'string' ? [msg] : [raw ?? '', JSON.stringify(msg)];
  if (!signed(candidates))
    return {
      ok: false,
      code: HttpErrorCode.WEBHOOK_SIGNATURE_MISMATCH,
      reason: 'msg_signature does not match the token',
    };
  return { ok: true, msg };
}

export function registerOnenetWebhook(app: FastifyInstance, deps: WebhookDeps): void {
  const config: WebhookRouteConfig = { adapter: 'onenet' };

  app.get<{ Querystring: Record<string, string | undefined> }>(PATH, { config }, async (request, reply) => {
    const { msg, nonce, signature } = request.query;
    if (typeof msg !== 'string')
      return sendError(reply, HttpErrorCode.WEBHOOK_BODY_INVALID, 'URL check needs msg, nonce and signature');
    const token = deps.options.onenetToken;
    if (
      token !== undefined &&
      !(
        typeof nonce === 'string' &&
        typeof signature === 'string' &&
        onenetSignatureMatches(token, nonce, msg, signature)
      )
    ) {
      return sendError(reply, HttpErrorCode.WEBHOOK_SIGNATURE_MISMATCH, 'signature does not match the token');
    }
    return reply.code(200).type('text/plain; charset=utf-8').send(msg);
  });

  app.post(PATH, { config }, async (request, reply) => {
    const receivedAt = deps.clock.now().toISOString();
    const parsed = parseJsonText(request.body);
    if (!parsed.ok || typeof parsed.json !== 'object' || parsed.json === null || Array.isArray(parsed.json)) {
      return sendError(reply, HttpErrorCode.WEBHOOK_BODY_INVALID, 'body is not a JSON object');
    }
    const unsealed = unseal(parsed.text, parsed.json as Record<string, unknown>, deps);
    if (!unsealed.ok) return sendError(reply, unsealed.code, unsealed.reason);
    const items = Array.isArray(unsealed.msg) ? unsealed.msg : [unsealed.msg];
    const uplinks: Uplink[] = [];
    let ignored = 0;
    for (const item of items) {
      const r = onenetItemUplink(item, { receivedAt, topic: PATH, valueEncoding: deps.options.onenetValueEncoding });
      if (r.kind === 'uplink') uplinks.push(r.uplink);
      else {
        ignored += 1;
        if (r.kind === 'invalid') deps.logger.warn({ adapter: 'onenet', reason: r.reason }, 'onenet message skipped');
      }
    }
    return commitAndReply(reply, deps, uplinks, ignored);
  });
}
