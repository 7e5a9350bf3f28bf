/**
 * Kamstrup flowIQ 2200 (LoRaWAN, "mbusparser" payloads): an OMS application layer (CI 78h, 7Ah
 * or 72h) carrying M-Bus records, including an hourly inverse compact profile and Kamstrup's
 * manufacturer VIFEs (FF 25h infocode, FF 1Ch ALD last day, FF 16h module type/config).
 */
import type { DecodeContext, DecodeResult, DecodedAlarm, DecoderDefinition } from '../../core/types.js';
import { alarm } from '../shared/oms/canonical.js';
import { decodeOmsPayload, type VendorExtras } from '../shared/oms/decode.js';
import type { OmsRecord } from '../shared/oms/records.js';
import {
  dateTimeRecord,
  decimalRecord,
  encodeTplHeader,
  intRecord,
  meterWallClock,
  profileRecord,
  registerBytes,
  VIF,
  volumeExponent,
  type OmsHeaderInput,
  uintRecord,
} from '../shared/oms/encode.js';

export const KAMSTRUP_FLOWIQ2200_ID = 'lora/kamstrup/flowiq2200';

/** Infocode bits (Kamstrup flowIQ/multical21 LoRaWAN integration guide, as in the mbusparser codec). */
const INFOCODE_ALARMS: ReadonlyArray<[number, DecodedAlarm['kind'], string]> = [
  [0, 'dry_pipe', 'infocode bit 0: dry'],
  [1, 'backflow', 'infocode bit 1: reverse flow'],
  [2, 'leak', 'infocode bit 2: leak'],
  [3, 'burst', 'infocode bit 3: burst'],
  [4, 'tamper', 'infocode bit 4: tamper'],
  [5, 'low_battery', 'infocode bit 5: low battery'],
  [6, 'under_temperature', 'infocode bit 6: low ambient temperature'],
  [7, 'over_temperature', 'infocode bit 7: high ambient temperature'],
];

function kamstrupExtras(records: OmsRecord[], meterId: string, time: string): VendorExtras {
  const out: VendorExtras = { alarms: [], meta: {}, warnings: [] };
  for (const r of records) {
    if (r.quantity === 'kamstrup_infocode' && r.value !== undefined) {
      out.meta.infocode = r.value;
      for (const [bit, kind, detail] of INFOCODE_ALARMS) {
        if (r.value & (1 << bit)) out.alarms.push(alarm(kind, meterId, time, `${detail} (storage ${r.storage})`));
      }
    } else if (r.quantity === 'kamstrup_ald_last_day') {
      if (r.value === undefined || r.value === 4095) out.warnings.push('ALD last day is invalid');
      else out.meta.aldLastDay = r.value;
    } else if (r.quantity === 'kamstrup_ald' && r.value !== undefined) out.meta.ald = r.value;
    else if (r.quantity === 'kamstrup_config' && r.value !== undefined) out.meta.moduleConfig = r.value;
  }
  return out;
}

export function decodeFlowIq2200(bytes: Uint8Array, ctx: DecodeContext): DecodeResult {
  return decodeOmsPayload(KAMSTRUP_FLOWIQ2200_ID, bytes, ctx, kamstrupExtras);
}

/**
 * What a flowIQ 2200 payload carries, as the decoder reports it. The meter's records sit in
 * storage 1 (the last logged hour or midnight) with a type F time, as in the integration guide.
 */
export interface FlowIq2200Payload {
  header: OmsHeaderInput;
  /** UTC time of the storage 1 values; whole minutes in the meter's zone. */
  time?: string;
  /** The meter's zone (the decoder's meterTimeZone); Asia/Shanghai when absent, as the decoder. */
  meterTimeZone?: string;
  registerMl?: number;
  /** Hourly profile: registers one, two, … hours before `time`, newest first (needs registerMl and time). */
  hourlyHistoryMl?: number[];
  infocode?: number;
  /** ALD last day; 4095 is the meter's "invalid". */
  aldLastDay?: number;
  /** ALD (acoustic leak detection) value. */
  ald?: number;
  moduleConfig?: number;
  /** Minimum and maximum flow of the logged hour or day (2-byte records, L/h). */
  flowMinLph?: number;
  flowMaxLph?: number;
  /** Minimum and maximum water temperature (1-byte records, °C); null writes the invalid marker. */
  waterTemperatureMinC?: number | null;
  waterTemperatureMaxC?: number | null;
}

