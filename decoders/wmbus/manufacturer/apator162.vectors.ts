/**
 * Apator at-wmbus-16-2 telegrams from the wmbusmeters apator162 driver tests and simulations
 * (simulation_apas.txt, serial_aes.msg). Plain replays of mode-5 frames; ApWater is the corpus's
 * decrypted plaintext of an all-zero-key frame and starts with lead byte 0x80 instead of the 0x0F DIF.
 */
import type { ManufacturerVector } from './test-support.js';

export const vectors: ManufacturerVector[] = [
  {
    name: 'Wasser id 20202020 (3.843 m3, ACC 154)',
    source: 'wmbusmeters drivers/src/apator162.xmq, simulations/simulation_apas.txt (apator162 Wasser)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '6E', // L: 110 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '20202020', // A: id 20202020
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '9A', // TPL ACC
      '00', // TPL STS
      '6085', // TPL CFG 0x8560 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '0A734393CC0000', // status: 4 bytes vendor date, 3 bytes fault flags
      '435B01', // register 0x43 (2 bytes): life days
      '83001A54E06F6302913425', // register 0x83 (10 bytes): event
      '10030F0000', // register 0x10 (4 bytes): total volume u32 LE litres = 3843 L
      '7B013E0B00003E0B00003E0B00003E0B00003E0B00003E0B00003E0B0000650000003D0000003D0000003D00000000000000', // register 0x7B (49 bytes): history, 1 + 12 quads
      'A0910CB003', // register 0xA0 (4 bytes): not decoded
      'FFFFFFFFFFFFFFFFFFFF', // FF padding
      'A62B', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 3843000,
      },
    },
  },
  {
    name: 'W2 id 02035240 (904.398 m3, ACC 45)',
    source: 'wmbusmeters drivers/src/apator162.xmq (apator162 W2)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '2E', // L: 46 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '40520302', // A: id 02035240
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '2D', // TPL ACC
      '00', // TPL STS
      '2085', // TPL CFG 0x8520 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '334DA39A000000', // status: 4 bytes vendor date, 3 bytes fault flags
      '71011ABF0D00039A0D00', // register 0x71 (9 bytes): history, 1 + 2 quads
      'A010538503', // register 0xA0 (4 bytes): not decoded
      '10CECC0D00', // register 0x10 (4 bytes): total volume u32 LE litres = 904398 L
      '8943', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 904398000,
      },
    },
  },
  {
    name: 'W3 id 02035240 (904.398 m3, ACC 50)',
    source: 'wmbusmeters drivers/src/apator162.xmq (apator162 W3)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '2E', // L: 46 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '40520302', // A: id 02035240
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '32', // TPL ACC
      '00', // TPL STS
      '2085', // TPL CFG 0x8520 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '354DA39A000000', // status: 4 bytes vendor date, 3 bytes fault flags
      '71011ABF0D00039A0D00', // register 0x71 (9 bytes): history, 1 + 2 quads
      'A010538503', // register 0xA0 (4 bytes): not decoded
      '10CECC0D00', // register 0x10 (4 bytes): total volume u32 LE litres = 904398 L
      '5E6D', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 904398000,
      },
    },
  },
  {
    name: 'Wasser5 id 00533603 (51.33 m3, ACC 33)',
    source: 'wmbusmeters drivers/src/apator162.xmq (apator162 Wasser5)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '6E', // L: 110 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '03365300', // A: id 00533603
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '21', // TPL ACC
      '00', // TPL STS
      '6085', // TPL CFG 0x8560 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '141F539A120002', // status: 4 bytes vendor date, 3 bytes fault flags
      '43EE0E', // register 0x43 (2 bytes): life days
      '84E3BDD9B6593A04050000', // register 0x84 (10 bytes): event
      '1082C80000', // register 0x10 (4 bytes): total volume u32 LE litres = 51330 L
      '7C01B2C4000064C10000B3BD00000DB900000EB500009FB0000054AB0000EDA30000A39D0000BF980000E394000038900000488B0000', // register 0x7C (53 bytes): history, 1 + 13 quads
      'A034CB8C04', // register 0xA0 (4 bytes): not decoded
      'FFFFFFFFFFFF', // FF padding
      'FA8A', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 51330000,
      },
    },
  },
  {
    name: 'NewAndOld id 00148686 (21.93 m3, ACC 53)',
    source: 'wmbusmeters drivers/src/apator162.xmq (apator162 NewAndOld)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '4E', // L: 78 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '86861400', // A: id 00148686
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '35', // TPL ACC
      '00', // TPL STS
      '4085', // TPL CFG 0x8540 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '005B5996000000', // status: 4 bytes vendor date, 3 bytes fault flags
      '10AA550000', // register 0x10 (4 bytes): total volume u32 LE litres = 21930 L
      '41545A', // register 0x41 (2 bytes): voltage
      '42850BD800', // register 0x42 (4 bytes): energy
      '437D03', // register 0x43 (2 bytes): life days
      '7301C5500000564B00009E4600006A410000', // register 0x73 (17 bytes): history, 1 + 4 quads
      'A01778EC03', // register 0xA0 (4 bytes): not decoded
      'FFFFFFFFFFFFFFFFFFFFFFFFFF', // FF padding
      'E393', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 21930000,
      },
    },
  },
  {
    name: 'NewAndOld id 00148686 (26.282 m3, ACC 53)',
    source: 'wmbusmeters drivers/src/apator162.xmq (apator162 NewAndOld)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '4E', // L: 78 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '86861400', // A: id 00148686
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '35', // TPL ACC
      '00', // TPL STS
      '4085', // TPL CFG 0x8540 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '005B5996000000', // status: 4 bytes vendor date, 3 bytes fault flags
      '10AA660000', // register 0x10 (4 bytes): total volume u32 LE litres = 26282 L
      '41545A', // register 0x41 (2 bytes): voltage
      '42850BD800', // register 0x42 (4 bytes): energy
      '437D03', // register 0x43 (2 bytes): life days
      '7301C5500000564B00009E4600006A410000', // register 0x73 (17 bytes): history, 1 + 4 quads
      'A01778EC03', // register 0xA0 (4 bytes): not decoded
      'FFFFFFFFFFFFFFFFFFFFFFFFFF', // FF padding
      'E393', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 26282000,
      },
    },
  },
  {
    name: 'has80 id 04040404 (73.519 m3, ACC 14)',
    source: 'wmbusmeters drivers/src/apator162.xmq (apator162 has80)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '70', // L: 112 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '04040404', // A: id 04040404
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '0E', // TPL ACC
      '00', // TPL STS
      '6085', // TPL CFG 0x8560 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '766DFB96010000', // status: 4 bytes vendor date, 3 bytes fault flags
      '430600', // register 0x43 (2 bytes): life days
      '808F67DB8F67DB01010000', // register 0x80 (10 bytes): event
      '102F1F0100', // register 0x10 (4 bytes): total volume u32 LE litres = 73519 L
      '7B01000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000', // register 0x7B (49 bytes): history, 1 + 12 quads
      'A05F5C1804', // register 0xA0 (4 bytes): not decoded
      'FFFFFFFFFFFFFFFFFFFF', // FF padding
      '26BC', // checksum
      'D649', // after the mode-5 blocks: not decoded
    ].join(''),
    expected: {
      values: {
        registerMl: 73519000,
      },
    },
  },
  {
    name: 'has79 id 04960212 (14.949 m3, ACC 121)',
    source: 'wmbusmeters drivers/src/apator162.xmq (apator162 has79)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '5E', // L: 94 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '12029604', // A: id 04960212
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '79', // TPL ACC
      '00', // TPL STS
      '5085', // TPL CFG 0x8550 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '78A599983B0200', // status: 4 bytes vendor date, 3 bytes fault flags
      '435000', // register 0x43 (2 bytes): life days
      '8057711657711601030000', // register 0x80 (10 bytes): event
      '10653A0000', // register 0x10 (4 bytes): total volume u32 LE litres = 14949 L
      '7919321E0000620000006200000000000000000000000000000000000000000000000000000000000000', // register 0x79 (41 bytes): history, 1 + 10 quads
      'A0422C6004', // register 0xA0 (4 bytes): not decoded
      'FFFF', // FF padding
      '2FBF', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 14949000,
      },
    },
  },
  {
    name: 'ApWater id 88888888 (4.848 m3, ACC 133) lead byte 0x80',
    source:
      'wmbusmeters simulations/serial_aes.msg (apator162 ApWater); AES mode 5, all-zero key, plaintext from the corpus decrypted_hex',
    formatId: 'apator162',
    kind: 'payload',
    headHex: [
      '6E', // L: 110 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '88888888', // A: id 88888888
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '85', // TPL ACC
      '00', // TPL STS
      '6085', // TPL CFG 0x8560 (mode 5, decrypted here)
      '2F2F', // 2F2F fill
    ].join(''),
    payloadHex: [
      '80', // lead byte (0x80 on this meter, not the 0x0F DIF)
      'C84AFD93080200', // status: 4 bytes vendor date, 3 bytes fault flags
      '438201', // register 0x43 (2 bytes): life days
      '83000A5415586302FCA915', // register 0x83 (10 bytes): event
      '10F0120000', // register 0x10 (4 bytes): total volume u32 LE litres = 4848 L
      '7B01F0120000C91200006D110000D20E0000F5090000B30400006D0000002B0000002B0000002B0000002B0000002B000000', // register 0x7B (49 bytes): history, 1 + 12 quads
      'A085D9A103', // register 0xA0 (4 bytes): not decoded
      'FFFFFFFFFFFFFFFFFFFF', // FF padding
      '0A8D', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 4848000,
      },
    },
  },
  {
    name: 'Wasser through decodePayload (lead byte 0x0F)',
    source: 'wmbusmeters drivers/src/apator162.xmq, simulations/simulation_apas.txt (apator162 Wasser)',
    formatId: 'apator162',
    kind: 'payload',
    headHex: [
      '6E', // L: 110 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '20202020', // A: id 20202020
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '9A006085', // TPL ACC STS CFG
      '2F2F', // 2F2F fill
    ].join(''),
    payloadHex: [
      '0F', // lead byte: DIF 0x0F
      '0A734393CC0000', // status: 4 bytes vendor date, 3 bytes fault flags
      '435B01', // register 0x43 (2 bytes): life days
      '83001A54E06F6302913425', // register 0x83 (10 bytes): event
      '10030F0000', // register 0x10 (4 bytes): total volume u32 LE litres = 3843 L
      '7B013E0B00003E0B00003E0B00003E0B00003E0B00003E0B00003E0B0000650000003D0000003D0000003D00000000000000', // register 0x7B (49 bytes): history, 1 + 12 quads
      'A0910CB003', // register 0xA0 (4 bytes): not decoded
      'FFFFFFFFFFFFFFFFFFFF', // FF padding
      'A62B', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 3843000,
      },
    },
  },
];
