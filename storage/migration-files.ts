/**
 * Reading migration files: numbered plain SQL files `NNNN_<name>.sql` in migrations/, applied in
 * order. A file may hold engine-specific sections between marker lines:
 *
 *   -- @timescaledb      (only where the TimescaleDB extension is in use)
 *   -- @postgresql       (only on plain PostgreSQL)
 *   -- @end              (back to SQL for both)
 *
 * The checksum covers the whole file as written, so editing either section of an applied file
 * is refused.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MigrationFile {
  version: number;
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export type Dialect = 'timescaledb' | 'postgresql';

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The migrations/ folder of this package, whether running from source or from dist/. */
export function defaultMigrationsDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  // source: <root>/storage/ ; compiled: <root>/dist/storage/
  return here.includes(`${'/dist/'}`) ? join(here, '..', '..', 'migrations') : join(here, '..', 'migrations');
}

export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
  const files: MigrationFile[] = [];
  const seen = new Map<number, string>();
  for (const name of names) {
    const m = FILE_PATTERN.exec(name);
    if (!m) throw new Error(`migration file name ${name} does not match NNNN_name.sql`);
    const version = Number(m[1]);
    const previous = seen.get(version);
    if (previous) throw new Error(`migrations ${previous} and ${name} share version ${version}`);
    seen.set(version, name);
    const sql = await readFile(join(dir, name), 'utf8');
    files.push({ version, name: m[2] ?? name, file: name, sql, checksum: sha256(sql) });
  }
  return files;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The SQL of a file for one dialect: common lines plus that dialect's sections. */
export function sqlForDialect(sql: string, dialect: Dialect): string {
  const out: string[] = [];
  let section: Dialect | 'both' = 'both';
  for (const line of sql.split('\n')) {
    const marker = /^--\s*@(timescaledb|postgresql|end)\s*$/.exec(line.trim());
    if (marker) {
      const which = marker[1];
      section = which === 'end' ? 'both' : (which as Dialect);
      out.push('');
      continue;
    }
    out.push(section === 'both' || section === dialect ? line : '');
  }
  if (section !== 'both') throw new Error(`unterminated -- @${section} section (missing -- @end)`);
  return out.join('\n');
}
