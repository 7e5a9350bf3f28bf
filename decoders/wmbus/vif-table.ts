/**
 * Value information: the primary VIF table (EN 13757-3 §6.4.2 Table 10), the extension tables
 * behind FD (Table 14) and FB (Table 12), and the combinable VIFEs (Table 15) that change a
 * value's scale or direction. Each quantity is expressed in one canonical unit so callers never
 * see a decimal scale: value = mantissa × factor × 10^exponent.
 */

export type Quantity =
  | 'energy'
  | 'volume'
  | 'mass'
  | 'on_time'
  | 'operating_time'
  | 'power'
  | 'volume_flow'
  | 'mass_flow'
  | 'flow_temperature'
  | 'return_temperature'
  | 'temperature_difference'
  | 'external_temperature'
  | 'pressure'
  | 'date'
  | 'datetime'
  | 'hca_units'
  | 'averaging_duration'
  | 'actuality_duration'
  | 'fabrication_number'
  | 'enhanced_id'
  | 'bus_address'
  | 'plain_text'
  | 'any'
  | 'manufacturer_specific'
  | 'access_number'
  | 'medium'
  | 'manufacturer'
  | 'parameter_set'
  | 'model_version'
  | 'hardware_version'
  | 'firmware_version'
  | 'software_version'
  | 'customer_location'
  | 'customer'
  | 'error_flags'
  | 'error_mask'
  | 'digital_output'
  | 'digital_input'
  | 'voltage'
  | 'current'
  | 'remaining_battery_days'
  | 'reception_level'
  | 'dimensionless'
  | 'unknown';

/** Canonical unit of each quantity that carries a number with a unit. */
export const CANONICAL_UNIT: Partial<Record<Quantity, string>> = {
  energy: 'Wh',
  volume: 'ml',
  mass: 'kg',
  on_time: 's',
  operating_time: 's',
  power: 'W',
  volume_flow: 'l/h',
  mass_flow: 'kg/h',
  flow_temperature: 'C',
  return_temperature: 'C',
  temperature_difference: 'K',
  external_temperature: 'C',
  pressure: 'bar',
  averaging_duration: 's',
  actuality_duration: 's',
  voltage: 'V',
  current: 'A',
  remaining_battery_days: 'd',
  reception_level: 'dBm',
};

export interface ValueInfo {
  quantity: Quantity;
  /** Decimal exponent to the canonical unit. */
  exponent: number;
  /** Non-decimal factor to the canonical unit (minutes, hours, m³/min...). */
  factor: number;
}

const TIME_FACTORS = [1, 60, 3600, 86400] as const;

function info(quantity: Quantity, exponent = 0, factor = 1): ValueInfo {
  return Object.freeze({ quantity, exponent, factor });
}

/** The rows of a 7-bit code table, computed once: lookups in the parser allocate nothing. */
function tabulate(row: (code: number) => ValueInfo): readonly ValueInfo[] {
  return Object.freeze(Array.from({ length: 128 }, (_, code) => row(code)));
}

const UNKNOWN = info('unknown');

/** Primary VIF, EN 13757-3 Table 10 (code = VIF & 0x7F). The returned rows are shared and frozen. */
export function primaryVif(code: number): ValueInfo {
  return PRIMARY[code & 0x7f] ?? UNKNOWN;
}

/** First extension table, VIF = FD (EN 13757-3 Table 14). */
export function extensionFdVif(code: number): ValueInfo {
  return EXTENSION_FD[code & 0x7f] ?? UNKNOWN;
}

/** Second extension table, VIF = FB (EN 13757-3 Table 12): only the volume rows matter here. */
export function extensionFbVif(code: number): ValueInfo {
  return EXTENSION_FB[code & 0x7f] ?? UNKNOWN;
}

