/**
 * Apator 08 frames (CI A0) from the wmbusmeters apator08 driver tests: register in 1/3 litre counts,
 * rounded half up to millilitres (457.579333 m3 -> 457,579,333 mL).
 */
import type { ManufacturerVector } from './test-support.js';

export const vectors: ManufacturerVector[] = [
  {
    name: 'test_apator082 id 00149c06 (457.579333 m3)',
    source: 'wmbusmeters drivers/src/apator08.xmq (apator08 test_apator082)',
    formatId: 'apator08',
    kind: 'frame',
    telegramHex: [
      '1C', // L: 28 bytes follow
      '44', // C: SND_NR
      '1486', // M: APT (0x8614)
      '069C1400', // A: id 00149c06
      '0F', // A: version 0x0F
      '0F', // A: device type 0x0F
      'A0', // CI: manufacturer specific (Apator)
      '42F21400', // register u32 LE: 1372738 counts
      '0040030000000005FF0472BF1400', // not decoded
    ].join(''),
    expected: {
      values: {
        registerMl: 457579333,
        meta: {
          rawCount: 1372738,
        },
      },
    },
  },
  {
    name: 'Vatten id 004444dd (871.571 m3)',
    source: 'wmbusmeters drivers/src/apator08.xmq, simulations/simulation_t1.txt (apator08 Vatten)',
    formatId: 'apator08',
    kind: 'frame',
    telegramHex: [
      '73', // L: 115 bytes follow
      '44', // C: SND_NR
      '1486', // M: APT (0x8614)
      'DD444400', // A: id 004444dd
      '03', // A: version 0x03
      '03', // A: device type 0x03
      'A0', // CI: manufacturer specific (Apator)
      'B9E52700', // register u32 LE: 2614713 counts
      '4C4034B31CED0106FF01D093270065F022009661230054D02300EC49240018B424005F012500936D2500FFD525000E3D26001EAC26000B2027000300000000371D0B2000000000000024000000000000280000000000002C0033150C010D2F000000000000', // not decoded
    ].join(''),
    expected: {
      values: {
        registerMl: 871571000,
        meta: {
          rawCount: 2614713,
        },
      },
    },
  },
];
