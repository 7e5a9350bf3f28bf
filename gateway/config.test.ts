import { describe, expect, it } from 'vitest';
import { ConfigError } from '../common/config-error.js';
import { gatewaySettings } from './config.js';

function rejection(env: Record<string, string>, flags = {}): ConfigError {
  try {
    gatewaySettings(env, flags);
  } catch (err) {
    return err as ConfigError;
  }
  throw new Error('expected a rejection');
}

describe('gateway settings', () => {
  it('has working defaults: embedded broker on 1883, batches of up to 2,000 uplinks, 4 KiB payloads', () => {
    const s = gatewaySettings({});
    expect([
      s.MF_MQTT_ENABLED,
      s.MF_MQTT_URL,
      s.MF_MQTT_PORT,
      s.MF_WRITER_BATCH,
      s.MF_WRITER_LINGER_MS,
      s.MF_MAX_PAYLOAD_BYTES,
      s.MF_WRITER_WHEN_FULL,
    ]).toEqual([true, undefined, 1883, 2000, 20, 4096, 'block']);
  });

  it('lets flags override the environment', () => {
    const s = gatewaySettings(
      { MF_WRITER_BATCH: '100', MF_MQTT_URL: 'mqtt://a:1883' },
      { batchSize: '250', mqttUrl: 'mqtts://b:8883', mqtt: false },
    );
    expect([s.MF_WRITER_BATCH, s.MF_MQTT_URL, s.MF_MQTT_ENABLED]).toEqual([250, 'mqtts://b:8883', false]);
  });

  it('publishes alarms on MQTT unless MF_MQTT_ALARMS or --no-alarms turns it off', () => {
    expect(gatewaySettings({}).MF_MQTT_ALARMS).toBe(true);
    expect(gatewaySettings({ MF_MQTT_ALARMS: '0' }).MF_MQTT_ALARMS).toBe(false);
    expect(gatewaySettings({}, { alarms: false }).MF_MQTT_ALARMS).toBe(false);
    expect(gatewaySettings({ MF_MQTT_ALARMS: 'false' }, { alarms: true }).MF_MQTT_ALARMS).toBe(false);
  });

  it.each([
    [{ MF_MQTT_PORT: '70000' }, 'MF_MQTT_PORT'],
    [{ MF_MQTT_URL: 'http://x' }, 'MF_MQTT_URL'],
    [{ MF_WRITER_WHEN_FULL: 'spill' }, 'MF_WRITER_WHEN_FULL'],
    [{ MF_TOPIC_DIRECT: 'meters/+/up' }, 'MF_TOPIC_DIRECT'],
    [{ MF_TOPIC_DIRECT: 'meters/up' }, 'MF_TOPIC_DIRECT'],
    [{ MF_MQTT_TLS_CERT: 'cert.pem' }, 'MF_MQTT_TLS_KEY'],
    [{ MF_MQTT_SERVICE_USER: 'cs' }, 'MF_MQTT_SERVICE_PASSWORD'],
    [{ MF_MQTT_SHARE_GROUP: 'a/b' }, 'MF_MQTT_SHARE_GROUP'],
    [{ MF_MAX_PAYLOAD_BYTES: '0' }, 'MF_MAX_PAYLOAD_BYTES'],
  ])('rejects %j naming %s', (env, variable) => {
    const err = rejection(env);
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.variable).toBe(variable);
  });

  it('never echoes a password in the rejection', () => {
    const err = rejection({ MF_MQTT_SERVICE_USER: 'cs', MF_MQTT_SERVICE_PASSWORD: 'short' });
    expect(err.variable).toBe('MF_MQTT_SERVICE_PASSWORD');
    expect(err.message).not.toContain('short');
  });
});
