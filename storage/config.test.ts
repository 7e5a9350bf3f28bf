import { describe, expect, it } from 'vitest';
import { ConfigError } from '../common/config-error.js';
import { databaseOptionsFromEnv } from './config.js';

describe('database configuration', () => {
  it('uses the embedded engine in ./data when nothing is set', () => {
    expect(databaseOptionsFromEnv({})).toEqual({ url: undefined, dataDir: './data/pglite', inMemory: false, poolMax: 10 });
  });

  it('takes a server URL and pool size from the environment', () => {
    const o = databaseOptionsFromEnv({ DATABASE_URL: 'postgres://u@db:5432/water', MF_DB_POOL_MAX: '20' });
    expect(o.url).toBe('postgres://u@db:5432/water');
    expect(o.poolMax).toBe(20);
  });

  it('lets flags override the environment', () => {
    const o = databaseOptionsFromEnv({ DATABASE_URL: 'postgres://a/b' }, { databaseUrl: 'postgres://c/d', memory: true });
    expect(o.url).toBe('postgres://c/d');
    expect(o.inMemory).toBe(true);
  });

  it.each([
    ['DATABASE_URL', 'mysql://x/y'],
    ['MF_DB_POOL_MAX', '0'],
    ['MF_DB_POOL_MAX', 'many'],
    ['MF_EMBEDDED_MEMORY', 'maybe'],
  ])('rejects %s=%s naming the variable', (variable, value) => {
    let err: unknown;
    try {
      databaseOptionsFromEnv({ [variable]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe('CONFIG_INVALID');
    expect((err as ConfigError).variable).toBe(variable);
  });
});
