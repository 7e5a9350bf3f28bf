/** The embedded broker's TLS listener, with a self-signed certificate made for the test (openssl). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../storage/testing.js';
import { fixturePayload } from '../../testing/fixture-decoder.js';
import {
  preferredEngine,
  startTestGateway,
  TEST_SERVICE_USER,
  type TestGateway,
} from '../../testing/gateway-harness.js';
import { registerFixtureDevices } from '../../testing/uplinks.js';

function haveOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!haveOpenssl())('embedded MQTT broker over TLS', () => {
  let db: TestDatabase;
  let t: TestGateway;
  let cert: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mf-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    db = await createTestDatabase(preferredEngine());
    await registerFixtureDevices(db.pool, [{ deviceId: 'tls-dev', meterId: 'TLS-M' }]);
    t = await startTestGateway(db, {
      MF_MQTT_TLS_PORT: '0',
      MF_MQTT_TLS_CERT: join(dir, 'cert.pem'),
      MF_MQTT_TLS_KEY: join(dir, 'key.pem'),
    });
  });
  afterAll(async () => {
    await t?.gateway.stop();
    await db?.close();
  });

  it('takes uplinks on the TLS port, acknowledged after commit', async () => {
    expect(t.gateway.mqtt?.tlsPort).toBeGreaterThan(0);
    const client = await mqtt.connectAsync(`mqtts://127.0.0.1:${t.gateway.mqtt!.tlsPort}`, {
      ca: cert,
      username: TEST_SERVICE_USER.username,
      password: TEST_SERVICE_USER.password,
      reconnectPeriod: 0,
    });
    await client.publishAsync('meters/tls-dev/up', fixturePayload({ time: '2025-06-01T00:00:00Z', litres: 12 }), {
      qos: 1,
    });
    await client.endAsync();
    const { rows } = await db.pool.query(`SELECT register_ml FROM readings WHERE meter_id = 'TLS-M'`);
    expect(rows).toEqual([{ register_ml: 12_000 }]);
  });
});
