import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../storage/testing.js';
import { preferredEngine } from '../testing/gateway-harness.js';
import { readDeviceCsv } from './csv-import.js';
import { createPgDeviceDirectory } from './pg-directory.js';
import { listDevices, removeDevices, upsertDevices } from './registry-store.js';
import { verifySecret } from './secrets.js';

describe('device registry in the database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(preferredEngine());
  });
  afterAll(async () => {
    await db?.close();
  });

  it('imports a CSV file: meters created, secrets hashed, listings without keys or secrets', async () => {
    const csv = readDeviceCsv(
      'device_id,transport,decoder,model,meter_id,aes_key,secret\n' +
        '70B3D57ED0001A2B,chirpstack,,kamstrup/flowiq2200,M-1,00112233445566778899AABBCCDDEEFF,\n' +
        'nb-1,coap,cjt188,,M-2,,nb-secret-1\n',
    );
    if (!csv.ok) throw new Error('fixture CSV refused');
    expect(await upsertDevices(db.pool, csv.devices)).toEqual({ created: 2, updated: 0, metersCreated: 2 });
    expect(
      await upsertDevices(
        db.pool,
        csv.devices.slice(1).map((d) => ({ ...d, secret: undefined })),
      ),
    ).toEqual({ created: 0, updated: 1, metersCreated: 0 });
    const listed = await listDevices(db.pool);
    expect(listed).toEqual([
      {
        deviceId: '70b3d57ed0001a2b',
        transport: 'chirpstack',
        decoder: null,
        model: 'kamstrup/flowiq2200',
        meterId: 'M-1',
        hasKey: true,
        hasSecret: false,
        enabled: true,
      },
      {
        deviceId: 'nb-1',
        transport: 'coap',
        decoder: 'cjt188',
        model: null,
        meterId: 'M-2',
        hasKey: false,
        hasSecret: true,
        enabled: true,
      },
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/0011223344|nb-secret/);
    const stored = await db.pool.query(`SELECT secret_hash FROM devices WHERE device_id = 'nb-1'`);
    expect(stored.rows[0].secret_hash).toMatch(/^scrypt\$/);
    expect(await verifySecret('nb-secret-1', stored.rows[0].secret_hash)).toBe(true);
  });

  it('resolves devices through the cache, sees new ones after the negative TTL, and removes them', async () => {
    let now = 0;
    const dir = createPgDeviceDirectory(db.pool, { negativeTtlMs: 1000, now: () => now });
    expect(await dir.resolve('late-1')).toBeUndefined();
    await upsertDevices(db.pool, [{ deviceId: 'late-1', transport: 'mqtt', meterId: 'M-3' }]);
    expect(await dir.resolve('late-1')).toBeUndefined();
    now += 1001;
    expect((await dir.resolve('late-1'))?.meterId).toBe('M-3');
    const [a, b] = await Promise.all([dir.resolve('70B3D57ED0001A2B'), dir.resolve('nb-1')]);
    expect([a?.aesKey, b?.decoder]).toEqual(['00112233445566778899AABBCCDDEEFF', 'cjt188']);
    expect(await removeDevices(db.pool, ['late-1', 'never-there'])).toEqual(['never-there']);
  });
});
