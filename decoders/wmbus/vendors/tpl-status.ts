/**
 * Meters that use the manufacturer bits 5..7 of the TPL status byte (EN 13757-7 §7.5.6 Table 9),
 * after the wmbusmeters drivers' `mfct_tpl_status_bits` tables.
 */
import type { VendorProfile } from './types.js';

/**
 * Ecomess (Kaden water meters, Picoflux AiR): application status 3 (ALARM) is the permanent leak
 * alarm; bit 5 says the flow stayed below 100 l/h during the leak, bit 6 that it exceeded it
 * (both may be set). wmbusmeters kadenwater, picoflux.
 */
export const ecomessLeakFlow: VendorProfile = {
  id: 'ecomess-leak-flow',
  description: 'Ecomess/Kaden water meters and Picoflux AiR: leak flow class in TPL status bits 5..6',
  mvt: [
    { m: 'KDN', v: 0x01, t: 0x07 },
    { m: 'VIP', v: 0x01, t: 0x07 },
    { m: 'ECM', v: 0x05, t: 0x07 },
  ],
  tplStatus: {
    bits: [
      { mask: 0x20, kind: 'leak', detail: 'LEAK_FLOW_LOW' },
      { mask: 0x40, kind: 'leak', detail: 'LEAK_FLOW_HIGH' },
    ],
  },
};

/** BMeters iWM-TX5 (BMT version 0x18): TPL status bit 6 is tamper. wmbusmeters iwmtx5. */
export const bmetersIwmTx5: VendorProfile = {
  id: 'bmeters-iwm-tx5',
  description: 'BMeters iWM-TX5 water meter radio module: tamper in TPL status bit 6',
  mvt: [
    { m: 'BMT', v: 0x18, t: 0x06 },
    { m: 'BMT', v: 0x18, t: 0x07 },
  ],
  tplStatus: { bits: [{ mask: 0x40, kind: 'tamper', detail: 'TAMPER' }] },
};
