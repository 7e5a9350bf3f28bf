/** Stage: find the registered device the uplink comes from (DeviceDirectory port, cached). */
import type { DeviceDirectory, DeviceRecord } from '../../devices/device.js';
import { GatewayErrorCode } from '../../errors.js';
import type { Uplink } from '../../uplink.js';
import { deadLetter, type StageResult } from '../prepared.js';

/** The stage's decision once the directory answered (undefined: no such device). */
export function checkDevice(uplink: Uplink, device: DeviceRecord | undefined): StageResult<DeviceRecord> {
  if (device === undefined) {
    return deadLetter('unknown_device', GatewayErrorCode.UNKNOWN_DEVICE, `no device registered as ${uplink.deviceRef}`);
  }
  if (!device.enabled) {
    return deadLetter('unknown_device', GatewayErrorCode.DEVICE_DISABLED, `device ${device.deviceId} is disabled`);
  }
  return { next: device };
}

/** Asks the directory: from its cache without waiting when it can, else from the database. */
export function lookUp(
  directory: DeviceDirectory,
  deviceRef: string,
): DeviceRecord | undefined | Promise<DeviceRecord | undefined> {
  const cached = directory.peek?.(deviceRef);
  if (cached !== undefined) return cached ?? undefined;
  return directory.resolve(deviceRef);
}

export async function resolveDevice(uplink: Uplink, directory: DeviceDirectory): Promise<StageResult<DeviceRecord>> {
  return checkDevice(uplink, await directory.resolve(uplink.deviceRef));
}
