/**
 * `meterflow replay --from-archive [--since TIME] [--status LIST] [--limit N]`: re-processes
 * dead-lettered raw uplinks (after a decoder, device or meter was added) and updates their
 * status. Runs the gateway's pipeline and writer without any transport.
 */
import type { Command } from 'commander';
import { createLogger } from '../../common/logger.js';
import { defaultRegistry } from '../../decoders/index.js';
import { gatewaySettings, topicPatternsOf } from '../../gateway/config.js';
import { createTopicRouter } from '../../gateway/lns/topic-router.js';
import type { DeadLetterStatus } from '../../gateway/pipeline/prepared.js';
import {
  DEFAULT_REPLAY_STATUSES,
  REPLAYABLE_STATUSES,
  replayFromArchive,
} from '../../gateway/replay/archive-replay.js';
import { startGateway } from '../../gateway/service.js';
import { loadValidationConfig } from '../../gateway/validation/config.js';
import { createValidator } from '../../gateway/validation/validator.js';
import type { DatabaseFlags } from '../../storage/config.js';
import { ConfigError } from '../../common/config-error.js';
import { openDatabaseFor, withDatabaseOptions } from '../database-options.js';

export interface ArchiveReplayFlags extends DatabaseFlags {
  fromArchive?: boolean;
  since?: string;
  status?: string;
  limit?: string;
  config?: string;
}

export function withArchiveReplayOptions(cmd: Command): Command {
  return withDatabaseOptions(
    cmd
      .option(
        '--from-archive',
        're-process dead-lettered uplinks from the archive (raw_uplinks) instead of a capture file',
      )
      .option('--since <time>', 'archive mode: only uplinks received at or after this ISO 8601 time')
      .option(
        '--status <list>',
        `archive mode: statuses to re-process, comma-separated (default ${DEFAULT_REPLAY_STATUSES.join(',')}; also: rejected)`,
      )
      .option('--limit <n>', 'archive mode: at most this many uplinks')
      .option(
        '--config <file>',
        'archive mode: validation thresholds per meter class, as the gateway takes them (default: $MF_VALIDATION_CONFIG, else built-in)',
      ),
  );
}

function parseFlags(flags: ArchiveReplayFlags): { statuses: DeadLetterStatus[]; since?: string; limit?: number } {
  const statuses = (flags.status ?? DEFAULT_REPLAY_STATUSES.join(','))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = statuses.find((s) => !REPLAYABLE_STATUSES.includes(s as DeadLetterStatus));
  if (bad !== undefined)
    throw new ConfigError(
      '--status',
      flags.status,
      `'${bad}' is not a dead-letter status (${REPLAYABLE_STATUSES.join(', ')})`,
    );
  if (flags.since !== undefined && !Number.isFinite(Date.parse(flags.since)))
    throw new ConfigError('--since', flags.since, 'must be an ISO 8601 time');
  let limit: number | undefined;
  if (flags.limit !== undefined) {
    limit = Number(flags.limit);
    if (!Number.isSafeInteger(limit) || limit <= 0)
      throw new ConfigError('--limit', flags.limit, 'must be a positive whole number');
  }
  return {
    statuses: statuses as DeadLetterStatus[],
    ...(flags.since !== undefined ? { since: new Date(flags.since).toISOString() } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}

/** Runs the archive replay; returns the exit code. */
export async function runArchiveReplay(flags: ArchiveReplayFlags): Promise<number> {
  const options = parseFlags(flags);
  const logger = createLogger({ name: 'replay', level: process.env.LOG_LEVEL ? undefined : 'warn' });
  const settings = gatewaySettings({ ...process.env, MF_MQTT_ENABLED: 'false' });
  // The same rules and thresholds as the live gateway: a replayed reading is flagged as it
  // would have been had its device or decoder existed when it arrived.
  const validator = createValidator({ config: await loadValidationConfig(flags.config, process.env) });
  const db = await openDatabaseFor(flags, logger);
  try {
    const gateway = await startGateway(settings, { db, logger, decoders: defaultRegistry(), validator });
    try {
      const result = await replayFromArchive(db.pool, gateway.pipeline, {
        ...options,
        router: createTopicRouter(topicPatternsOf(settings)),
        onProgress: (n) => process.stderr.write(`re-processed ${n}\r`),
      });
      const summary = Object.entries(result.byStatus)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ');
      process.stdout.write(`re-processed ${result.processed} archived uplink(s)${summary ? `: ${summary}` : ''}\n`);
    } finally {
      await gateway.stop();
    }
  } finally {
    await db.close();
  }
  return 0;
}
