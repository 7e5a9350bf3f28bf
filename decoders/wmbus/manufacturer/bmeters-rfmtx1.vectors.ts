/**
 * BMeters RFM-TX1 frame (CI 7A, configuration 0x1006) from the wmbusmeters rfmtx1 driver test.
 */
import type { ManufacturerVector } from './test-support.js';

export const vectors: ManufacturerVector[] = [
  {
    name: 'Wasser id 74737271',
    source: 'wmbusmeters drivers/src/rfmtx1.xmq, simulations/simulation_t1.txt (rfmtx1 Wasser)',
    formatId: 'bmeters-rfmtx1',
    kind: 'frame',
    telegramHex: [
      '46', // L: 70 bytes follow
      '44', // C: SND_NR
      'B409', // M: BMT (0x09B4)
      '71727374', // A: id 74737271
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      'A5', // ACC 0xA5: obfuscation key byte (table row 5)
      '00', // STS
      '0610', // CFG 0x1006: RFM-TX1 layout
      '1115', // not decoded
      'F78184AB', // register, obfuscated BCD litres
      '0F1D1E20000000', // not decoded
      '590410310320', // meter time BCD: s m h D M Y
      '8047004A4800E73C00193E00453F003E4000E64000E74100F442000144001545005B460000', // not decoded
    ].join(''),
    expected: {
      values: {
        registerMl: 188560000,
      },
    },
    expectedMetaPrefix: {
      meterDateTime: '2020-03-31 10:04',
    },
  },
];