function primaryRow(code: number): ValueInfo {
  const n3 = code & 0x07;
  const n2 = code & 0x03;
  if (code <= 0x07) return info('energy', n3 - 3);
  if (code <= 0x0f) return info('energy', n3, 1 / 3600); // J → Wh
  if (code <= 0x17) return info('volume', n3); // 10^(n-6) m³ = 10^n ml
  if (code <= 0x1f) return info('mass', n3 - 3);
  if (code <= 0x23) return info('on_time', 0, TIME_FACTORS[n2] ?? 1);
  if (code <= 0x27) return info('operating_time', 0, TIME_FACTORS[n2] ?? 1);
  if (code <= 0x2f) return info('power', n3 - 3);
  if (code <= 0x37) return info('power', n3, 1 / 3600); // J/h → W
  if (code <= 0x3f) return info('volume_flow', n3 - 3); // 10^(n-6) m³/h = 10^(n-3) l/h
  if (code <= 0x47) return info('volume_flow', n3 - 4, 60); // 10^(n-7) m³/min
  if (code <= 0x4f) return info('volume_flow', n3 - 6, 3600); // 10^(n-9) m³/s
  if (code <= 0x57) return info('mass_flow', n3 - 3);
  if (code <= 0x5b) return info('flow_temperature', n2 - 3);
  if (code <= 0x5f) return info('return_temperature', n2 - 3);
  if (code <= 0x63) return info('temperature_difference', n2 - 3);
  if (code <= 0x67) return info('external_temperature', n2 - 3);
  if (code <= 0x6b) return info('pressure', n2 - 3);
  if (code === 0x6c) return info('date');
  if (code === 0x6d) return info('datetime');
  if (code === 0x6e) return info('hca_units');
  if (code <= 0x73 && code >= 0x70) return info('averaging_duration', 0, TIME_FACTORS[n2] ?? 1);
  if (code <= 0x77 && code >= 0x74) return info('actuality_duration', 0, TIME_FACTORS[n2] ?? 1);
  if (code === 0x78) return info('fabrication_number');
  if (code === 0x79) return info('enhanced_id');
  if (code === 0x7a) return info('bus_address');
  if (code === 0x7c) return info('plain_text');
  if (code === 0x7e) return info('any');
  if (code === 0x7f) return info('manufacturer_specific');
  return info('unknown');
}

function extensionFdRow(code: number): ValueInfo {
  switch (code) {
    case 0x08:
      return info('access_number');
    case 0x09:
      return info('medium');
    case 0x0a:
      return info('manufacturer');
    case 0x0b:
      return info('parameter_set');
    case 0x0c:
      return info('model_version');
    case 0x0d:
      return info('hardware_version');
    case 0x0e:
      return info('firmware_version');
    case 0x0f:
      return info('software_version');
    case 0x10:
      return info('customer_location');
    case 0x11:
      return info('customer');
    case 0x17:
      return info('error_flags');
    case 0x18:
      return info('error_mask');
    case 0x1a:
      return info('digital_output');
    case 0x1b:
      return info('digital_input');
    case 0x3a:
      return info('dimensionless');
    case 0x71:
      return info('reception_level');
    case 0x74:
      return info('remaining_battery_days');
    default:
      if (code >= 0x40 && code <= 0x47) return info('voltage', (code & 0x0f) - 9);
      if (code >= 0x48 && code <= 0x4f) return info('current', (code & 0x07) - 12);
      return info('unknown');
  }
}

function extensionFbRow(code: number): ValueInfo {
  if (code === 0x10 || code === 0x11) return info('volume', (code & 1) + 8); // 10^(n+2) m³
  if (code === 0x00 || code === 0x01) return info('energy', (code & 1) + 5); // 10^(n-1) MWh
  return info('unknown');
}

const PRIMARY = tabulate(primaryRow);
const EXTENSION_FD = tabulate(extensionFdRow);
const EXTENSION_FB = tabulate(extensionFbRow);

/** What the combinable VIFEs (EN 13757-3 Table 15) do to a value. */
export interface CombinableEffect {
  exponentDelta: number;
  direction: 'forward' | 'backward' | null;
  /** A VIFE that changes the meaning (rate, limit, error state...) so the value is not the plain quantity. */
  qualified: boolean;
}

/** The effect of no combinable VIFE (shared, frozen). */
export const NO_EFFECT: CombinableEffect = Object.freeze({ exponentDelta: 0, direction: null, qualified: false });

export function combinableEffect(codes: readonly number[]): CombinableEffect {
  if (codes.length === 0) return NO_EFFECT;
  const effect: CombinableEffect = { exponentDelta: 0, direction: null, qualified: false };
  for (const c of codes) {
    if (c === 0x3b) effect.direction = 'forward';
    else if (c === 0x3c) effect.direction = 'backward';
    else if (c >= 0x70 && c <= 0x77) effect.exponentDelta += (c & 0x07) - 6; // multiplicative 10^(nnn-6)
    else if (c === 0x7d) effect.exponentDelta += 3; // multiplicative 10^3
    else effect.qualified = true;
  }
  return effect;
}
