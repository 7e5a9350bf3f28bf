import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../storage/database.js';
import { migrate } from '../../storage/migrate.js';
import { createTestDatabase, testEngines, type TestDatabase } from '../../storage/testing.js';
import { insertMeter, insertReadings } from '../../gateway/validation/db-testing.js';
import { FLAG } from '../../gateway/validation/flags.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ENTRY =
  "const { run } = await import('./cli/main.ts'); await run([process.argv[0], 'meterflow', ...process.argv.slice(1)]);";

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI from source in a child process. */
function cli(args: string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', ENTRY, ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const T1 = '2026-03-01T00:00:00.000Z';
const T2 = '2026-03-01T01:00:00.000Z';

describe.each(testEngines())('meterflow readings / alarms / validate (%s)', (engine) => {
  let dbFlags: string[];
  let server: TestDatabase | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    let db: Database;
    if (engine === 'server') {
      server = await createTestDatabase('server');
      db = server;
      dbFlags = ['--database-url', server.url!];
    } else {
      dataDir = await mkdtemp(join(tmpdir(), 'mf-vee-cli-'));
      db = await openDatabase({ dataDir: join(dataDir, 'pglite') });
      await migrate(db.pool, { timescale: db.timescale });
      dbFlags = ['--data-dir', dataDir];
    }
    await insertMeter(db.pool, 'K1');
    await insertReadings(db.pool, [
      { meterId: 'K1', time: T1, registerMl: 2_000_000 },
      { meterId: 'K1', time: T2, registerMl: 1_000 },
    ]);
    await db.pool.query(
      `INSERT INTO alarms (meter_id, kind, raised_at, last_seen_at, source, severity) VALUES ('K1', 'tamper', $1, $1, 'tamper', 'critical')`,
      [T2],
    );
    if (engine === 'embedded') await db.close();
  });
  afterAll(async () => {
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('validate finds the backwards step and --apply stores it; readings list shows it by name', async () => {
    const report = await cli(['validate', '--since', T1, '--apply', '--json', ...dbFlags]);
    expect(report.stderr).toBe('');
    expect(JSON.parse(report.stdout)).toMatchObject({
      meters: 1,
      readings: 2,
      changed: 1,
      applied: 1,
      changes: [{ time: T2, flagNames: ['register_backwards'] }],
    });
    const list = await cli([
      'readings',
      'list',
      '--meter',
      'K1',
      '--flags',
      'register_backwards',
      '--json',
      ...dbFlags,
    ]);
    const rows = list.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { time: string; flags: number; flagNames: string[] });
    expect(rows).toEqual([
      expect.objectContaining({ time: T2, flags: FLAG.register_backwards, flagNames: ['register_backwards'] }),
    ]);
  });

  it('correct, refuse self-approval, approve by a supervisor, list the history', async () => {
    const requested = await cli([
      'readings',
      'correct',
      '--meter',
      'K1',
      '--time',
      T2,
      '--register-ml',
      '2001000',
      '--reason',
      'module reset',
      '--by',
      'alice',
      '--role',
      'billing',
      '--json',
      ...dbFlags,
    ]);
    expect(requested.code).toBe(0);
    const { correctionId } = JSON.parse(requested.stdout) as { correctionId: number };
    const self = await cli([
      'readings',
      'approve',
      String(correctionId),
      '--by',
      'alice',
      '--role',
      'supervisor',
      ...dbFlags,
    ]);
    expect(self.code).toBe(1);
    expect(self.stderr).toContain('VEE_SELF_APPROVAL');
    const approved = await cli([
      'readings',
      'approve',
      String(correctionId),
      '--by',
      'bob',
      '--role',
      'supervisor',
      ...dbFlags,
    ]);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain('approved by bob');
    const history = await cli(['readings', 'history', '--meter', 'K1', '--time', T2, '--json', ...dbFlags]);
    expect(JSON.parse(history.stdout)).toMatchObject({
      current: { registerMl: 2_001_000, quality: 'corrected' },
      corrections: [
        {
          correctionId,
          status: 'approved',
          oldRegisterMl: 1_000,
          newRegisterMl: 2_001_000,
          requestedBy: 'alice',
          decidedBy: 'bob',
        },
      ],
    });
  });

  it('alarms lists the active alarm; bad options exit with 2', async () => {
    const alarms = await cli(['alarms', '--meter', 'K1', '--json', ...dbFlags]);
    expect(JSON.parse(alarms.stdout.trim())).toMatchObject({
      meterId: 'K1',
      kind: 'tamper',
      state: 'active',
      severity: 'critical',
    });
    const bad = await cli([
      'readings',
      'correct',
      '--meter',
      'K1',
      '--time',
      T2,
      '--register-ml',
      '1.5',
      '--reason',
      'x',
      '--by',
      'a',
      '--role',
      'billing',
      ...dbFlags,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--register-ml must be a whole number');
  });
});
