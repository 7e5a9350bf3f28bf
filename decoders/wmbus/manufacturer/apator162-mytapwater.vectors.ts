/**
 * Apator at-wmbus-16-2 "MyTapWater" telegrams (wmbusmeters apator162 driver tests and
 * simulations/simulation_apas.txt): the same meter model with the total register at different
 * offsets among history and event registers.
 */
import type { ManufacturerVector } from './test-support.js';

export const vectors: ManufacturerVector[] = [
  {
    name: 'MyTapWatera id 21202020 (270.133 m3, ACC 19)',
    source: 'wmbusmeters drivers/src/apator162.xmq, simulations/simulation_apas.txt (apator162 MyTapWatera)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '4E', // L: 78 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '20202021', // A: id 21202020
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '13', // TPL ACC
      '00', // TPL STS
      '4085', // TPL CFG 0x8540 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '6D4C3893000200', // status: 4 bytes vendor date, 3 bytes fault flags
      '438402', // register 0x43 (2 bytes): life days
      '10351F0400', // register 0x10 (4 bytes): total volume u32 LE litres = 270133 L
      '75012C0B040048D603003E630300CD2C03001EF402000ACE0200', // register 0x75 (25 bytes): history, 1 + 6 quads
      'A098A39603', // register 0xA0 (4 bytes): not decoded
      'FFFFFFFFFFFFFFFFFFFFFFFFFF', // FF padding
      '1977', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 270133000,
      },
    },
  },
  {
    name: 'MyTapWaterb id 22202020 (64.508 m3, ACC 75)',
    source: 'wmbusmeters drivers/src/apator162.xmq, simulations/simulation_apas.txt (apator162 MyTapWaterb)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '4E', // L: 78 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '20202022', // A: id 22202020
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '4B', // TPL ACC
      '00', // TPL STS
      '4085', // TPL CFG 0x8540 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      'E566B993900000', // status: 4 bytes vendor date, 3 bytes fault flags
      '87C0B24B732679FF753500', // register 0x87 (10 bytes): event
      '10FCFB0000', // register 0x10 (4 bytes): total volume u32 LE litres = 64508 L
      '415559', // register 0x41 (2 bytes): voltage
      '4265086A00', // register 0x42 (4 bytes): energy
      '43B401', // register 0x43 (2 bytes): life days
      '7301DFF600006AE70000BFD5000051BC0000', // register 0x73 (17 bytes): history, 1 + 4 quads
      'A0F56C2602', // register 0xA0 (4 bytes): not decoded
      'FFFF', // FF padding
      '1B1B', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 64508000,
      },
    },
  },
  {
    name: 'MyTapWaterc id 23202020 (77.752 m3, ACC 157)',
    source: 'wmbusmeters drivers/src/apator162.xmq, simulations/simulation_apas.txt (apator162 MyTapWaterc)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '4E', // L: 78 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '20202023', // A: id 23202020
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '9D', // TPL ACC
      '00', // TPL STS
      '4085', // TPL CFG 0x8540 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '81902C93000000', // status: 4 bytes vendor date, 3 bytes fault flags
      '10B82F0100', // register 0x10 (4 bytes): total volume u32 LE litres = 77752 L
      '415559', // register 0x41 (2 bytes): voltage
      '42BD288200', // register 0x42 (4 bytes): energy
      '431902', // register 0x43 (2 bytes): life days
      '7301BC2601005C180100CB0A0100DFF60000', // register 0x73 (17 bytes): history, 1 + 4 quads
      'A0F56C2602', // register 0xA0 (4 bytes): not decoded
      'FFFFFFFFFFFFFFFFFFFFFFFFFF', // FF padding
      '5B7C', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 77752000,
      },
    },
  },
  {
    name: 'MyTapWaterd id 24202020 (82.426 m3, ACC 108)',
    source: 'wmbusmeters drivers/src/apator162.xmq, simulations/simulation_apas.txt (apator162 MyTapWaterd)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '4E', // L: 78 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '20202024', // A: id 24202020
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '6C', // TPL ACC
      '00', // TPL STS
      '4085', // TPL CFG 0x8540 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '73B3E194100000', // status: 4 bytes vendor date, 3 bytes fault flags
      '84E15381E5538101010000', // register 0x84 (10 bytes): event
      '10FA410100', // register 0x10 (4 bytes): total volume u32 LE litres = 82426 L
      '415559', // register 0x41 (2 bytes): voltage
      '42BF4E8A00', // register 0x42 (4 bytes): energy
      '433B02', // register 0x43 (2 bytes): life days
      '7301AD380100BC2601005C180100CB0A0100', // register 0x73 (17 bytes): history, 1 + 4 quads
      'A0F56C2602', // register 0xA0 (4 bytes): not decoded
      'FFFF', // FF padding
      'D0D7', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 82426000,
      },
    },
  },
  {
    name: 'MyTapWatere id 25202020 (168.577 m3, ACC 239)',
    source: 'wmbusmeters drivers/src/apator162.xmq, simulations/simulation_apas.txt (apator162 MyTapWatere)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '4E', // L: 78 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '20202025', // A: id 25202020
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      'EF', // TPL ACC
      '00', // TPL STS
      '4085', // TPL CFG 0x8540 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '07112294100200', // status: 4 bytes vendor date, 3 bytes fault flags
      '436103', // register 0x43 (2 bytes): life days
      '848B745953486C09100000', // register 0x84 (10 bytes): event
      '1081920200', // register 0x10 (4 bytes): total volume u32 LE litres = 168577 L
      '7501F1800200E5640200534A02003431020080150200D9000200', // register 0x75 (25 bytes): history, 1 + 6 quads
      'A0DC939703', // register 0xA0 (4 bytes): not decoded
      'FFFF', // FF padding
      'A434', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 168577000,
      },
    },
  },
  {
    name: 'MyTapWatere id 26202020 (17.579 m3, ACC 172)',
    source: 'wmbusmeters drivers/src/apator162.xmq, simulations/simulation_apas.txt (apator162 MyTapWatere)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '6E', // L: 110 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '20202026', // A: id 26202020
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      'AC', // TPL ACC
      '00', // TPL STS
      '6085', // TPL CFG 0x8560 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '0C4442941A0000', // status: 4 bytes vendor date, 3 bytes fault flags
      '43B502', // register 0x43 (2 bytes): life days
      '83000A549B4159029C290F', // register 0x83 (10 bytes): event
      '10AB440000', // register 0x10 (4 bytes): total volume u32 LE litres = 17579 L
      '7B012C440000BE3E00008838000072340000493000009B2C00001D2C0000822B00007428000010250000B7200000261C0000', // register 0x7B (49 bytes): history, 1 + 12 quads
      'A0A4D9A103', // register 0xA0 (4 bytes): not decoded
      'FFFFFFFFFFFFFFFFFFFF', // FF padding
      '7823', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 17579000,
      },
    },
  },
  {
    name: 'MyTapWatere id 26202020 (17.579 m3, ACC 173)',
    source: 'wmbusmeters drivers/src/apator162.xmq, simulations/simulation_apas.txt (apator162 MyTapWatere)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '6E', // L: 110 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '20202026', // A: id 26202020
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      'AD', // TPL ACC
      '00', // TPL STS
      '6085', // TPL CFG 0x8560 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '0E4442941A0000', // status: 4 bytes vendor date, 3 bytes fault flags
      '43B502', // register 0x43 (2 bytes): life days
      '844265594C655901010000', // register 0x84 (10 bytes): event
      '10AB440000', // register 0x10 (4 bytes): total volume u32 LE litres = 17579 L
      '7B012C440000BE3E00008838000072340000493000009B2C00001D2C0000822B00007428000010250000B7200000261C0000', // register 0x7B (49 bytes): history, 1 + 12 quads
      'A0A4D9A103', // register 0xA0 (4 bytes): not decoded
      'FFFFFFFFFFFFFFFFFFFF', // FF padding
      '6C1B', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 17579000,
      },
    },
  },
  {
    name: 'MyTapWatere id 26202020 (17.579 m3, ACC 174)',
    source: 'wmbusmeters drivers/src/apator162.xmq, simulations/simulation_apas.txt (apator162 MyTapWatere)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '6E', // L: 110 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '20202026', // A: id 26202020
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      'AE', // TPL ACC
      '00', // TPL STS
      '6085', // TPL CFG 0x8560 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '0F4442941A0000', // status: 4 bytes vendor date, 3 bytes fault flags
      '43B502', // register 0x43 (2 bytes): life days
      '81D87F57D87F5701010000', // register 0x81 (10 bytes): event
      '10AB440000', // register 0x10 (4 bytes): total volume u32 LE litres = 17579 L
      '7B012C440000BE3E00008838000072340000493000009B2C00001D2C0000822B00007428000010250000B7200000261C0000', // register 0x7B (49 bytes): history, 1 + 12 quads
      'A0A4D9A103', // register 0xA0 (4 bytes): not decoded
      'FFFFFFFFFFFFFFFFFFFF', // FF padding
      '5F22', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 17579000,
      },
    },
  },
  {
    name: 'MyTapWaterf id 03410514 (30.908 m3, ACC 25)',
    source:
      'wmbusmeters drivers/src/apator162.xmq, simulations/simulation_apas.txt, simulations/simulation_extras.txt (apator162 MyTapWaterf / apator162 Water)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '3E', // L: 62 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '14054103', // A: id 03410514
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '19', // TPL ACC
      '00', // TPL STS
      '3085', // TPL CFG 0x8530 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '86B4B895290200', // status: 4 bytes vendor date, 3 bytes fault flags
      '40C6C1B4F0F3F3', // register 0x40 (6 bytes): detectors
      '415559', // register 0x41 (2 bytes): voltage
      '42FA701000', // register 0x42 (4 bytes): energy
      'F001010000', // register 0xF0 (4 bytes): not decoded
      '10BC780000', // register 0x10 (4 bytes): total volume u32 LE litres = 30908 L
      'FFFFFFFFFFFFFFFFFFFFFF', // FF padding
      '2483', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 30908000,
      },
    },
  },
  {
    name: 'MyTapWaterg id 27202020 (15.992 m3, ACC 61)',
    source:
      'wmbusmeters drivers/src/apator162.xmq, simulations/simulation_apas.txt (apator162 MyTapWatere / apator162 MyTapWaterg)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '6E', // L: 110 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '20202027', // A: id 27202020
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '3D', // TPL ACC
      '00', // TPL STS
      '6085', // TPL CFG 0x8560 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '151794940A0200', // status: 4 bytes vendor date, 3 bytes fault flags
      '430403', // register 0x43 (2 bytes): life days
      '81D87F57D87F5701010000', // register 0x81 (10 bytes): event
      '10783E0000', // register 0x10 (4 bytes): total volume u32 LE litres = 15992 L
      '7B01223C00009137000098320000392D000010290000F02600004C2400003422000004220000CB21000017200000C51C0000', // register 0x7B (49 bytes): history, 1 + 12 quads
      'A09AD9A103', // register 0xA0 (4 bytes): not decoded
      'FFFFFFFFFFFFFFFFFFFF', // FF padding
      '367E', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 15992000,
      },
    },
  },
  {
    name: 'MyTapWaterh id 03820304 (21.922 m3, ACC 9)',
    source: 'wmbusmeters simulations/simulation_apas.txt (apator162 MyTapWaterh)',
    formatId: 'apator162',
    kind: 'dataBlock',
    headHex: [
      '3E', // L: 62 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '04038203', // A: id 03820304
      '05', // A: version 0x05
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '09', // TPL ACC
      '00', // TPL STS
      '3085', // TPL CFG 0x8530 (mode 5, plain replay)
      '2F2F', // 2F2F fill
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '9B5B2297000000', // status: 4 bytes vendor date, 3 bytes fault flags
      '44C2DED3', // register 0x44 (3 bytes): not decoded
      '10A2550000', // register 0x10 (4 bytes): total volume u32 LE litres = 21922 L
      '7201C64A0000853C000094310000', // register 0x72 (13 bytes): history, 1 + 3 quads
      'A0464B1904', // register 0xA0 (4 bytes): not decoded
      'FFFFFFFFFFFFFFFF', // FF padding
      '2ED6', // checksum
    ].join(''),
    expected: {
      values: {
        registerMl: 21922000,
      },
    },
  },
];
