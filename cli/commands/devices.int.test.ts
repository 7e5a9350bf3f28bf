import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, serverTestUrl, type TestDatabase } from '../../storage/testing.js';
import { cli } from '../testing.js';

describe.skipIf(!serverTestUrl())('meterflow devices', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase('server');
    dir = mkdtempSync(join(tmpdir(), 'mf-devices-'));
  });
  afterAll(async () => {
    await db?.close();
  });

  it('imports a CSV file, lists devices without their key or secret, and removes one', async () => {
    const file = join(dir, 'ok.csv');
    writeFileSync(
      file,
      'device_id,transport,decoder,model,meter_id,aes_key,secret\n70B3D57ED0001A2B,chirpstack,,,M-1,00112233445566778899AABBCCDDEEFF,\nnb-1,mqtt,cjt188,,M-2,,very-secret-1\n',
    );
    const imported = await cli(['devices', 'import', file, '--database-url', db.url!]);
    expect(imported.out).toContain('imported 2 devices: 2 new, 0 updated; 2 meters created');
    const listed = await cli(['devices', 'list', '--database-url', db.url!]);
    expect(listed.out).toMatch(/70b3d57ed0001a2b\s+chirpstack\s+M-1\s+yes\s+no\s+yes/);
    expect(listed.out).toMatch(/nb-1\s+mqtt\s+cjt188\s+M-2\s+no\s+yes\s+yes/);
    expect(listed.out + listed.err).not.toMatch(/00112233|very-secret/);
    const removed = await cli(['devices', 'remove', 'nb-1', 'ghost', '--database-url', db.url!]);
    expect(removed.out).toContain('removed 1 device(s)');
    expect(removed.err).toContain('not registered: ghost');
    expect(removed.code).toBe(1);
  });

  it('refuses a file with problems, naming line and field, and imports nothing', async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'device_id,transport,aes_key,secret\nx-1,mqtt,,\nx-2,mqtt,NOTAKEY1234,\nx-3,bus,,\n');
    const r = await cli(['devices', 'import', file, '--database-url', db.url!]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 3, field aes_key: must be 32 hex digits (AES-128) or 16 (DES)');
    expect(r.err).toContain('line 4, field transport: must be one of');
    expect(r.err).not.toContain('NOTAKEY1234');
    const { rows } = await db.pool.query(`SELECT count(*)::int AS n FROM devices WHERE device_id LIKE 'x-%'`);
    expect(rows[0].n).toBe(0);
  });

  it('adds one device with a hashed secret and refuses a bad flag by name', async () => {
    const ok = await cli([
      'devices',
      'add',
      'dev-9',
      '--transport',
      'mqtt',
      '--meter',
      'M-9',
      '--secret',
      'secret-for-9',
      '--database-url',
      db.url!,
    ]);
    expect(ok.out).toContain('registered device dev-9 (meter M-9 created)');
    const { rows } = await db.pool.query(`SELECT secret_hash FROM devices WHERE device_id = 'dev-9'`);
    expect(rows[0].secret_hash).toMatch(/^scrypt\$/);
    const bad = await cli([
      'devices',
      'add',
      'dev-10',
      '--transport',
      'mqtt',
      '--aes-key',
      'zz',
      '--database-url',
      db.url!,
    ]);
    expect(bad.err).toContain('DEVICE_INPUT_INVALID: aes_key: must be 32 hex digits');
  });
});
