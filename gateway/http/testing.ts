/**
 * Test support for the HTTP server tests (not used by the gateway itself): options with test
 * secrets, token entries, and the platform side of OneNET's push (signing, encrypting) so that
 * tests can send what OneNET sends.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { hashApiToken, parseApiTokens } from './auth/api-tokens.js';
import type { Role } from './auth/roles.js';
import { defaultHttpOptions, defaultWebhookOptions, type HttpServerOptions, type WebhookOptions } from './options.js';
import { onenetAesKey, onenetSignature } from './webhooks/onenet-signature.js';

export const TOKENS = {
  reader: 'rd-2b7e151628aed2a6abf7158809cf4f3c',
  billing: 'bl-762e2f4f8b1c1d5a9c7a2b3e4f5a6b7c',
  supervisor: 'sv-9d2e61f0c3a84b7d8e1f2a3b4c5d6e7f',
  admin: 'ad-5f4dcc3b5aa765d61d8327deb882cf99',
} as const;

export function tokenEntry(name: string, roles: Role[], token: string): string {
  return `${name}:${roles.join('+')}:${hashApiToken(token)}`;
}

export function testHttpOptions(webhooks: Partial<WebhookOptions> = {}): HttpServerOptions {
  const entries = [
    tokenEntry('reader', ['read-only'], TOKENS.reader),
    tokenEntry('billing-job', ['billing'], TOKENS.billing),
    tokenEntry('supervisor', ['supervisor'], TOKENS.supervisor),
    tokenEntry('ops', ['admin'], TOKENS.admin),
  ].join(',');
  return {
    ...defaultHttpOptions,
    host: '127.0.0.1',
    port: 0,
    apiTokens: parseApiTokens(entries, 'MF_API_TOKENS'),
    webhooks: { ...defaultWebhookOptions, ...webhooks },
  };
}

/** A plain-mode OneNET push body, signed as OneNET signs it (msg serialised compactly, first). */
export function onenetPushBody(token: string, msg: unknown, nonce = 'C1z3?giR'): string {
  const msgText = JSON.stringify(msg);
  return `{"msg":${msgText},"msg_signature":"${onenetSignature(token, nonce, msgText)}","nonce":"${nonce}"}`;
}

/** What OneNET's encrypted mode puts in enc_msg (random(16) ‖ length ‖ msg, AES-256-CBC, PKCS#7). */
export function onenetEncrypt(encodingAesKey: string, msgText: string): string {
  const key = onenetAesKey(encodingAesKey);
  const msg = Buffer.from(msgText, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(msg.length);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  const plain = Buffer.concat([randomBytes(16), length, msg]);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/** An EncodingAESKey of the shape OneNET issues: 43 base64 characters (32 bytes). */
export function makeEncodingAesKey(): string {
  return randomBytes(32).toString('base64').slice(0, 43);
}
