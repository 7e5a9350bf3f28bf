/**
 * Apator 17.2 frames (CI A0) from the wmbusmeters apator172 driver tests (corpus snapshot): register
 * in 1/3 m3 counts (7177.666667 m3 -> 7,177,666,667 mL).
 */
import type { ManufacturerVector } from './test-support.js';

export const vectors: ManufacturerVector[] = [
  {
    name: 'Vattur id 0014a807 (7177.666667 m3)',
    source: 'wmbusmeters drivers/src/apator172.xmq (apator172 Vattur)',
    formatId: 'apator172',
    kind: 'frame',
    telegramHex: [
      '1C', // L: 28 bytes follow
      '44', // C: SND_NR
      '1486', // M: APT (0x8614)
      '07A81400', // A: id 0014a807
      '04', // A: version 0x04
      '11', // A: device type 0x11
      'A0', // CI: manufacturer specific (Apator)
      '1D540000', // register u32 LE: 21533 counts
      '0840030000000005FF05D83D0000', // not decoded
    ].join(''),
    expected: {
      values: {
        registerMl: 7177666667,
        meta: {
          rawCount: 21533,
        },
      },
    },
  },
  {
    name: 'Vattur id 0014a807 (7179 m3)',
    source: 'wmbusmeters drivers/src/apator172.xmq (apator172 Vattur)',
    formatId: 'apator172',
    kind: 'frame',
    telegramHex: [
      '1C', // L: 28 bytes follow
      '44', // C: SND_NR
      '1486', // M: APT (0x8614)
      '07A81400', // A: id 0014a807
      '04', // A: version 0x04
      '11', // A: device type 0x11
      'A0', // CI: manufacturer specific (Apator)
      '21540000', // register u32 LE: 21537 counts
      '0840030000000005FF05D83D0000', // not decoded
    ].join(''),
    expected: {
      values: {
        registerMl: 7179000000,
        meta: {
          rawCount: 21537,
        },
      },
    },
  },
];
