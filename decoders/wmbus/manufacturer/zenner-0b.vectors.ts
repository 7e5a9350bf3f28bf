/**
 * Zenner version 0x0B telegrams from the wmbusmeters zenner0b driver tests. The driver's "target_m3"
 * is the current month's consumption (meta.currentMonthConsumptionMl), not a billing register.
 */
import type { ManufacturerVector } from './test-support.js';

export const vectors: ManufacturerVector[] = [
  {
    name: 'TestWater id 50087367 (status OK)',
    source: 'wmbusmeters drivers/src/zenner0b.xmq (zenner0b TestWater)',
    formatId: 'zenner-0b',
    kind: 'dataBlock',
    headHex: [
      '1E', // L: 30 bytes follow
      '44', // C: SND_NR
      '496A', // M: ZRI (0x6A49)
      '67730850', // A: id 50087367
      '0B', // A: version 0x0B
      '16', // A: device type 0x16
      '7A', // CI: TPL short header
      'D8001025', // TPL ACC STS CFG (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '00000000', // status u32 LE
      '80BF1B00', // current month consumption: 1818496 / 256000 m3
      '00A64200', // total: 4367872 / 256000 m3
      '00', // not decoded
    ].join(''),
    expected: {
      values: {
        registerMl: 17062000,
        meta: {
          status: 'OK',
          currentMonthConsumptionMl: 7103500,
        },
      },
    },
  },
  {
    name: 'StatusWater id 50087367 (status STATUS_1BBF80)',
    source: 'wmbusmeters drivers/src/zenner0b.xmq (zenner0b StatusWater)',
    formatId: 'zenner-0b',
    kind: 'dataBlock',
    headHex: [
      '1E', // L: 30 bytes follow
      '44', // C: SND_NR
      '496A', // M: ZRI (0x6A49)
      '67730850', // A: id 50087367
      '0B', // A: version 0x0B
      '16', // A: device type 0x16
      '7A', // CI: TPL short header
      'D8001025', // TPL ACC STS CFG (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '80BF1B00', // status u32 LE
      '80BF1B00', // current month consumption: 1818496 / 256000 m3
      '00A64200', // total: 4367872 / 256000 m3
      '00', // not decoded
    ].join(''),
    expected: {
      values: {
        registerMl: 17062000,
        meta: {
          status: 'STATUS_1BBF80',
          currentMonthConsumptionMl: 7103500,
        },
        alarms: [
          {
            kind: 'meter_error',
            detail: 'STATUS_1BBF80',
          },
        ],
      },
    },
  },
];
