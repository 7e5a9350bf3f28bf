/**
 * Checking a device registration (from `devices add` flags or a CSV line) before it reaches the
 * database. Messages name the field and never repeat a key or a secret.
 */
import { DEVICE_TRANSPORTS, normaliseDeviceId, type DeviceTransport } from './device.js';

export interface DeviceInput {
  deviceId: string;
  transport: DeviceTransport;
  decoder?: string;
  model?: string;
  meterId?: string;
  aesKey?: string;
  /** Plain secret, to be hashed; never stored or printed as is. */
  secret?: string;
  pulseVolumeMl?: number;
  meterTimeZone?: string;
}

export type RawDeviceInput = Partial<
  Record<
    | 'device_id'
    | 'transport'
    | 'decoder'
    | 'model'
    | 'meter_id'
    | 'aes_key'
    | 'secret'
    | 'pulse_volume_ml'
    | 'meter_time_zone',
    string
  >
>;

export interface FieldProblem {
  field: string;
  message: string;
}

function timeZoneKnown(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The checked input, or the first problem (field + message). */
export function checkDeviceInput(
  raw: RawDeviceInput,
  knownDecoder?: (id: string) => boolean,
): DeviceInput | FieldProblem {
  const value = (k: keyof RawDeviceInput) => {
    const v = raw[k]?.trim();
    return v === undefined || v === '' ? undefined : v;
  };
  const id = value('device_id');
  if (id === undefined) return { field: 'device_id', message: 'is required' };
  if (id.length > 128) return { field: 'device_id', message: 'is longer than 128 characters' };
  if (/[\s/+#$]/.test(id) || id.includes('\u0000'))
    return { field: 'device_id', message: 'may not contain spaces or / + # $ (it is an MQTT topic level)' };
  const transport = value('transport') ?? 'any';
  if (!DEVICE_TRANSPORTS.includes(transport as DeviceTransport)) {
    return { field: 'transport', message: `must be one of ${DEVICE_TRANSPORTS.join(', ')}` };
  }
  const decoder = value('decoder');
  if (decoder !== undefined && knownDecoder && !knownDecoder(decoder))
    return { field: 'decoder', message: `no decoder with id '${decoder}'` };
  const model = value('model');
  if (model !== undefined && !/^[^/\s]+\/[^/\s]+$/.test(model))
    return { field: 'model', message: 'must be vendor/model' };
  const meterId = value('meter_id');
  if (meterId !== undefined && meterId.length > 128)
    return { field: 'meter_id', message: 'is longer than 128 characters' };
  const aesKey = value('aes_key');
  if (aesKey !== undefined && !/^([0-9A-Fa-f]{16}){1,2}$/.test(aesKey)) {
    return { field: 'aes_key', message: 'must be 32 hex digits (AES-128) or 16 (DES)' };
  }
  const secret = raw.secret === undefined || raw.secret === '' ? undefined : raw.secret;
  if (secret !== undefined && secret.length < 8) return { field: 'secret', message: 'must be at least 8 characters' };
  const pulse = value('pulse_volume_ml');
  let pulseVolumeMl: number | undefined;
  if (pulse !== undefined) {
    pulseVolumeMl = Number(pulse);
    if (!Number.isSafeInteger(pulseVolumeMl) || pulseVolumeMl <= 0)
      return { field: 'pulse_volume_ml', message: 'must be a positive whole number of millilitres' };
  }
  const tz = value('meter_time_zone');
  if (tz !== undefined && !timeZoneKnown(tz)) return { field: 'meter_time_zone', message: `unknown time zone '${tz}'` };
  return {
    deviceId: normaliseDeviceId(id),
    transport: transport as DeviceTransport,
    ...(decoder !== undefined ? { decoder } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(meterId !== undefined ? { meterId } : {}),
    ...(aesKey !== undefined ? { aesKey: aesKey.toUpperCase() } : {}),
    ...(secret !== undefined ? { secret } : {}),
    ...(pulseVolumeMl !== undefined ? { pulseVolumeMl } : {}),
    ...(tz !== undefined ? { meterTimeZone: tz } : {}),
  };
}

export function isProblem(v: DeviceInput | FieldProblem): v is FieldProblem {
  return 'field' in v && 'message' in v;
}
