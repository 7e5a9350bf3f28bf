import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../common/config-error.js';
import { hashApiToken, parseApiTokens } from './api-tokens.js';

const T1 = 'f3b1c2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9';
const T2 = '0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f';

function configError(text: string): ConfigError {
  try {
    parseApiTokens(text, 'MF_API_TOKENS');
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('parseApiTokens', () => {
  it('finds the principal of a token by its SHA-256, never storing the token', () => {
    const text = `# billing\nbilling-job:billing:${hashApiToken(T1)}\n\nalice:supervisor+billing:${hashApiToken(T2).toUpperCase()}`;
    const table = parseApiTokens(text, 'MF_API_TOKENS');
    expect(table.size).toBe(2);
    expect(table.lookup(T1)).toEqual({ name: 'billing-job', roles: ['billing'] });
    expect(table.lookup(T2)).toEqual({ name: 'alice', roles: ['supervisor', 'billing'] });
    expect(table.lookup(hashApiToken(T1))).toBeUndefined();
    expect(table.lookup('')).toBeUndefined();
    expect(JSON.stringify(table)).not.toContain(T1);
  });

  it('takes comma-separated entries (the MF_API_TOKENS form)', () => {
    expect(parseApiTokens(`a:admin:${hashApiToken(T1)},b:read-only:${hashApiToken(T2)}`, 'MF_API_TOKENS').size).toBe(2);
  });

  it.each([
    ['a missing part', `a:admin`, 'expected <name>:<role>[+<role>…]:<sha256 hex>'],
    ['a bad name', `a b:admin:${hashApiToken(T1)}`, 'name: 1-64 of A-Z a-z 0-9 . _ @ -'],
    ['an unknown role', `a:root:${hashApiToken(T1)}`, 'unknown role root'],
    ['a short hash', `a:admin:abc123`, 'the hash must be 64 hex digits'],
    ['a plain token instead of its hash', `a:admin:${T1}x`, 'the hash must be 64 hex digits'],
  ])('refuses %s, naming the entry', (_what, text, reason) => {
    const err = configError(text);
    expect(err.variable).toBe('MF_API_TOKENS');
    expect(err.value).toBe('entry 1');
    expect(err.message).toContain(reason);
  });

  it('refuses a name or a hash used twice', () => {
    expect(configError(`a:admin:${hashApiToken(T1)}\na:billing:${hashApiToken(T2)}`).message).toContain(
      'name a is used twice',
    );
    expect(configError(`a:admin:${hashApiToken(T1)}\nb:billing:${hashApiToken(T1)}`).message).toContain(
      'same token hash appears twice',
    );
  });
});
