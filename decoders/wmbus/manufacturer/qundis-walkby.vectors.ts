/**
 * Qundis walk-by telegrams (CI 78, record 0D FF 5F) from the wmbusmeters qwater (C++) and qwaterv2
 * driver tests. Monthly due values are the billing-date register (wmbusmeters "target"); yearly
 * due values are in meta and history. Dates FFFF are "none" (wmbusmeters prints null with a 0 register).
 */
import type { ManufacturerVector } from './test-support.js';

export const vectors: ManufacturerVector[] = [
  {
    name: 'MyQWater id 12353648 walk-by (total 2.048 m3)',
    source: 'wmbusmeters drivers/src/qwaterv2.xmq, src/driver_qwater.cc (qwater MyQWater / qwaterv2 MyQWater)',
    formatId: 'qundis-walkby',
    kind: 'vendorRecord',
    headHex: [
      '47', // L: 71 bytes follow
      '44', // C: SND_NR
      '9344', // M: QDS (0x4493)
      '48363512', // A: id 12353648
      '18', // A: version 0x18
      '06', // A: device type 0x06
      '78', // CI: no TPL header
      '0DFF5F', // record DIF 0D (variable length), VIF FF 5F (Qundis)
      '35', // LVAR: 53 bytes
    ].join(''),
    recordKey: '0DFF5F',
    dataHex: [
      '0082DA0000600107C1', // header (not decoded)
      '13', // 0x13: litres
      'FFFF', // error date (type G, FFFF = none)
      '48200000', // total, BCD litres
      'BF2C', // yearly due date (type G)
      '91170000', // register at yearly due date, BCD litres
      'DF21', // monthly due date (type G)
      '20200000', // register at monthly due date, BCD litres
      '008001000000060019001000160018000D001300350017002F', // history (not decoded)
    ].join(''),
    tailHex: [
      '046D370CC422C759', // 2F fill, record 046D meter date and time (generic parser)
    ].join(''),
    expected: {
      values: {
        billingDateRegisterMl: 2020000,
        billingDate: '2022-01-31',
        registerMl: 2048000,
        meta: {
          errorDate: null,
          monthDueDate: '2022-01-31',
          monthDueRegisterMl: 2020000,
          yearDueDate: '2021-12-31',
          yearDueRegisterMl: 1791000,
        },
      },
    },
  },
  {
    name: 'QWooo id 78563412 walk-by (total 139.663 m3)',
    source: 'wmbusmeters drivers/src/qwaterv2.xmq, src/driver_qwater.cc (qwater QWooo / qwaterv2 QWooo)',
    formatId: 'qundis-walkby',
    kind: 'vendorRecord',
    headHex: [
      '49', // L: 73 bytes follow
      '44', // C: SND_NR
      '9344', // M: QDS (0x4493)
      '12345678', // A: id 78563412
      '16', // A: version 0x16
      '06', // A: device type 0x06
      '78', // CI: no TPL header
      '0DFF5F', // record DIF 0D (variable length), VIF FF 5F (Qundis)
      '35', // LVAR: 53 bytes
    ].join(''),
    recordKey: '0DFF5F',
    dataHex: [
      '00824E00007F0007C1', // header (not decoded)
      '13', // 0x13: litres
      'FFFF', // error date (type G, FFFF = none)
      '63961300', // total, BCD litres
      'DF2C', // yearly due date (type G)
      '82731200', // register at yearly due date, BCD litres
      'FE24', // monthly due date (type G)
      '63811300', // register at monthly due date, BCD litres
      'A400F200D100A900DD00E000E90006011601EA0027010F012F', // history (not decoded)
    ].join(''),
    tailHex: [
      '046D0211F225', // 2F fill, record 046D meter date and time (generic parser)
    ].join(''),
    expected: {
      values: {
        billingDateRegisterMl: 138163000,
        billingDate: '2023-04-30',
        registerMl: 139663000,
        meta: {
          errorDate: null,
          monthDueDate: '2023-04-30',
          monthDueRegisterMl: 138163000,
          yearDueDate: '2022-12-31',
          yearDueRegisterMl: 127382000,
        },
      },
    },
  },
  {
    name: 'QWaaa id 51220588 walk-by (total 46.791 m3)',
    source: 'wmbusmeters drivers/src/qwaterv2.xmq, src/driver_qwater.cc (qwater QWaaa)',
    formatId: 'qundis-walkby',
    kind: 'vendorRecord',
    headHex: [
      '49', // L: 73 bytes follow
      '44', // C: SND_NR
      '9344', // M: QDS (0x4493)
      '88052251', // A: id 51220588
      '19', // A: version 0x19
      '07', // A: device type 0x07
      '78', // CI: no TPL header
      '0DFF5F', // record DIF 0D (variable length), VIF FF 5F (Qundis)
      '35', // LVAR: 53 bytes
    ].join(''),
    recordKey: '0DFF5F',
    dataHex: [
      '0082930000810007C1', // header (not decoded)
      '13', // 0x13: litres
      'FFFF', // error date (type G, FFFF = none)
      '91670400', // total, BCD litres
      'FF2C', // yearly due date (type G)
      '26540200', // register at yearly due date, BCD litres
      '1E34', // monthly due date (type G)
      '33220400', // register at monthly due date, BCD litres
      '0000EE00F201A501DB01C1015401B70178019701B901C9012F', // history (not decoded)
    ].join(''),
    tailHex: [
      '046D06091D35', // 2F fill, record 046D meter date and time (generic parser)
    ].join(''),
    expected: {
      values: {
        billingDateRegisterMl: 42233000,
        billingDate: '2024-04-30',
        registerMl: 46791000,
        meta: {
          errorDate: null,
          monthDueDate: '2024-04-30',
          monthDueRegisterMl: 42233000,
          yearDueDate: '2023-12-31',
          yearDueRegisterMl: 25426000,
        },
      },
    },
  },
  {
    name: 'QWddd id 13334995 walk-by (total 39.729 m3)',
    source: 'wmbusmeters drivers/src/qwaterv2.xmq, src/driver_qwater.cc (qwater QWddd)',
    formatId: 'qundis-walkby',
    kind: 'vendorRecord',
    headHex: [
      '49', // L: 73 bytes follow
      '44', // C: SND_NR
      '9344', // M: QDS (0x4493)
      '95493313', // A: id 13334995
      '17', // A: version 0x17
      '06', // A: device type 0x06
      '78', // CI: no TPL header
      '0DFF5F', // record DIF 0D (variable length), VIF FF 5F (Qundis)
      '35', // LVAR: 53 bytes
    ].join(''),
    recordKey: '0DFF5F',
    dataHex: [
      '00823A0000600107C1', // header (not decoded)
      '13', // 0x13: litres
      'FFFF', // error date (type G, FFFF = none)
      '29970300', // total, BCD litres
      'FF2C', // yearly due date (type G)
      '58030300', // register at yearly due date, BCD litres
      '1E3B', // monthly due date (type G)
      '26970300', // register at monthly due date, BCD litres
      '0A006500750073005B0070007D0061005B004200160000002F', // history (not decoded)
    ].join(''),
    tailHex: [
      '046D1E0F113C', // 2F fill, record 046D meter date and time (generic parser)
    ].join(''),
    expected: {
      values: {
        billingDateRegisterMl: 39726000,
        billingDate: '2024-11-30',
        registerMl: 39729000,
        meta: {
          errorDate: null,
          monthDueDate: '2024-11-30',
          monthDueRegisterMl: 39726000,
          yearDueDate: '2023-12-31',
          yearDueRegisterMl: 30358000,
        },
      },
    },
  },
  {
    name: 'QQ1 id 37439212 walk-by (total 6.696 m3)',
    source: 'wmbusmeters drivers/src/qwaterv2.xmq, src/driver_qwater.cc (qwater QQ1)',
    formatId: 'qundis-walkby',
    kind: 'vendorRecord',
    headHex: [
      '53', // L: 83 bytes follow
      '44', // C: SND_NR
      '9344', // M: QDS (0x4493)
      '12924337', // A: id 37439212
      '35', // A: version 0x35
      '37', // A: device type 0x37
      '78', // CI: no TPL header
      '07791292433793443507', // record 07 79: enhanced identification (8 bytes)
      '0DFF5F', // record DIF 0D (variable length), VIF FF 5F (Qundis)
      '35', // LVAR: 53 bytes
    ].join(''),
    recordKey: '0DFF5F',
    dataHex: [
      '00828A0000100007C1', // header (not decoded)
      '13', // 0x13: litres
      'FFFF', // error date (type G, FFFF = none)
      '96660000', // total, BCD litres
      '1F3C', // yearly due date (type G)
      '00000000', // register at yearly due date, BCD litres
      '3E34', // monthly due date (type G)
      '19580000', // register at monthly due date, BCD litres
      '008000800080008000800080008000005A0094009C00BB002F', // history (not decoded)
    ].join(''),
    tailHex: [
      '046D010F3235', // 2F fill, record 046D meter date and time (generic parser)
    ].join(''),
    expected: {
      values: {
        billingDateRegisterMl: 5819000,
        billingDate: '2025-04-30',
        registerMl: 6696000,
        meta: {
          errorDate: null,
          monthDueDate: '2025-04-30',
          monthDueRegisterMl: 5819000,
          yearDueDate: '2024-12-31',
          yearDueRegisterMl: 0,
        },
      },
    },
  },
  {
    name: 'QQ2 id 37432649 walk-by (total 5.324 m3)',
    source: 'wmbusmeters drivers/src/qwaterv2.xmq, src/driver_qwater.cc (qwater QQ2)',
    formatId: 'qundis-walkby',
    kind: 'vendorRecord',
    headHex: [
      '53', // L: 83 bytes follow
      '44', // C: SND_NR
      '9344', // M: QDS (0x4493)
      '49264337', // A: id 37432649
      '35', // A: version 0x35
      '37', // A: device type 0x37
      '78', // CI: no TPL header
      '07794926433793443507', // record 07 79: enhanced identification (8 bytes)
      '0DFF5F', // record DIF 0D (variable length), VIF FF 5F (Qundis)
      '35', // LVAR: 53 bytes
    ].join(''),
    recordKey: '0DFF5F',
    dataHex: [
      '0082560000110007C1', // header (not decoded)
      '13', // 0x13: litres
      'FFFF', // error date (type G, FFFF = none)
      '24530000', // total, BCD litres
      '1F3C', // yearly due date (type G)
      '21040000', // register at yearly due date, BCD litres
      '3E34', // monthly due date (type G)
      '89460000', // register at monthly due date, BCD litres
      '00800080008000800080008000002A0066005F00730072002F', // history (not decoded)
    ].join(''),
    tailHex: [
      '046D000F3235', // 2F fill, record 046D meter date and time (generic parser)
    ].join(''),
    expected: {
      values: {
        billingDateRegisterMl: 4689000,
        billingDate: '2025-04-30',
        registerMl: 5324000,
        meta: {
          errorDate: null,
          monthDueDate: '2025-04-30',
          monthDueRegisterMl: 4689000,
          yearDueDate: '2024-12-31',
          yearDueRegisterMl: 421000,
        },
      },
    },
  },
  {
    name: 'QQ5 id 61193115 walk-by (total 0.066 m3)',
    source: 'wmbusmeters drivers/src/qwaterv2.xmq, src/driver_qwater.cc (qwater QQ5)',
    formatId: 'qundis-walkby',
    kind: 'vendorRecord',
    headHex: [
      '49', // L: 73 bytes follow
      '44', // C: SND_NR
      '9344', // M: QDS (0x4493)
      '15311961', // A: id 61193115
      '1D', // A: version 0x1D
      '06', // A: device type 0x06
      '78', // CI: no TPL header
      '0DFF5F', // record DIF 0D (variable length), VIF FF 5F (Qundis)
      '35', // LVAR: 53 bytes
    ].join(''),
    recordKey: '0DFF5F',
    dataHex: [
      '00826E0000F00007C1', // header (not decoded)
      '13', // 0x13: litres
      'FFFF', // error date (type G, FFFF = none)
      '66000000', // total, BCD litres
      'FFFF', // yearly due date (type G)
      '00000000', // register at yearly due date, BCD litres
      'FFFF', // monthly due date (type G)
      '00000000', // register at monthly due date, BCD litres
      '0080008000800080008000800080008000800080008000802F', // history (not decoded)
    ].join(''),
    tailHex: [
      '046D33125F31', // 2F fill, record 046D meter date and time (generic parser)
    ].join(''),
    expected: {
      values: {
        registerMl: 66000,
        meta: {
          errorDate: null,
          monthDueDate: null,
          monthDueRegisterMl: null,
          yearDueDate: null,
          yearDueRegisterMl: null,
        },
      },
    },
  },
  {
    name: 'QQ5 id 61193115 walk-by (total 0.069 m3)',
    source: 'wmbusmeters drivers/src/qwaterv2.xmq, src/driver_qwater.cc (qwater QQ5)',
    formatId: 'qundis-walkby',
    kind: 'vendorRecord',
    headHex: [
      '49', // L: 73 bytes follow
      '44', // C: SND_NR
      '9344', // M: QDS (0x4493)
      '15311961', // A: id 61193115
      '1D', // A: version 0x1D
      '06', // A: device type 0x06
      '78', // CI: no TPL header
      '0DFF5F', // record DIF 0D (variable length), VIF FF 5F (Qundis)
      '35', // LVAR: 53 bytes
    ].join(''),
    recordKey: '0DFF5F',
    dataHex: [
      '0082EC0000F10007C1', // header (not decoded)
      '13', // 0x13: litres
      'FFFF', // error date (type G, FFFF = none)
      '69000000', // total, BCD litres
      'FFFF', // yearly due date (type G)
      '00000000', // register at yearly due date, BCD litres
      '5F31', // monthly due date (type G)
      '68000000', // register at monthly due date, BCD litres
      '0080008000800080008000800080008000800080008006002F', // history (not decoded)
    ].join(''),
    tailHex: [
      '046D1C0A4132', // 2F fill, record 046D meter date and time (generic parser)
    ].join(''),
    expected: {
      values: {
        billingDateRegisterMl: 68000,
        billingDate: '2026-01-31',
        registerMl: 69000,
        meta: {
          errorDate: null,
          monthDueDate: '2026-01-31',
          monthDueRegisterMl: 68000,
          yearDueDate: null,
          yearDueRegisterMl: null,
        },
      },
    },
  },
];
