import { describe, expect, it } from 'vitest';
import type { DeviceDirectory, DeviceRecord } from '../../devices/device.js';
import { hashSecret } from '../../devices/secrets.js';
import { authenticateDevice, registrySecretDirectory, type CoapAuthMode } from './device-auth.js';

async function registry(): Promise<DeviceDirectory> {
  const records: Record<string, DeviceRecord> = {
    'nb-1': { deviceId: 'nb-1', transport: 'coap', enabled: true, secretHash: await hashSecret('s3cret-nb-1') },
    'nb-open': { deviceId: 'nb-open', transport: 'coap', enabled: true },
    'nb-off': { deviceId: 'nb-off', transport: 'coap', enabled: false, secretHash: await hashSecret('s3cret-nb-off') },
  };
  return { resolve: async (ref) => records[ref] };
}

describe('authenticateDevice over the registry (scrypt hashes)', () => {
  const outcome = async (mode: CoapAuthMode, deviceId: string, secret?: string) =>
    (await authenticateDevice(mode, registrySecretDirectory(await registry()), deviceId, secret))?.code ?? 'ok';

  it('checks nothing when off', async () => {
    expect(await outcome('off', 'nb-1', 'wrong')).toBe('ok');
  });

  it('in device mode requires the secret only of devices that have one', async () => {
    expect(await outcome('device', 'nb-1', 's3cret-nb-1')).toBe('ok');
    expect(await outcome('device', 'nb-1', 's3cret-nb-2')).toBe('COAP_DEVICE_UNAUTHORIZED');
    expect(await outcome('device', 'nb-1')).toBe('COAP_DEVICE_UNAUTHORIZED');
    expect(await outcome('device', 'nb-open')).toBe('ok');
    expect(await outcome('device', 'nb-unknown')).toBe('ok');
  });

  it('in required mode refuses unknown, disabled and secret-less devices', async () => {
    expect(await outcome('required', 'nb-1', 's3cret-nb-1')).toBe('ok');
    expect(await outcome('required', 'nb-open', 'x')).toBe('COAP_DEVICE_UNAUTHORIZED');
    expect(await outcome('required', 'nb-unknown', 'x')).toBe('COAP_DEVICE_UNAUTHORIZED');
    expect(await outcome('required', 'nb-off', 's3cret-nb-off')).toBe('COAP_DEVICE_UNAUTHORIZED');
  });

  it('throws (a wiring bug) when on without a directory', async () => {
    await expect(authenticateDevice('device', undefined, 'nb-1', 'x')).rejects.toThrow(
      /needs a device secret directory/,
    );
  });
});
