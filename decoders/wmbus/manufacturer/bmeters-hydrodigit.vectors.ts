/**
 * BMeters HydroDigit telegrams from the wmbusmeters hydrodigit driver tests and simulation_t1.txt:
 * the vendor block after the 0x0F DIF. Month-end registers that read FFFFFF (module not yet
 * active) are 0 in wmbusmeters and null here.
 */
import type { ManufacturerVector } from './test-support.js';

export const vectors: ManufacturerVector[] = [
  {
    name: 'HydrodigitWater id 86868686 (contents 0x15)',
    source:
      'wmbusmeters drivers/src/hydrodigit.xmq, simulations/simulation_t1.txt (hydrodigit HydrodigitWater); total_m3 3.866 and meter_datetime come from the standard records',
    formatId: 'bmeters-hydrodigit',
    kind: 'dataBlock',
    headHex: [
      '4E', // L: 78 bytes follow
      '44', // C: SND_NR
      'B409', // M: BMT (0x09B4)
      '86868686', // A: id 86868686
      '13', // A: version 0x13
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      'F0004005', // TPL ACC STS CFG
      '2F2F', // 2F2F fill
      '0C1366380000', // record 0C13: total volume, 8 BCD digits litres
      '046D27287E2A', // record 046D: meter date and time (type F)
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '15', // contents 0x15
      '0E', // battery, low nibble 14: 3.7 V
      '00000000', // backflow u32 LE: 0 L
      'C10000', // January month-end register, 10 L units
      'D10000', // February month-end register, 10 L units
      'E60000', // March month-end register, 10 L units
      'FD0000', // April month-end register, 10 L units
      '0C0100', // May month-end register, 10 L units
      '2F0100', // June month-end register, 10 L units
      '410100', // July month-end register, 10 L units
      '540100', // August month-end register, 10 L units
      '680100', // September month-end register, 10 L units
      '890000', // October month-end register, 10 L units
      'A00000', // November month-end register, 10 L units
      'B30000', // December month-end register, 10 L units
      '002F2F2F2F2F2F', // not decoded (trailing byte / 2F fill)
    ].join(''),
    expected: {
      values: {
        batteryV: 3.7,
        meta: {
          contents: 'BACKFLOW BATTERY_VOLTAGE MONTHLY_DATA',
          'monthEndRegisterMl.01': 1930000,
          'monthEndRegisterMl.02': 2090000,
          'monthEndRegisterMl.03': 2300000,
          'monthEndRegisterMl.04': 2530000,
          'monthEndRegisterMl.05': 2680000,
          'monthEndRegisterMl.06': 3030000,
          'monthEndRegisterMl.07': 3210000,
          'monthEndRegisterMl.08': 3400000,
          'monthEndRegisterMl.09': 3600000,
          'monthEndRegisterMl.10': 1370000,
          'monthEndRegisterMl.11': 1600000,
          'monthEndRegisterMl.12': 1790000,
        },
        reverseMl: 0,
      },
    },
  },
  {
    name: 'HydridigitWaterr id 03245501 (contents 0x03)',
    source:
      'wmbusmeters drivers/src/hydrodigit.xmq (hydrodigit HydridigitWaterr); total_m3 6.735 and meter_datetime come from the standard records',
    formatId: 'bmeters-hydrodigit',
    kind: 'dataBlock',
    headHex: [
      '24', // L: 36 bytes follow
      '44', // C: SND_NR
      'B409', // M: BMT (0x09B4)
      '01552403', // A: id 03245501
      '17', // A: version 0x17
      '06', // A: device type 0x06
      '8C0048', // CI 0x8C ELL: CC, ACC
      '7A', // CI: TPL short header
      'C0000000', // TPL ACC STS CFG
      '0C1335670000', // record 0C13: total volume, 8 BCD digits litres
      '046D172EEA28', // record 046D: meter date and time (type F)
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '03', // contents 0x03
      '00', // battery, low nibble 0: 3.7 V
      '00000000', // fraud type, fraud date (YY, month nibble, DD)
    ].join(''),
    expected: {
      values: {
        batteryV: 3.7,
        meta: {
          contents: 'BATTERY_VOLTAGE FRAUD_DATE',
          fraudType: 'NO_TYPE_INFO',
          fraudDate: null,
        },
      },
    },
  },
  {
    name: 'Hydro3 id 87654321 (contents 0x15)',
    source:
      'wmbusmeters drivers/src/hydrodigit.xmq (hydrodigit Hydro3); total_m3 43.964 and meter_datetime come from the standard records',
    formatId: 'bmeters-hydrodigit',
    kind: 'dataBlock',
    headHex: [
      '46', // L: 70 bytes follow
      '44', // C: SND_NR
      'B409', // M: BMT (0x09B4)
      '21436587', // A: id 87654321
      '13', // A: version 0x13
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '9C000000', // TPL ACC STS CFG
      '0C1364390400', // record 0C13: total volume, 8 BCD digits litres
      '046D212F1635', // record 046D: meter date and time (type F)
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '15', // contents 0x15
      '2A', // battery, low nibble 10: 3.05 V
      '0F000000', // backflow u32 LE: 15 L
      '440F00', // January month-end register, 10 L units
      'C00F00', // February month-end register, 10 L units
      '511000', // March month-end register, 10 L units
      'D51000', // April month-end register, 10 L units
      'B20B00', // May month-end register, 10 L units
      '180C00', // June month-end register, 10 L units
      '7C0C00', // July month-end register, 10 L units
      'E60C00', // August month-end register, 10 L units
      '560D00', // September month-end register, 10 L units
      'D10D00', // October month-end register, 10 L units
      '400E00', // November month-end register, 10 L units
      'C60E00', // December month-end register, 10 L units
      '00', // not decoded (trailing byte / 2F fill)
    ].join(''),
    expected: {
      values: {
        batteryV: 3.05,
        meta: {
          contents: 'BACKFLOW BATTERY_VOLTAGE MONTHLY_DATA',
          'monthEndRegisterMl.01': 39080000,
          'monthEndRegisterMl.02': 40320000,
          'monthEndRegisterMl.03': 41770000,
          'monthEndRegisterMl.04': 43090000,
          'monthEndRegisterMl.05': 29940000,
          'monthEndRegisterMl.06': 30960000,
          'monthEndRegisterMl.07': 31960000,
          'monthEndRegisterMl.08': 33020000,
          'monthEndRegisterMl.09': 34140000,
          'monthEndRegisterMl.10': 35370000,
          'monthEndRegisterMl.11': 36480000,
          'monthEndRegisterMl.12': 37820000,
        },
        reverseMl: 15000,
      },
    },
  },
  {
    name: 'Hydro4 id 87654322 (contents 0x95)',
    source:
      'wmbusmeters drivers/src/hydrodigit.xmq (hydrodigit Hydro4); total_m3 40.263 and meter_datetime come from the standard records',
    formatId: 'bmeters-hydrodigit',
    kind: 'dataBlock',
    headHex: [
      '49', // L: 73 bytes follow
      '44', // C: SND_NR
      'B409', // M: BMT (0x09B4)
      '22436587', // A: id 87654322
      '13', // A: version 0x13
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '7F000000', // TPL ACC STS CFG
      '0C1363020400', // record 0C13: total volume, 8 BCD digits litres
      '046D242C1236', // record 046D: meter date and time (type F)
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '95', // contents 0x95
      '0A', // battery, low nibble 10: 3.05 V
      '240425', // leak date YY MM DD (BCD)
      '07000000', // backflow u32 LE: 7 L
      'A40500', // January month-end register, 10 L units
      '6E0700', // February month-end register, 10 L units
      '850900', // March month-end register, 10 L units
      'CA0B00', // April month-end register, 10 L units
      '4A0E00', // May month-end register, 10 L units
      'FFFFFF', // June month-end register, 10 L units
      'FFFFFF', // July month-end register, 10 L units
      '020000', // August month-end register, 10 L units
      '020000', // September month-end register, 10 L units
      '250000', // October month-end register, 10 L units
      'B30100', // November month-end register, 10 L units
      '950300', // December month-end register, 10 L units
      '00', // not decoded (trailing byte / 2F fill)
    ].join(''),
    expected: {
      values: {
        batteryV: 3.05,
        meta: {
          contents: 'BACKFLOW BATTERY_VOLTAGE LEAK_DATE MONTHLY_DATA',
          leakDate: '2024-04-25',
          'monthEndRegisterMl.01': 14440000,
          'monthEndRegisterMl.02': 19020000,
          'monthEndRegisterMl.03': 24370000,
          'monthEndRegisterMl.04': 30180000,
          'monthEndRegisterMl.05': 36580000,
          'monthEndRegisterMl.06': null,
          'monthEndRegisterMl.07': null,
          'monthEndRegisterMl.08': 20000,
          'monthEndRegisterMl.09': 20000,
          'monthEndRegisterMl.10': 370000,
          'monthEndRegisterMl.11': 4350000,
          'monthEndRegisterMl.12': 9170000,
        },
        reverseMl: 7000,
        alarms: [
          {
            kind: 'leak',
            detail: 'leak detected 2024-04-25',
            historic: true,
          },
        ],
      },
    },
  },
  {
    name: 'HydrodigitWaterrr id 23746391 (contents 0x05)',
    source:
      'wmbusmeters drivers/src/hydrodigit.xmq (hydrodigit HydrodigitWaterrr); total_m3 99999.999 and meter_datetime come from the standard records',
    formatId: 'bmeters-hydrodigit',
    kind: 'dataBlock',
    headHex: [
      '21', // L: 33 bytes follow
      '44', // C: SND_NR
      'B409', // M: BMT (0x09B4)
      '91637423', // A: id 23746391
      '15', // A: version 0x15
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      '40000000', // TPL ACC STS CFG
      '0C1399999999', // record 0C13: total volume, 8 BCD digits litres
      '046D092A3034', // record 046D: meter date and time (type F)
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '05', // contents 0x05
      '0B', // battery, low nibble 11: 3.2 V
      '01000000', // backflow u32 LE: 1 L
    ].join(''),
    expected: {
      values: {
        batteryV: 3.2,
        meta: {
          contents: 'BACKFLOW BATTERY_VOLTAGE',
        },
        reverseMl: 1000,
      },
    },
  },
  {
    name: 'hydro7 id 03122061 (contents 0x8F)',
    source:
      'wmbusmeters drivers/src/hydrodigit.xmq (hydrodigit hydro7); total_m3 0.03 and meter_datetime come from the standard records',
    formatId: 'bmeters-hydrodigit',
    kind: 'dataBlock',
    headHex: [
      '4C', // L: 76 bytes follow
      '44', // C: SND_NR
      'B409', // M: BMT (0x09B4)
      '61201203', // A: id 03122061
      '17', // A: version 0x17
      '07', // A: device type 0x07
      '7A', // CI: TPL short header
      'B9000000', // TPL ACC STS CFG
      '0C1330000000', // record 0C13: total volume, 8 BCD digits litres
      '046D132E3E36', // record 046D: meter date and time (type F)
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '8F', // contents 0x8F
      '00', // battery, low nibble 0: 3.7 V
      '00000000', // fraud type, fraud date (YY, month nibble, DD)
      '000000', // leak date YY MM DD (BCD)
      '00000000', // backflow u32 LE: 0 L
      '000000000000000000000000000000000000000000000000000000000000000000000000', // not decoded (trailing byte / 2F fill)
    ].join(''),
    expected: {
      values: {
        batteryV: 3.7,
        meta: {
          contents: 'BACKFLOW BATTERY_VOLTAGE FRAUD_DATE LEAK_DATE',
          fraudType: 'NO_TYPE_INFO',
          fraudDate: null,
          leakDate: null,
        },
        reverseMl: 0,
      },
    },
  },
  {
    name: 'HydrodigitWater2 id 67452301 (contents 0x05)',
    source:
      'wmbusmeters simulations/simulation_t1.txt (hydrodigit HydrodigitWater2); total_m3 0.015 and meter_datetime come from the standard records',
    formatId: 'bmeters-hydrodigit',
    kind: 'dataBlock',
    headHex: [
      '30', // L: 48 bytes follow
      '44', // C: SND_NR
      'B409', // M: BMT (0x09B4)
      '01234567', // A: id 67452301
      '13', // A: version 0x13
      '06', // A: device type 0x06
      '7A', // CI: TPL short header
      '19002005', // TPL ACC STS CFG
      '2F2F', // 2F2F fill
      '0C1315000000', // record 0C13: total volume, 8 BCD digits litres
      '046D0136A727', // record 046D: meter date and time (type F)
      '0F', // DIF 0x0F: manufacturer data follows
    ].join(''),
    blockHex: [
      '05', // contents 0x05
      '0B', // battery, low nibble 11: 3.2 V
      '00000000', // backflow u32 LE: 0 L
      '2F2F2F2F2F2F2F2F2F2F2F69E5', // not decoded (trailing byte / 2F fill)
    ].join(''),
    expected: {
      values: {
        batteryV: 3.2,
        meta: {
          contents: 'BACKFLOW BATTERY_VOLTAGE',
        },
        reverseMl: 0,
      },
    },
  },
];
