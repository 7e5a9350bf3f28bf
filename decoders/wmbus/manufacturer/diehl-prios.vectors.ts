/**
 * Diehl IZAR/PRIOS frames from the wmbusmeters izar (C++) and izarv2 driver tests and the
 * simulations/simulation_izars.txt and simulation_t1.txt captures. Expected values are the drivers'
 * JSON (izarv2 where it has the telegram, else izar) converted to millilitres. All need the default
 * PRIOS keys (the tests say NOKEY).
 */
import type { ManufacturerVector } from './test-support.js';

export const vectors: ManufacturerVector[] = [
  {
    name: 'IzarWater (SAP, CI A2, id 21242472)',
    source:
      'wmbusmeters drivers/src/izarv2.xmq, simulations/simulation_izars.txt, src/driver_izar.cc (izar IzarWater / izarv2 IzarWater)',
    formatId: 'diehl-prios',
    kind: 'frame',
    telegramHex: [
      '19', // L: 25 bytes follow
      '44', // C: SND_NR
      '304C', // M: SAP (0x4C30)
      '72242421', // A: id 21242472
      'D4', // A: version 0xD4
      '01', // A: device type 0x01
      'A2', // CI: manufacturer specific (Diehl PRIOS)
      '013D40', // status 0x403D01: transmit period 2^(1+2) s, battery 14.5 y, alarm bits 0x402000
      '13', // header byte (not scrambled)
      'DD8B46A4999C1293E582CC', // LFSR-scrambled (11 bytes): check byte 0x4B, total u32 LE litres, billing register u32 LE litres, billing date
    ].join(''),
    expected: {
      values: {
        registerMl: 3488000,
        billingDateRegisterMl: 3486000,
        billingDate: '2019-09-30',
        meta: {
          status: 'METER_BLOCKED UNDERFLOW',
          transmitPeriodS: 8,
          remainingBatteryLifeY: 14.5,
          prefix: 'C19UA',
          serialNumber: '145842',
          manufactureYear: 2019,
          interpretation: 'SAP_PRIOS',
        },
      },
    },
  },
  {
    name: 'IzarWater2 (DME, CI A2, id 66236629)',
    source:
      'wmbusmeters drivers/src/izarv2.xmq, simulations/simulation_izars.txt, src/driver_izar.cc (izar IzarWater2 / izarv2 IzarWater2)',
    formatId: 'diehl-prios',
    kind: 'frame',
    telegramHex: [
      '29', // L: 41 bytes follow
      '44', // C: SND_NR
      'A511', // M: DME (0x11A5)
      '7807', // A (Diehl order): version 0x78, device type 0x07
      '29662366', // A (Diehl order): id 66236629
      'A2', // CI: manufacturer specific (Diehl PRIOS)
      '011800', // status 0x001801: transmit period 2^(1+2) s, battery 12.0 y, alarm bits 0x000000
      '13', // header byte (not scrambled)
      '78D3B3DB8CEDD77731F25832AAF3DA8CADF9774EA673172E8C61F2', // LFSR-scrambled (27 bytes): check byte 0x4B, total u32 LE litres, billing register u32 LE litres, billing date, 16 more bytes
    ].join(''),
    expected: {
      values: {
        registerMl: 16760000,
        billingDateRegisterMl: 11840000,
        billingDate: '2019-11-30',
        meterId: '66236629',
        meta: {
          status: 'OK',
          transmitPeriodS: 8,
          remainingBatteryLifeY: 12,
          interpretation: 'PRIOS',
        },
      },
    },
  },
  {
    name: 'IzarWater3 (DME, CI A1, id 20481979)',
    source:
      'wmbusmeters drivers/src/izarv2.xmq, simulations/simulation_izars.txt, src/driver_izar.cc (izar IzarWater3 / izarv2 IzarWater3)',
    formatId: 'diehl-prios',
    kind: 'frame',
    telegramHex: [
      '19', // L: 25 bytes follow
      '44', // C: SND_NR
      'A511', // M: DME (0x11A5)
      '7807', // A (Diehl order): version 0x78, device type 0x07
      '79194820', // A (Diehl order): id 20481979
      'A1', // CI: manufacturer specific (Diehl PRIOS)
      '211700', // status 0x001721: transmit period 2^(1+2) s, battery 11.5 y, alarm bits 0x000000
      '13', // header byte (not scrambled)
      '355F8EDB2D03C6912B1E37', // LFSR-scrambled (11 bytes): check byte 0x4B, total u32 LE litres, billing register u32 LE litres, billing date
    ].join(''),
    expected: {
      values: {
        registerMl: 4366000,
        billingDateRegisterMl: 0,
        billingDate: '2020-12-31',
        meterId: '20481979',
        meta: {
          status: 'OK',
          transmitPeriodS: 8,
          remainingBatteryLifeY: 11.5,
          interpretation: 'PRIOS',
        },
      },
    },
  },
  {
    name: 'IzarWater4 (SAP, CI A3, id 2124589c)',
    source:
      'wmbusmeters drivers/src/izarv2.xmq, simulations/simulation_izars.txt, src/driver_izar.cc (izar IzarWater4 / izarv2 IzarWater4)',
    formatId: 'diehl-prios',
    kind: 'frame',
    telegramHex: [
      '19', // L: 25 bytes follow
      '44', // C: SND_NR
      '304C', // M: SAP (0x4C30)
      '9C582421', // A: id 2124589c
      '0C', // A: version 0x0C
      '04', // A: device type 0x04
      'A3', // CI: manufacturer specific (Diehl PRIOS)
      '631400', // status 0x001463: transmit period 2^(3+2) s, battery 10.0 y, alarm bits 0x000000
      '13', // header byte (not scrambled)
      '716577EC59E8663AB0D31C', // LFSR-scrambled (11 bytes): check byte 0x4B, total u32 LE litres, billing register u32 LE litres, billing date
    ].join(''),
    expected: {
      values: {
        registerMl: 38944000,
        billingDateRegisterMl: 38691000,
        billingDate: '2021-02-01',
        meta: {
          status: 'OK',
          transmitPeriodS: 32,
          remainingBatteryLifeY: 10,
          prefix: 'H19CA',
          serialNumber: '159196',
          manufactureYear: 2019,
          interpretation: 'SAP_PRIOS',
        },
      },
    },
  },
  {
    name: 'IzarWater5 (SAP, CI A2, id 20e4ffde)',
    source:
      'wmbusmeters drivers/src/izarv2.xmq, simulations/simulation_izars.txt, src/driver_izar.cc (izar IzarWater5 / izarv2 IzarWater5)',
    formatId: 'diehl-prios',
    kind: 'frame',
    telegramHex: [
      '19', // L: 25 bytes follow
      '44', // C: SND_NR
      '304C', // M: SAP (0x4C30)
      'DEFFE420', // A: id 20e4ffde
      'CC', // A: version 0xCC
      '01', // A: device type 0x01
      'A2', // CI: manufacturer specific (Diehl PRIOS)
      '631200', // status 0x001263: transmit period 2^(3+2) s, battery 9.0 y, alarm bits 0x000000
      '13', // header byte (not scrambled)
      '258F907B0AFF12529AC33B', // LFSR-scrambled (11 bytes): check byte 0x4B, total u32 LE litres, billing register u32 LE litres, billing date
    ].join(''),
    expected: {
      values: {
        registerMl: 159832000,
        billingDateRegisterMl: 157760000,
        billingDate: '2021-02-01',
        meta: {
          status: 'OK',
          transmitPeriodS: 32,
          remainingBatteryLifeY: 9,
          prefix: 'C15SA',
          serialNumber: '007710',
          manufactureYear: 2015,
          interpretation: 'SAP_PRIOS',
        },
      },
    },
  },
  {
    name: 'IzarWater6 (HYD, CI A2, id 48500375)',
    source:
      'wmbusmeters drivers/src/izarv2.xmq, simulations/simulation_izars.txt, src/driver_izar.cc (izar IzarWater6 / izarv2 IzarWater6)',
    formatId: 'diehl-prios',
    kind: 'frame',
    telegramHex: [
      '19', // L: 25 bytes follow
      '44', // C: SND_NR
      '2423', // M: HYD (0x2324)
      '8607', // A (Diehl order): version 0x86, device type 0x07
      '75035048', // A (Diehl order): id 48500375
      'A2', // CI: manufacturer specific (Diehl PRIOS)
      '515200', // status 0x005251: transmit period 2^(1+2) s, battery 9.0 y, alarm bits 0x004000
      '15', // header byte (not scrambled)
      'BEB6B2E1ED623A18FC74A5', // LFSR-scrambled (11 bytes): check byte 0x4B, total u32 LE litres, billing register u32 LE litres, billing date
    ].join(''),
    expected: {
      values: {
        registerMl: 521602000,
        billingDateRegisterMl: 519147000,
        billingDate: '2021-11-15',
        meterId: '48500375',
        meta: {
          status: 'PREV_LEAKAGE',
          transmitPeriodS: 8,
          remainingBatteryLifeY: 9,
          interpretation: 'PRIOS',
        },
      },
    },
  },
  {
    name: 'IzarWater7 (SAP, CI A0, id 208962f3)',
    source: 'wmbusmeters simulations/simulation_izars.txt (izar IzarWater7)',
    formatId: 'diehl-prios',
    kind: 'frame',
    telegramHex: [
      '13', // L: 19 bytes follow
      '44', // C: SND_NR
      '304C', // M: SAP (0x4C30)
      'F3628920', // A: id 208962f3
      'BC', // A: version 0xBC
      '01', // A: device type 0x01
      'A0', // CI: manufacturer specific (Diehl PRIOS)
      '712F03', // status 0x032F71: transmit period 2^(1+2) s, battery 7.5 y, alarm bits 0x032000
      '13', // header byte (not scrambled)
      '0CEB627A81', // LFSR-scrambled (5 bytes): check byte 0x4B, total u32 LE litres
    ].join(''),
    expected: {
      values: {
        registerMl: 1248146000,
        meta: {
          status: 'MECHANICAL_FRAUD METER_BLOCKED PREV_MECHANICAL_FRAUD',
          transmitPeriodS: 8,
          remainingBatteryLifeY: 7.5,
          prefix: 'C09OA',
          serialNumber: '003763',
          manufactureYear: 2009,
          interpretation: 'SAP_PRIOS',
        },
      },
    },
  },
  {
    name: 'IzarWater4 (HYD, CI A2, id 18001698)',
    source: 'wmbusmeters simulations/simulation_t1.txt (izar IzarWater4)',
    formatId: 'diehl-prios',
    kind: 'frame',
    telegramHex: [
      '19', // L: 25 bytes follow
      '44', // C: SND_NR
      '2423', // M: HYD (0x2324)
      '8507', // A (Diehl order): version 0x85, device type 0x07
      '98160018', // A (Diehl order): id 18001698
      'A2', // CI: manufacturer specific (Diehl PRIOS)
      '410100', // status 0x000141: transmit period 2^(1+2) s, battery 0.5 y, alarm bits 0x000000
      '13', // header byte (not scrambled)
      '3EBBD44081053F243A82A3', // LFSR-scrambled (11 bytes): check byte 0x4B, total u32 LE litres, billing register u32 LE litres, billing date
    ].join(''),
    expected: {
      values: {
        registerMl: 835689000,
        billingDateRegisterMl: 820329000,
        billingDate: '2021-09-01',
        meterId: '18001698',
        meta: {
          status: 'OK',
          transmitPeriodS: 8,
          remainingBatteryLifeY: 0.5,
          interpretation: 'PRIOS',
        },
      },
    },
  },
];
