import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../common/config-error.js';
import { coapOptionsFromEnv, defaultCoapOptions } from './options.js';

function rejected(env: NodeJS.ProcessEnv): ConfigError {
  try {
    coapOptionsFromEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('coapOptionsFromEnv', () => {
  it('gives the documented defaults for an empty environment', () => {
    expect(coapOptionsFromEnv({})).toEqual(defaultCoapOptions);
  });

  it('reads every variable', () => {
    const o = coapOptionsFromEnv({
      MF_COAP_PORT: '15683',
      MF_COAP_HOST: '::',
      MF_COAP_PIGGYBACK_MS: '800',
      MF_COAP_MAX_PAYLOAD: '1024',
      MF_COAP_MAX_IN_FLIGHT: '10',
      MF_COAP_RETRY_AFTER_S: '30',
      MF_COAP_AUTH: 'required',
    });
    expect(o).toMatchObject({
      port: 15683,
      host: '::',
      piggybackReplyMs: 800,
      maxPayloadBytes: 1024,
      maxInFlight: 10,
      retryAfterS: 30,
      auth: 'required',
    });
  });

  it.each([
    ['MF_COAP_PORT', '70000'],
    ['MF_COAP_PORT', 'coap'],
    ['MF_COAP_PIGGYBACK_MS', '-1'],
    ['MF_COAP_MAX_PAYLOAD', '0'],
    ['MF_COAP_MAX_IN_FLIGHT', '1.5'],
    ['MF_COAP_AUTH', 'psk'],
  ])('rejects %s=%s naming the variable', (variable, value) => {
    const err = rejected({ [variable]: value });
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.variable).toBe(variable);
    expect(err.value).toBe(value);
  });
});
