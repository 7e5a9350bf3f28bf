/**
 * Database settings from the environment (and CLI flags that override them), validated at start
 * with a message naming the bad variable.
 *
 *   DATABASE_URL        postgres://user:pass@host:5432/db of a PostgreSQL/TimescaleDB server;
 *                       unset: the embedded engine
 *   MF_DATA_DIR         embedded engine data directory (default ./data; the database lives in
 *                       <dir>/pglite)
 *   MF_EMBEDDED_MEMORY  1/true: embedded engine in memory, nothing kept on disk
 *   MF_DB_POOL_MAX      connections in the pool to a server (default 10)
 */
import { z } from 'zod';
import { ConfigError } from '../common/config-error.js';
import type { DatabaseOptions } from './database.js';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  MF_DATA_DIR: z.string().min(1).default('./data'),
  MF_EMBEDDED_MEMORY: booleanFlag.default(false),
  MF_DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
});

export interface DatabaseFlags {
  databaseUrl?: string;
  dataDir?: string;
  memory?: boolean;
}

export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv, flags: DatabaseFlags = {}): DatabaseOptions {
  const input = {
    DATABASE_URL: flags.databaseUrl ?? (env.DATABASE_URL || undefined),
    MF_DATA_DIR: flags.dataDir ?? (env.MF_DATA_DIR || undefined),
    MF_EMBEDDED_MEMORY: flags.memory ? 'true' : env.MF_EMBEDDED_MEMORY || undefined,
    MF_DB_POOL_MAX: env.MF_DB_POOL_MAX || undefined,
  };
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0]);
    throw new ConfigError(variable, (input as Record<string, string | undefined>)[variable], issue.message);
  }
  const c = parsed.data;
  return {
    url: c.DATABASE_URL,
    dataDir: `${c.MF_DATA_DIR.replace(/\/+$/, '')}/pglite`,
    inMemory: c.MF_EMBEDDED_MEMORY,
    poolMax: c.MF_DB_POOL_MAX,
  };
}
