/**
 * Diehl REAL_DATA frames (CI 7A, configuration bit 12) from the wmbusmeters hydrus driver tests.
 * They are replays whose payload is already plain: no key descrambles them, but the raw payload
 * passes the REAL_DATA checksum, so it is taken as is. The values come from the generic record parser.
 */
import type { ManufacturerVector } from './test-support.js';

export const vectors: ManufacturerVector[] = [
  {
    name: 'HydrusIzarRS (REAL_DATA, id 60897379)',
    source:
      'wmbusmeters drivers/src/hydrus.xmq, simulations/simulation_t1.txt (hydrus HydrusIzarRS); the records decode to total_m3 71.442, total_at_date_m3 69.7 at 2021-03-31 (generic parser)',
    formatId: 'diehl-real-data',
    kind: 'unwrap',
    telegramHex: [
      '1E', // L: 30 bytes follow
      '44', // C: SND_NR
      '2423', // M: HYD (0x2324)
      '8B07', // A (Diehl order): version 0x8B, device type 0x07
      '79738960', // A (Diehl order): id 60897379
      '7A', // CI: TPL short header
      '8F', // TPL ACC
      '00', // TPL STS
      '107D', // TPL CFG 0x7D10: bit 12 = REAL_DATA; high byte = payload checksum | 0x10
      '041312170100426CBF23441344100100', // payload: standard DIF/VIF records (already plain in this replay)
    ].join(''),
    expected: {
      values: {},
    },
    expectedUnwrap: {
      payloadHex: '041312170100426CBF23441344100100',
      meterId: '60897379',
      descrambled: false,
    },
  },
  {
    name: 'HydrusIzarRSWarm (REAL_DATA, id 60904720)',
    source:
      'wmbusmeters drivers/src/hydrus.xmq, simulations/simulation_t1.txt (hydrus HydrusIzarRSWarm); the records decode to total_m3 49.373, total_at_date_m3 48.002 at 2021-03-31 (generic parser)',
    formatId: 'diehl-real-data',
    kind: 'unwrap',
    telegramHex: [
      '1E', // L: 30 bytes follow
      '44', // C: SND_NR
      '2423', // M: HYD (0x2324)
      '8B06', // A (Diehl order): version 0x8B, device type 0x06
      '20479060', // A (Diehl order): id 60904720
      '7A', // CI: TPL short header
      '2A', // TPL ACC
      '00', // TPL STS
      '10D8', // TPL CFG 0xD810: bit 12 = REAL_DATA; high byte = payload checksum | 0x10
      '0413DDC00000426CBF23441382BB0000', // payload: standard DIF/VIF records (already plain in this replay)
    ].join(''),
    expected: {
      values: {},
    },
    expectedUnwrap: {
      payloadHex: '0413DDC00000426CBF23441382BB0000',
      meterId: '60904720',
      descrambled: false,
    },
  },
];
