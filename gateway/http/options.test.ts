import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../common/config-error.js';
import { hashApiToken } from './auth/api-tokens.js';
import { httpOptionsFromEnv } from './options.js';

function configError(env: NodeJS.ProcessEnv, readFile?: (path: string) => string): ConfigError {
  try {
    httpOptionsFromEnv(env, readFile);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const noFile = () => {
  throw new Error('ENOENT');
};

describe('httpOptionsFromEnv', () => {
  it('gives the documented defaults', () => {
    const o = httpOptionsFromEnv({}, noFile);
    expect(o).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      bodyLimitBytes: 1_048_576,
      webhooks: { deadlineMs: 8000, retryAfterS: 30, onenetValueEncoding: 'hex' },
    });
    expect(o.apiTokens.size).toBe(0);
    expect(o.webhooks.ttsSecret).toBeUndefined();
  });

  it('reads tokens from MF_API_TOKENS and MF_API_TOKENS_FILE together', () => {
    const o = httpOptionsFromEnv(
      { MF_API_TOKENS: `a:admin:${hashApiToken('token-a')}`, MF_API_TOKENS_FILE: '/etc/meterflow/tokens' },
      (path) => (path === '/etc/meterflow/tokens' ? `# file\nb:billing:${hashApiToken('token-b')}\n` : ''),
    );
    expect(o.apiTokens.lookup('token-a')?.name).toBe('a');
    expect(o.apiTokens.lookup('token-b')?.roles).toEqual(['billing']);
  });

  it('reads every webhook setting', () => {
    const o = httpOptionsFromEnv({
      MF_HTTP_PORT: '9090',
      MF_WEBHOOK_DEADLINE_MS: '5000',
      MF_WEBHOOK_RETRY_AFTER_S: '10',
      MF_TTS_WEBHOOK_SECRET: 'tts-secret-1',
      MF_ONENET_TOKEN: 'onenet1',
      MF_ONENET_AES_KEY: 'A'.repeat(43),
      MF_ONENET_VALUE_ENCODING: 'base64',
      MF_CTWING_TOKEN: 'ctwing-token-1',
    });
    expect(o.port).toBe(9090);
    expect(o.webhooks).toEqual({
      deadlineMs: 5000,
      retryAfterS: 10,
      ttsSecret: 'tts-secret-1',
      onenetToken: 'onenet1',
      onenetAesKey: 'A'.repeat(43),
      onenetValueEncoding: 'base64',
      ctwingToken: 'ctwing-token-1',
    });
  });

  it('names the bad variable and hides secret values', () => {
    expect(configError({ MF_HTTP_PORT: '-1' })).toMatchObject({ variable: 'MF_HTTP_PORT', value: '-1' });
    expect(configError({ MF_ONENET_VALUE_ENCODING: 'utf16' })).toMatchObject({ variable: 'MF_ONENET_VALUE_ENCODING' });
    const secret = configError({ MF_TTS_WEBHOOK_SECRET: 'short' });
    expect(secret).toMatchObject({ variable: 'MF_TTS_WEBHOOK_SECRET', value: '(hidden)' });
    expect(secret.message).not.toContain('short');
    expect(configError({ MF_ONENET_AES_KEY: 'tooshort' })).toMatchObject({
      variable: 'MF_ONENET_AES_KEY',
      value: '(hidden)',
    });
  });

  it('names the token source that holds a bad entry, or an unreadable file', () => {
    expect(configError({ MF_API_TOKENS_FILE: '/nope' }, noFile)).toMatchObject({
      variable: 'MF_API_TOKENS_FILE',
      value: '/nope',
    });
    expect(configError({ MF_API_TOKENS_FILE: '/t' }, () => 'x:root:00')).toMatchObject({
      variable: 'MF_API_TOKENS_FILE',
      value: 'entry 1',
    });
    expect(configError({ MF_API_TOKENS: 'x:admin' })).toMatchObject({ variable: 'MF_API_TOKENS' });
  });
});
