/**
 * HTTP server settings, from the environment (validated at start, naming the bad variable):
 *
 *   MF_HTTP_PORT              TCP port (default 8080; 0 picks a free one)
 *   MF_HTTP_HOST              address to bind (default 0.0.0.0)
 *   MF_HTTP_BODY_LIMIT        largest request body in bytes (default 1048576)
 *   MF_API_TOKENS             API token entries <name>:<roles>:<sha256>, comma separated
 *   MF_API_TOKENS_FILE        a file of such entries, one per line (both may be set)
 *   MF_WEBHOOK_DEADLINE_MS    a webhook answers 503 if its commit takes longer (default 8000,
 *                             under The Things Stack's 10 s request timeout)
 *   MF_WEBHOOK_RETRY_AFTER_S  Retry-After of a webhook's 503 (default 30)
 *   MF_TTS_WEBHOOK_SECRET     shared secret TTS sends in the X-Webhook-Secret header
 *   MF_ONENET_TOKEN           the token configured in OneNET's HTTP push (signature check)
 *   MF_ONENET_AES_KEY         OneNET's EncodingAESKey (43 characters), for encrypted pushes
 *   MF_ONENET_VALUE_ENCODING  how a string data point value holds the payload: hex (default),
 *                             base64 or text
 *   MF_CTWING_TOKEN           a token CTWing must send as ?token= in the subscription URL
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../common/config-error.js';
import { emptyTokenTable, parseApiTokens, type ApiTokenTable } from './auth/api-tokens.js';

export type OneNetValueEncoding = 'hex' | 'base64' | 'text';

export interface WebhookOptions {
  deadlineMs: number;
  retryAfterS: number;
  ttsSecret?: string;
  onenetToken?: string;
  onenetAesKey?: string;
  onenetValueEncoding: OneNetValueEncoding;
  ctwingToken?: string;
}

export interface HttpServerOptions {
  port: number;
  host: string;
  bodyLimitBytes: number;
  apiTokens: ApiTokenTable;
  webhooks: WebhookOptions;
}

export const defaultWebhookOptions: WebhookOptions = { deadlineMs: 8000, retryAfterS: 30, onenetValueEncoding: 'hex' };

export const defaultHttpOptions: HttpServerOptions = {
  port: 8080,
  host: '0.0.0.0',
  bodyLimitBytes: 1_048_576,
  apiTokens: emptyTokenTable(),
  webhooks: defaultWebhookOptions,
};

const secret = z.string().min(8, 'must be at least 8 characters').max(256);

const schema = z.object({
  MF_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(defaultHttpOptions.port),
  MF_HTTP_HOST: z.string().min(1).default(defaultHttpOptions.host),
  MF_HTTP_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1_048_576)
    .default(defaultHttpOptions.bodyLimitBytes),
  MF_API_TOKENS: z.string().optional(),
  MF_API_TOKENS_FILE: z.string().min(1).optional(),
  MF_WEBHOOK_DEADLINE_MS: z.coerce.number().int().min(100).max(600_000).default(defaultWebhookOptions.deadlineMs),
  MF_WEBHOOK_RETRY_AFTER_S: z.coerce.number().int().min(0).max(86_400).default(defaultWebhookOptions.retryAfterS),
  MF_TTS_WEBHOOK_SECRET: secret.optional(),
  MF_ONENET_TOKEN: z.string().min(1).max(128).optional(),
  MF_ONENET_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey')
    .optional(),
  MF_ONENET_VALUE_ENCODING: z.enum(['hex', 'base64', 'text']).default(defaultWebhookOptions.onenetValueEncoding),
  MF_CTWING_TOKEN: secret.optional(),
});

type Variable = keyof z.input<typeof schema>;

export function httpOptionsFromEnv(
  env: NodeJS.ProcessEnv,
  readFile: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): HttpServerOptions {
  const input: Partial<Record<Variable, string>> = {};
  for (const name of Object.keys(schema.shape) as Variable[]) {
    const value = env[name];
    if (value !== undefined && value !== '') input[name] = value;
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0]) as Variable;
    const shown = /SECRET|TOKEN|KEY/.test(variable) && variable !== 'MF_API_TOKENS_FILE' ? '(hidden)' : input[variable];
    throw new ConfigError(variable, shown, issue.message);
  }
  const c = parsed.data;
  const inlineTokens = c.MF_API_TOKENS ?? '';
  let fileTokens = '';
  if (c.MF_API_TOKENS_FILE !== undefined) {
    try {
      fileTokens = readFile(c.MF_API_TOKENS_FILE);
    } catch (err) {
      throw new ConfigError('MF_API_TOKENS_FILE', c.MF_API_TOKENS_FILE, `cannot be read: ${(err as Error).message}`);
    }
  }
  // each source alone first, so that an error names the right variable; then both together
  parseApiTokens(inlineTokens, 'MF_API_TOKENS');
  parseApiTokens(fileTokens, 'MF_API_TOKENS_FILE');
  const apiTokens = parseApiTokens(`${inlineTokens}\n${fileTokens}`, 'MF_API_TOKENS');
  const webhooks: WebhookOptions = {
    deadlineMs: c.MF_WEBHOOK_DEADLINE_MS,
    retryAfterS: c.MF_WEBHOOK_RETRY_AFTER_S,
    onenetValueEncoding: c.MF_ONENET_VALUE_ENCODING,
  };
  if (c.MF_TTS_WEBHOOK_SECRET !== undefined) webhooks.ttsSecret = c.MF_TTS_WEBHOOK_SECRET;
  if (c.MF_ONENET_TOKEN !== undefined) webhooks.onenetToken = c.MF_ONENET_TOKEN;
  if (c.MF_ONENET_AES_KEY !== undefined) webhooks.onenetAesKey = c.MF_ONENET_AES_KEY;
  if (c.MF_CTWING_TOKEN !== undefined) webhooks.ctwingToken = c.MF_CTWING_TOKEN;
  return {
    port: c.MF_HTTP_PORT,
    host: c.MF_HTTP_HOST,
    bodyLimitBytes: c.MF_HTTP_BODY_LIMIT,
    apiTokens,
    webhooks,
  };
}
