/**
 * Techem MK Radio 3 / 3a / 4 frames (CI A2) from the wmbusmeters mkradio3, mkradio3a and mkradio4
 * driver tests. The mkradio3a "last_<month>_m3" values are month consumptions, listed here by month.
 */
import type { ManufacturerVector } from './test-support.js';

export const vectors: ManufacturerVector[] = [
  {
    name: 'Duschen mkradio3: Version 0x74 legacy payload',
    source: 'wmbusmeters drivers/src/mkradio3.xmq, simulations/simulation_t1.txt (mkradio3 Duschen)',
    formatId: 'techem-mkradio',
    kind: 'frame',
    telegramHex: [
      '2F', // L: 47 bytes follow
      '44', // C: SND_NR
      '6850', // M: TCH (0x5068)
      '31323334', // A: id 34333231
      '74', // A: version 0x74
      '62', // A: device type 0x62
      'A2', // CI: manufacturer specific (Techem)
      '06', // not decoded
      '9F25', // previous billing date (day 5 bits, month 4, year-2000 7)
      '5900', // volume at billing date: 89 x 0.1 m3
      'B029', // current date (bits 4-8 day, 9-12 month)
      '3100', // volume since billing date: 49 x 0.1 m3
      '00000306060906030609070606050509050505050407040605070500', // not decoded
    ].join(''),
    expected: {
      values: {
        registerMl: 13800000,
        billingDateRegisterMl: 8900000,
        billingDate: '2018-12-31',
        meta: {
          variant: 'mkradio3',
          currentDate: '2019-04-27',
        },
      },
    },
  },
  {
    name: 'Duschen mkradio3: Version 0x74 payload with prev_date 2018-03-31',
    source: 'wmbusmeters drivers/src/mkradio3.xmq (mkradio3 Duschen)',
    formatId: 'techem-mkradio',
    kind: 'frame',
    telegramHex: [
      '2F', // L: 47 bytes follow
      '44', // C: SND_NR
      '6850', // M: TCH (0x5068)
      '31323334', // A: id 34333231
      '74', // A: version 0x74
      '62', // A: device type 0x62
      'A2', // CI: manufacturer specific (Techem)
      '06', // not decoded
      '7F24', // previous billing date (day 5 bits, month 4, year-2000 7)
      '5900', // volume at billing date: 89 x 0.1 m3
      'B029', // current date (bits 4-8 day, 9-12 month)
      '3100', // volume since billing date: 49 x 0.1 m3
      '00000306060906030609070606050509050505050407040605070500', // not decoded
    ].join(''),
    expected: {
      values: {
        registerMl: 13800000,
        billingDateRegisterMl: 8900000,
        billingDate: '2018-03-31',
        meta: {
          variant: 'mkradio3',
          currentDate: '2018-04-27',
        },
      },
    },
  },
  {
    name: 'Duschen mkradio3: Version 0x74 payload with prev_date 2018-03-31 and current_date 2019-03-31',
    source: 'wmbusmeters drivers/src/mkradio3.xmq (mkradio3 Duschen)',
    formatId: 'techem-mkradio',
    kind: 'frame',
    telegramHex: [
      '2F', // L: 47 bytes follow
      '44', // C: SND_NR
      '6850', // M: TCH (0x5068)
      '31323334', // A: id 34333231
      '74', // A: version 0x74
      '62', // A: device type 0x62
      'A2', // CI: manufacturer specific (Techem)
      '06', // not decoded
      '7F24', // previous billing date (day 5 bits, month 4, year-2000 7)
      '5900', // volume at billing date: 89 x 0.1 m3
      'F007', // current date (bits 4-8 day, 9-12 month)
      '3100', // volume since billing date: 49 x 0.1 m3
      '00000306060906030609070606050509050505050407040605070500', // not decoded
    ].join(''),
    expected: {
      values: {
        registerMl: 13800000,
        billingDateRegisterMl: 8900000,
        billingDate: '2018-03-31',
        meta: {
          variant: 'mkradio3',
          currentDate: '2019-03-31',
        },
      },
    },
  },
  {
    name: 'Duschen mkradio3: Version 0x74 payload with prev_date 2018-03-31 and current_date 2018-04-01',
    source: 'wmbusmeters drivers/src/mkradio3.xmq (mkradio3 Duschen)',
    formatId: 'techem-mkradio',
    kind: 'frame',
    telegramHex: [
      '2F', // L: 47 bytes follow
      '44', // C: SND_NR
      '6850', // M: TCH (0x5068)
      '31323334', // A: id 34333231
      '74', // A: version 0x74
      '62', // A: device type 0x62
      'A2', // CI: manufacturer specific (Techem)
      '06', // not decoded
      '7F24', // previous billing date (day 5 bits, month 4, year-2000 7)
      '5900', // volume at billing date: 89 x 0.1 m3
      '1008', // current date (bits 4-8 day, 9-12 month)
      '3100', // volume since billing date: 49 x 0.1 m3
      '00000306060906030609070606050509050505050407040605070500', // not decoded
    ].join(''),
    expected: {
      values: {
        registerMl: 13800000,
        billingDateRegisterMl: 8900000,
        billingDate: '2018-03-31',
        meta: {
          variant: 'mkradio3',
          currentDate: '2018-04-01',
        },
      },
    },
  },
  {
    name: 'TCH mkradio3a: Legacy payload',
    source: 'wmbusmeters drivers/src/mkradio3a.xmq (mkradio3a TCH)',
    formatId: 'techem-mkradio',
    kind: 'frame',
    telegramHex: [
      '36', // L: 54 bytes follow
      '44', // C: SND_NR
      '6850', // M: TCH (0x5068)
      '42065662', // A: id 62560642
      '50', // A: version 0x50
      '72', // A: device type 0x72
      'A2', // CI: manufacturer specific (Techem)
      '0C00', // not decoded
      '7C31', // current date (day 5 bits, month 4, year-2000 7)
      '102500', // total: 9488 x 0.1 m3
      '002934', // month -0: unknown byte, half-month consumptions lo 41 hi 52 (0.1 m3)
      '00373A', // month -1: unknown byte, half-month consumptions lo 55 hi 58 (0.1 m3)
      '002E38', // month -2: unknown byte, half-month consumptions lo 46 hi 56 (0.1 m3)
      '000E15', // month -3: unknown byte, half-month consumptions lo 14 hi 21 (0.1 m3)
      '002F37', // month -4: unknown byte, half-month consumptions lo 47 hi 55 (0.1 m3)
      '003A39', // month -5: unknown byte, half-month consumptions lo 58 hi 57 (0.1 m3)
      '003835', // month -6: unknown byte, half-month consumptions lo 56 hi 53 (0.1 m3)
      '002F24', // month -7: unknown byte, half-month consumptions lo 47 hi 36 (0.1 m3)
      '003930', // month -8: unknown byte, half-month consumptions lo 57 hi 48 (0.1 m3)
      '001D25', // month -9: unknown byte, half-month consumptions lo 29 hi 37 (0.1 m3)
      '003125', // month -10: unknown byte, half-month consumptions lo 49 hi 37 (0.1 m3)
      '001629', // month -11: unknown byte, half-month consumptions lo 22 hi 41 (0.1 m3)
      '00', // not decoded
    ].join(''),
    expected: {
      values: {
        registerMl: 948800000,
        meta: {
          variant: 'mkradio3a',
          currentDate: '2024-11-28',
          currentMonthConsumptionMl: 9300000,
          'monthConsumptionMl.2024-11': 9300000,
          'monthConsumptionMl.2024-10': 11300000,
          'monthConsumptionMl.2024-09': 10200000,
          'monthConsumptionMl.2024-08': 3500000,
          'monthConsumptionMl.2024-07': 10200000,
          'monthConsumptionMl.2024-06': 11500000,
          'monthConsumptionMl.2024-05': 10900000,
          'monthConsumptionMl.2024-04': 8300000,
          'monthConsumptionMl.2024-03': 10500000,
          'monthConsumptionMl.2024-02': 6600000,
          'monthConsumptionMl.2024-01': 8600000,
          'monthConsumptionMl.2023-12': 6300000,
        },
      },
    },
  },
  {
    name: 'Duschagain mkradio4: Legacy payload',
    source: 'wmbusmeters drivers/src/mkradio4.xmq, simulations/simulation_t1.txt (mkradio4 Duschagain)',
    formatId: 'techem-mkradio',
    kind: 'frame',
    telegramHex: [
      '2F', // L: 47 bytes follow
      '44', // C: SND_NR
      '6850', // M: TCH (0x5068)
      '20014102', // A: id 02410120
      '95', // A: version 0x95
      '62', // A: device type 0x62
      'A2', // CI: manufacturer specific (Techem)
      '067029', // not decoded
      '0100', // volume at billing date: 1 x 0.1 m3
      '6017', // not decoded
      '0300', // volume since billing date: 3 x 0.1 m3
      '04000300000000000000000000000000000000000000000000000000', // not decoded
    ].join(''),
    expected: {
      values: {
        registerMl: 400000,
        billingDateRegisterMl: 100000,
        meta: {
          variant: 'mkradio4',
        },
      },
    },
  },
];
