/** The database flags every command that touches the database shares. */
import type { Command } from 'commander';
import { openDatabase, type Database } from '../storage/database.js';
import { databaseOptionsFromEnv, type DatabaseFlags } from '../storage/config.js';
import { migrate } from '../storage/migrate.js';
import type { Logger } from '../common/logger.js';

export function withDatabaseOptions(cmd: Command): Command {
  return cmd
    .option('--database-url <url>', 'PostgreSQL/TimescaleDB server URL (default: $DATABASE_URL, else the embedded engine)')
    .option('--data-dir <dir>', 'embedded engine data directory (default: $MF_DATA_DIR or ./data)')
    .option('--memory', 'embedded engine in memory: nothing is kept after the command ends');
}

/**
 * Opens the database named by flags/environment. The embedded engine starts empty on first use,
 * so it is migrated on open (a server is migrated explicitly with `meterflow migrate`).
 */
export async function openDatabaseFor(flags: DatabaseFlags, logger: Logger): Promise<Database> {
  const db = await openDatabase({ ...databaseOptionsFromEnv(process.env, flags), logger });
  if (db.singleConnection) {
    await migrate(db.pool, { timescale: db.timescale });
  }
  return db;
}
