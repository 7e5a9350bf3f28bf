/**
 * Optional device authentication for CoAP. NB-IoT meters rarely do DTLS, so a device may prove
 * who it is with its secret: `?s={secret}` in the URI or `"secret"` in the JSON wrapper. The
 * secret is checked against the device's stored hash (devices.secret_hash, never the secret
 * itself) through the registry's verifier; it is never logged and never stored with the uplink.
 *
 *   off       no check (default); the pipeline still dead-letters unknown devices
 *   device    a device that has a secret configured must present it; devices without one, and
 *             unknown devices (dead-lettered by the pipeline), pass
 *   required  every request must carry the valid secret of a known device with a secret
 *
 * Refusals answer 4.01 Unauthorized with one reason for every case, so that a prober cannot
 * tell an unknown device from a wrong secret. Plain CoAP sends the secret in clear over the
 * carrier network: use it with a private APN, or prefer the per-device AES payload keys.
 */
import type { DeviceDirectory } from '../../devices/device.js';
import { verifySecret } from '../../devices/secrets.js';
import { CoapRejectCode, reject, type CoapRejection } from './errors.js';

export type CoapAuthMode = 'off' | 'device' | 'required';

/** What the device registry tells about a device's secret. */
export type DeviceSecretRecord =
  { kind: 'unknown_device' } | { kind: 'no_secret' } | { kind: 'secret'; secretHash: string };

/** The registry side of device authentication (implemented over the device registry). */
export interface DeviceSecretDirectory {
  secretOf(deviceId: string): Promise<DeviceSecretRecord>;
  /** Constant-time check of a presented secret against a stored hash. */
  verify(secret: string, secretHash: string): Promise<boolean>;
}

/** The directory over the gateway's device registry (cached) and its scrypt secret hashes. */
export function registrySecretDirectory(devices: DeviceDirectory): DeviceSecretDirectory {
  return {
    async secretOf(deviceId) {
      const device = await devices.resolve(deviceId);
      if (!device || !device.enabled) return { kind: 'unknown_device' };
      return device.secretHash === undefined
        ? { kind: 'no_secret' }
        : { kind: 'secret', secretHash: device.secretHash };
    },
    verify: verifySecret,
  };
}

const REFUSED = 'device authentication failed: present the device secret as ?s= or "secret"';

export async function authenticateDevice(
  mode: CoapAuthMode,
  directory: DeviceSecretDirectory | undefined,
  deviceId: string,
  secret: string | undefined,
): Promise<CoapRejection | undefined> {
  if (mode === 'off') return undefined;
  if (!directory) throw new Error(`CoAP device authentication '${mode}' needs a device secret directory`);
  const record = await directory.secretOf(deviceId);
  if (record.kind !== 'secret') {
    return mode === 'required' ? reject(CoapRejectCode.DEVICE_UNAUTHORIZED, REFUSED) : undefined;
  }
  if (secret === undefined) return reject(CoapRejectCode.DEVICE_UNAUTHORIZED, REFUSED);
  const ok = await directory.verify(secret, record.secretHash);
  return ok ? undefined : reject(CoapRejectCode.DEVICE_UNAUTHORIZED, REFUSED);
}
