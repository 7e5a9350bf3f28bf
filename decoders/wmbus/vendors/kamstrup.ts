/**
 * Kamstrup Multical 21 / flowIQ 2200 / KWM water meters. Facts from the Kamstrup data sheets as
 * mirrored in wmbusmeters' kamwater driver: the info codes record (VIF FF 20, 16 bits, or FF 23,
 * 32 bits), the water temperature sent as the minimum of a period, and the compact-frame formats.
 */
import type { VendorProfile } from './types.js';

const INFO_BITS = [
  { mask: 0x01, kind: 'dry_pipe', detail: 'DRY' },
  { mask: 0x02, kind: 'backflow', detail: 'REVERSE' },
  { mask: 0x04, kind: 'leak', detail: 'LEAK' },
  { mask: 0x08, kind: 'burst', detail: 'BURST' },
] as const;

export const kamstrup: VendorProfile = {
  id: 'kamstrup',
  description: 'Kamstrup Multical 21, flowIQ 2200, KWM 2230',
  mvt: [
    { m: 'KAM', v: 0x1b, t: 0x06 },
    { m: 'KAM', v: 0x1b, t: 0x16 },
    { m: 'KAM', v: 0x1d, t: 0x16 },
    { m: 'KAW', v: 0x3a, t: 0x16 },
    { m: 'KAW', v: 0x3c, t: 0x16 },
    { m: 'KAW', v: 0x42, t: 0x06 },
    { m: 'KAW', v: 0x42, t: 0x16 },
  ],
  fields: {
    // The meters send the water temperature only as the minimum over a logging period.
    waterTemperature: { quantity: 'flow_temperature' },
  },
  statusRecords: [
    // 16-bit info codes: bits 0..3 current alarms, bits 4..15 how long each lasted.
    { selector: { vifTable: 'manufacturer', firstCombinable: 0x20 }, status: { bits: [...INFO_BITS], ignoreMask: 0xfff0 } },
    {
      selector: { vifTable: 'manufacturer', firstCombinable: 0x23 },
      status: {
        bits: [
          ...INFO_BITS,
          { mask: 0x10, kind: 'tamper', detail: 'TAMPER' },
          { mask: 0x20, kind: 'low_battery', detail: 'LOW_BATTERY' },
          { mask: 0x40, kind: 'under_temperature', detail: 'LOW_AMBIENT_TEMPERATURE' },
          { mask: 0x80, kind: 'overflow', detail: 'FLOW_ABOVE_Q4' },
        ],
        // bit 9 "no consumption" is information, not an alarm
        ignoreMask: 0x200,
      },
    },
  ],
  compactFormats: [
    '02FF2004134413615B6167',
    '02FF20041392013BA1015B8101E7FF0F',
    '04FF234413523B06FF1B426C61675167023B04138101E7FF0F',
    '02FF2004134413426C523B615B616751678101E7FF0F06FF1B',
    '02FF2004134413A1015B8101E7FF0F',
    '02FF2004134413615B5167',
    '02FF2004134413',
    '02FF200413523B',
    '04FF2304134413426C023B92013BA2013B06FF1BA1015B91015BA10167',
  ],
};
