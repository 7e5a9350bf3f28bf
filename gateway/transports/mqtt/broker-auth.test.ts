import { describe, expect, it } from 'vitest';
import type { DeviceRecord } from '../../devices/device.js';
import { hashSecret } from '../../devices/secrets.js';
import { authenticatePrincipal, maySubscribe, publishDecision } from './broker-auth.js';

const topicFor = (id: string) => `meters/${id}/up`;

describe('embedded broker authorisation', () => {
  it('logs a device in with its secret only, and a service user with its password', async () => {
    const device: DeviceRecord = {
      deviceId: 'd1',
      transport: 'mqtt',
      enabled: true,
      secretHash: await hashSecret('s3cret-pass'),
    };
    const devices = { resolve: async (id: string) => (id === 'd1' ? device : undefined) };
    const services = [{ username: 'cs', password: 'bridge-password' }];
    expect(await authenticatePrincipal('d1', Buffer.from('s3cret-pass'), services, devices)).toEqual({
      kind: 'device',
      deviceId: 'd1',
    });
    expect(await authenticatePrincipal('d1', Buffer.from('wrong'), services, devices)).toBeUndefined();
    expect(await authenticatePrincipal('d2', Buffer.from('s3cret-pass'), services, devices)).toBeUndefined();
    expect(await authenticatePrincipal('cs', Buffer.from('bridge-password'), services, devices)).toEqual({
      kind: 'service',
      username: 'cs',
    });
    expect(await authenticatePrincipal('cs', Buffer.from('bridge-passwore'), services, devices)).toBeUndefined();
    expect(await authenticatePrincipal(undefined, undefined, services, devices)).toBeUndefined();
  });

  it('lets a device publish to its own topic only, and a service user anywhere but $SYS', () => {
    const device = { kind: 'device' as const, deviceId: 'd1' };
    const service = { kind: 'service' as const, username: 'cs' };
    expect(publishDecision(device, 'meters/d1/up', topicFor, () => true)).toBe('ingest');
    expect(publishDecision(device, 'meters/d2/up', topicFor, () => true)).toBe('deny');
    expect(publishDecision(service, 'application/a/device/b/event/up', topicFor, () => true)).toBe('ingest');
    expect(publishDecision(service, 'application/a/device/b/event/join', topicFor, () => false)).toBe('pass');
    expect(publishDecision(service, '$SYS/x', topicFor, () => false)).toBe('deny');
    expect(maySubscribe(device, 'meters/d1/down/#')).toBe(true);
    expect(maySubscribe(device, 'meters/+/up')).toBe(false);
    expect(maySubscribe(service, '#')).toBe(true);
  });
});
