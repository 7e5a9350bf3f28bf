/**
 * JSON-lines logging (pino). One root logger per process; modules take a child with their
 * ids bound (`logger.child({ meterId })`). Secrets (keys, device secrets, tokens) are redacted.
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';

export type { Logger };

const REDACT = [
  'key',
  '*.key',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'token',
  '*.token',
  'aesKey',
  '*.aesKey',
  'connectionString',
];

export function createLogger(options: { level?: LevelWithSilent; name?: string; destination?: NodeJS.WritableStream } = {}): Logger {
  const level = options.level ?? ((process.env.LOG_LEVEL as LevelWithSilent | undefined) ?? 'info');
  return pino(
    {
      name: options.name ?? 'meterflow',
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
}

/** A logger that writes nothing: for tests and library calls that were given none. */
export const silentLogger: Logger = pino({ level: 'silent' });
