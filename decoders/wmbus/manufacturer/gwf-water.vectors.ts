/**
 * GWF water meter telegrams from the wmbusmeters gwfwater driver tests: the status block after the
 * 0x0F DIF. Wateroo uses a short TPL header behind an ELL; Watertwo and Watererr a long TPL header
 * (GWF 0x3C/0x07) behind a GWF 0x02/0x0E link address and ELL.
 */
import type { ManufacturerVector } from './test-support.js';

const LONG_HEADER_HEAD = [
  '39', // L
  '44', // C: SND_NR
  'E61E', // M: GWF (link)
  '46441510', // A: link id 10154446
  '02', // A: version 0x02
  '0E', // A: device type 0x0E
  '8C04', // CI 8C: ELL I, CC 04
  '42', // ELL access number
  '72', // CI 72: TPL long header
  '50076819', // TPL id 19680750
  'E61E', // TPL M: GWF
  '3C', // TPL version 0x3C
  '07', // TPL device type: water
  'B1002045', // ACC STS CFG (mode 5, no encrypted blocks)
  '2F2F', // 2F2F fill
  '03748B0500', // actuality duration 1419 s
  '0413DC690D00', // total 879.068 m3
  '4413A4630D00', // storage 1: 877.476 m3
  '426C213C', // storage 1 date 2025-12-01
  '02FD74B514', // FD 74, not decoded
  '0F', // DIF 0x0F: manufacturer data follows
].join('');

export const vectors: ManufacturerVector[] = [
  {
    name: 'Wateroo id 20221031 (battery low, saving mode)',
    source: 'wmbusmeters drivers/src/gwfwater.xmq (gwfwater Wateroo)',
    formatId: 'gwf-water',
    kind: 'dataBlock',
    headHex: [
      '31', // L
      '44', // C: SND_NR
      'E61E', // M: GWF
      '31102220', // A: id 20221031
      '01', // A: version 0x01
      '0E', // A: device type 0x0E
      '8C04F4', // CI 8C: ELL I, CC 04, ACC F4
      '7ABE042045', // CI 7A: ACC BE, STS 04 (power low), CFG mode 5 plain
      '2F2F', // 2F2F fill
      '0374100000', // actuality duration 16 s
      '04133E000000', // total 0.062 m3
      '4413FFFFFFFF', // storage 1 volume: -1 L
      '426CFFFF', // storage 1 date: none
      '0F', // DIF 0x0F
    ].join(''),
    blockHex: [
      '01', // block type 1
      '20', // status: BATTERY_LOW
      '01', // power byte: saving mode, battery 0 half years
      '2F2F2F2F2F', // fill
    ].join(''),
    expected: {
      values: {
        statusBits: 0x20,
        alarms: [{ kind: 'low_battery', detail: 'BATTERY_LOW' }],
        meta: { status: 'BATTERY_LOW', powerMode: 'SAVING', remainingBatteryLifeY: 0 },
      },
    },
  },
  {
    name: 'Watertwo id 19680750 (status OK, 14 years of battery)',
    source: 'wmbusmeters drivers/src/gwfwater.xmq (gwfwater Watertwo)',
    formatId: 'gwf-water',
    kind: 'dataBlock',
    headHex: LONG_HEADER_HEAD,
    blockHex: [
      '01', // block type 1
      '00', // status: none
      'E3', // power byte: saving mode, 0xE3 >> 3 = 28 half years
    ].join(''),
    expected: {
      values: { alarms: [], meta: { status: 'OK', powerMode: 'SAVING', remainingBatteryLifeY: 14 } },
    },
  },
  {
    name: 'Watererr id 19680750 (block type 2: not understood)',
    source: 'wmbusmeters drivers/src/gwfwater.xmq (gwfwater Watererr)',
    formatId: 'gwf-water',
    kind: 'dataBlock',
    headHex: LONG_HEADER_HEAD,
    blockHex: '0200E3',
    expected: {
      values: {
        alarms: [{ kind: 'meter_error', detail: 'UNKNOWN_MFCT_STATUS_2' }],
        meta: { status: 'UNKNOWN_MFCT_STATUS_2', gwfBlockType: 2 },
      },
    },
  },
];
