/** A registered device as the pipeline sees it (a row of the devices table). */
export type DeviceTransport = 'mqtt' | 'coap' | 'chirpstack' | 'tts' | 'onenet' | 'ctwing' | 'http' | 'any';

export const DEVICE_TRANSPORTS: readonly DeviceTransport[] = [
  'mqtt',
  'coap',
  'chirpstack',
  'tts',
  'onenet',
  'ctwing',
  'http',
  'any',
];

export interface DeviceRecord {
  deviceId: string;
  transport: DeviceTransport;
  /** Decoder id (decoders/index.ts) to use; else the model selects one, else the payload is recognised. */
  decoder?: string;
  /** vendor/model. */
  model?: string;
  /** The meter this device reports for; undefined for a concentrator that forwards several meters. */
  meterId?: string;
  /** AES-128 or DES key, hex. Never logged. */
  aesKey?: string;
  /** scrypt hash of the device's MQTT/CoAP secret. Never logged. */
  secretHash?: string;
  enabled: boolean;
  /** Volume per pulse for pulse counters, integer millilitres. */
  pulseVolumeMl?: number;
  /** IANA time zone of the meter's clock, for payloads with local times. */
  meterTimeZone?: string;
}

/**
 * Device ids are compared exactly, except EUIs (16 hex digits, as LoRaWAN DevEUIs are written):
 * those are kept in lower case, as the adapters report them.
 */
export function normaliseDeviceId(id: string): string {
  const t = id.trim();
  return /^[0-9A-Fa-f]{16}$/.test(t) ? t.toLowerCase() : t;
}

/** The port the pipeline resolves devices through. */
export interface DeviceDirectory {
  /** The device, or undefined when none is registered under this reference. */
  resolve(deviceRef: string): Promise<DeviceRecord | undefined>;
  /**
   * Optional fast path: the cached answer without waiting — the device, null for a reference
   * known to be unregistered, undefined when the cache cannot say.
   */
  peek?(deviceRef: string): DeviceRecord | null | undefined;
}
