/**
 * `meterflow migrate`: applies the numbered SQL files in order, each in its own transaction,
 * recording version, name and checksum in schema_migrations. Running twice applies nothing.
 * An applied file whose content changed is refused (MIGRATION_CHECKSUM_MISMATCH): migrations
 * are forward only; write a new file instead.
 */
import type pg from 'pg';
import { readMigrationFiles, sqlForDialect, defaultMigrationsDir, type Dialect } from './migration-files.js';

export class MigrationError extends Error {
  constructor(
    readonly code: 'MIGRATION_CHECKSUM_MISMATCH' | 'MIGRATION_UNKNOWN_APPLIED' | 'MIGRATION_STATEMENT',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export interface MigrateResult {
  dialect: Dialect;
  applied: string[];
  alreadyApplied: string[];
}

// An arbitrary constant: one migrating process at a time per database.
const LOCK_KEY = 4_242_017;

export async function migrate(
  pool: pg.Pool,
  options: { timescale: boolean; dir?: string; onApplied?: (file: string) => void },
): Promise<MigrateResult> {
  const dialect: Dialect = options.timescale ? 'timescaledb' : 'postgresql';
  const files = await readMigrationFiles(options.dir ?? defaultMigrationsDir());
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version     integer PRIMARY KEY,
      name        text NOT NULL,
      checksum    text NOT NULL,
      dialect     text NOT NULL,
      applied_at  timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const applied = new Map(rows.map((r) => [r.version, r]));
    const known = new Set(files.map((f) => f.version));
    for (const row of rows) {
      if (!known.has(row.version)) {
        throw new MigrationError(
          'MIGRATION_UNKNOWN_APPLIED',
          `migration ${String(row.version).padStart(4, '0')}_${row.name} is recorded as applied but its file is missing`,
        );
      }
    }
    const result: MigrateResult = { dialect, applied: [], alreadyApplied: [] };
    for (const file of files) {
      const done = applied.get(file.version);
      if (done) {
        if (done.checksum !== file.checksum) {
          throw new MigrationError(
            'MIGRATION_CHECKSUM_MISMATCH',
            `migration ${file.file} was changed after it was applied (checksum ${done.checksum.slice(0, 12)}… recorded, ` +
              `${file.checksum.slice(0, 12)}… now). Applied migrations are never edited: restore the file and add a new one.`,
          );
        }
        result.alreadyApplied.push(file.file);
        continue;
      }
      try {
        await client.query('BEGIN');
        await client.query(sqlForDialect(file.sql, dialect));
        await client.query('INSERT INTO schema_migrations (version, name, checksum, dialect) VALUES ($1, $2, $3, $4)', [
          file.version,
          file.name,
          file.checksum,
          dialect,
        ]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new MigrationError('MIGRATION_STATEMENT', `migration ${file.file} failed: ${(err as Error).message}`, {
          cause: err,
        });
      }
      result.applied.push(file.file);
      options.onApplied?.(file.file);
    }
    return result;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}