const STORAGE_1 = { storage: 1 } as const;
const KAMSTRUP_VIF = (vife: number): number[] => [0xff, vife];

/** Encoder for the simulator: the OMS records of one flowIQ 2200 LoRaWAN uplink. */
export function encodeFlowIq2200(p: FlowIq2200Payload): Uint8Array {
  const out = encodeTplHeader(p.header);
  if (p.time !== undefined) out.push(...dateTimeRecord(meterWallClock(p.time, p.meterTimeZone), STORAGE_1));
  if (p.registerMl !== undefined) {
    const history = p.hourlyHistoryMl ?? [];
    const e = volumeExponent([p.registerMl, ...history]);
    const base = p.registerMl / 10 ** e;
    out.push(...intRecord(base, registerBytes(base), [VIF.VOLUME + e], STORAGE_1));
    if (history.length > 0) {
      if (p.time === undefined) throw new RangeError('an hourly profile needs the time it steps back from');
      const values = history.map((v) => v / 10 ** e);
      out.push(...profileRecord(base, values, e, { incrementMode: 1, spacingUnit: 2, spacingValue: 1 }, STORAGE_1));
    }
  } else if (p.hourlyHistoryMl !== undefined)
    throw new RangeError('an hourly profile needs the register it steps back from');
  if (p.infocode !== undefined)
    out.push(...uintRecord(p.infocode, 2, KAMSTRUP_VIF(0x25), { ...STORAGE_1, functionField: 1 }));
  if (p.aldLastDay !== undefined) out.push(...uintRecord(p.aldLastDay, 2, KAMSTRUP_VIF(0x1c), STORAGE_1));
  if (p.ald !== undefined) out.push(...uintRecord(p.ald, 2, KAMSTRUP_VIF(0x1b), STORAGE_1));
  if (p.moduleConfig !== undefined) out.push(...uintRecord(p.moduleConfig, 4, KAMSTRUP_VIF(0x16)));
  if (p.flowMinLph !== undefined)
    out.push(...decimalRecord(p.flowMinLph, 2, VIF.FLOW_M3H, { ...STORAGE_1, functionField: 2 }));
  if (p.flowMaxLph !== undefined)
    out.push(...decimalRecord(p.flowMaxLph, 2, VIF.FLOW_M3H, { ...STORAGE_1, functionField: 1 }));
  const temperature = (c: number | null, functionField: number) =>
    c === null
      ? intRecord(null, 1, [VIF.FLOW_TEMPERATURE + 3], { ...STORAGE_1, functionField })
      : decimalRecord(c, 1, VIF.FLOW_TEMPERATURE, { ...STORAGE_1, functionField });
  if (p.waterTemperatureMinC !== undefined) out.push(...temperature(p.waterTemperatureMinC, 2));
  if (p.waterTemperatureMaxC !== undefined) out.push(...temperature(p.waterTemperatureMaxC, 1));
  return Uint8Array.from(out);
}

export const kamstrupFlowIq2200Decoder: DecoderDefinition = {
  id: KAMSTRUP_FLOWIQ2200_ID,
  protocol: 'lora',
  description: 'Kamstrup flowIQ 2200 LoRaWAN (OMS records over LoRaWAN, hourly compact profile, infocodes)',
  detect: { lora: [{ vendor: 'kamstrup', model: 'flowiq2200-02k73a' }] },
  decode: decodeFlowIq2200,
  references: [
    'EN 13757-3:2018 Table 10 (VIF), Table 15 (orthogonal VIFE), Annex A (data types), Annex F (inverse compact profile)',
    'EN 13757-7 (TPL header and status byte)',
    'TheThingsNetwork/lorawan-devices vendor/kamstrup/mbusparser.js (layout, infocode bits)',
  ],
};
