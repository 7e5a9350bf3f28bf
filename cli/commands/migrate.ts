/** `meterflow migrate`: apply the SQL files in migrations/ that have not been applied yet. */
import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import { openDatabase } from '../../storage/database.js';
import { databaseOptionsFromEnv, type DatabaseFlags } from '../../storage/config.js';
import { migrate } from '../../storage/migrate.js';
import { withDatabaseOptions } from '../database-options.js';

export function registerMigrate(program: Command): void {
  withDatabaseOptions(
    program
      .command('migrate')
      .description('apply pending schema migrations (numbered SQL files in migrations/), each once, in order'),
  )
    .option('--dir <dir>', 'migrations folder (default: the package’s migrations/)')
    .action(async (flags: DatabaseFlags & { dir?: string }) => {
      const logger = createLogger({ name: 'migrate' });
      const db = await openDatabase({ ...databaseOptionsFromEnv(process.env, flags), logger });
      try {
        process.stdout.write(`database: ${db.describe}\n`);
        const result = await migrate(db.pool, {
          timescale: db.timescale,
          dir: flags.dir,
          onApplied: (file) => process.stdout.write(`applied ${file}\n`),
        });
        process.stdout.write(
          `${result.applied.length} applied, ${result.alreadyApplied.length} already applied (${result.dialect})\n`,
        );
      } finally {
        await db.close();
      }
    });
}
