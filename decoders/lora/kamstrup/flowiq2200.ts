/**
 * Kamstrup flowIQ 2200 (LoRaWAN, "mbusparser" payloads): an OMS application layer (CI 78h, 7Ah
 * or 72h) carrying M-Bus records, including an hourly inverse compact profile and Kamstrup's
 * manufacturer VIFEs (FF 25h infocode, FF 1Ch ALD last day, FF 16h module type/config).
 */
import type { DecodeContext, DecodeResult, DecodedAlarm, DecoderDefinition } from '../../core/types.js';
import { alarm } from '../shared/oms/canonical.js';
import { decodeOmsPayload, type VendorExtras } from '../shared/oms/decode.js';
import type { OmsRecord } from '../shared/oms/records.js';

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
