/**
 * Apator NA-1 frames (CI A0/A1) from the wmbusmeters apatorna1 driver tests (issue 1215 clusters),
 * all with the all-zero AES key. Volumes in millilitres; meter times are stated to the minute.
 */
import type { ManufacturerVector } from './test-support.js';

export const vectors: ManufacturerVector[] = [
  {
    name: 'ApNa1 first test (CI A0, ACC 176)',
    source: 'wmbusmeters drivers/src/apatorna1.xmq (apatorna1 ApNa1)',
    formatId: 'apator-na1',
    kind: 'frame',
    key: '00000000000000000000000000000000',
    telegramHex: [
      '1C', // L: 28 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '81359104', // A: id 04913581
      '14', // A: version 0x14
      '07', // A: device type 0x07
      'A0', // CI: manufacturer specific (Apator NA-1)
      'B0', // access number 176 (IV = M A + 8 x this byte)
      '00', // frame status 0x00, plain
      '266A705474DDB80D9A0EB9AE2EF29D96', // AES-128-CBC block: 2F, packed total, meter time, historic age/delta, current and historic status
    ].join(''),
    expected: {
      values: {
        registerMl: 345312000,
        billingDateRegisterMl: 300619000,
        billingDate: '2024-02-29',
        alarms: [
          {
            kind: 'leak',
            detail: 'MINIMUM_FLOW',
            historic: true,
          },
        ],
        meta: {
          historicAgeH: 545,
          frameStatus: 'OK',
          currentStatus: 'OK',
          historicStatus: 'MINIMUM_FLOW',
        },
      },
    },
    expectedMetaPrefix: {
      meterDateTime: '2024-03-23 15:22',
      historicDateTime: '2024-02-29 22:22',
    },
  },
  {
    name: 'ApNa1 Issue 1215 cluster 1 before dip (CI A0, ACC 127)',
    source: 'wmbusmeters drivers/src/apatorna1.xmq (apatorna1 ApNa1)',
    formatId: 'apator-na1',
    kind: 'frame',
    key: '00000000000000000000000000000000',
    telegramHex: [
      '1C', // L: 28 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '81359104', // A: id 04913581
      '14', // A: version 0x14
      '07', // A: device type 0x07
      'A0', // CI: manufacturer specific (Apator NA-1)
      '7F', // access number 127 (IV = M A + 8 x this byte)
      '01', // frame status 0x01, plain
      '8D43B54E718E8718D5D2C8F939194847', // AES-128-CBC block: 2F, packed total, meter time, historic age/delta, current and historic status
    ].join(''),
    expected: {
      values: {
        registerMl: 687361000,
        billingDateRegisterMl: 662325000,
        billingDate: '2024-09-30',
        alarms: [],
        meta: {
          historicAgeH: 351,
          frameStatus: 'SUMMER_TIME',
          currentStatus: 'OK',
          historicStatus: 'OK',
        },
      },
    },
    expectedMetaPrefix: {
      meterDateTime: '2024-10-15 12:23',
      historicDateTime: '2024-09-30 21:23',
    },
  },
  {
    name: 'ApNa1 Issue 1215 cluster 1 dip (CI A1, ACC 125)',
    source: 'wmbusmeters drivers/src/apatorna1.xmq (apatorna1 ApNa1)',
    formatId: 'apator-na1',
    kind: 'frame',
    key: '00000000000000000000000000000000',
    telegramHex: [
      '1C', // L: 28 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '81359104', // A: id 04913581
      '14', // A: version 0x14
      '07', // A: device type 0x07
      'A1', // CI: manufacturer specific (Apator NA-1)
      '7D', // access number 125 (IV = M A + 8 x this byte)
      '01', // frame status 0x01, plain
      '416562108AB98A0FE92FC06AA8122176', // AES-128-CBC block: 2F, packed total, meter time, historic age/delta, current and historic status
    ].join(''),
    expected: {
      values: {
        registerMl: 687104000,
        billingDateRegisterMl: 662325000,
        billingDate: '2024-09-30',
        alarms: [],
        meta: {
          historicAgeH: 351,
          frameStatus: 'SUMMER_TIME',
          currentStatus: 'OK',
          historicStatus: 'OK',
        },
      },
    },
    expectedMetaPrefix: {
      meterDateTime: '2024-10-15 12:22',
      historicDateTime: '2024-09-30 21:22',
    },
  },
  {
    name: 'ApNa1 Issue 1215 cluster 1 recovery (CI A1, ACC 116)',
    source: 'wmbusmeters drivers/src/apatorna1.xmq (apatorna1 ApNa1)',
    formatId: 'apator-na1',
    kind: 'frame',
    key: '00000000000000000000000000000000',
    telegramHex: [
      '1C', // L: 28 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '81359104', // A: id 04913581
      '14', // A: version 0x14
      '07', // A: device type 0x07
      'A1', // CI: manufacturer specific (Apator NA-1)
      '74', // access number 116 (IV = M A + 8 x this byte)
      '01', // frame status 0x01, plain
      '3655E9B2B8085E2F256908D7498C402C', // AES-128-CBC block: 2F, packed total, meter time, historic age/delta, current and historic status
    ].join(''),
    expected: {
      values: {
        registerMl: 687357000,
        billingDateRegisterMl: 662325000,
        billingDate: '2024-09-30',
        alarms: [],
        meta: {
          historicAgeH: 351,
          frameStatus: 'SUMMER_TIME',
          currentStatus: 'OK',
          historicStatus: 'OK',
        },
      },
    },
    expectedMetaPrefix: {
      meterDateTime: '2024-10-15 12:21',
      historicDateTime: '2024-09-30 21:21',
    },
  },
  {
    name: 'ApNa1 Issue 1215 cluster 2 before dip (CI A0, ACC 255)',
    source: 'wmbusmeters drivers/src/apatorna1.xmq (apatorna1 ApNa1)',
    formatId: 'apator-na1',
    kind: 'frame',
    key: '00000000000000000000000000000000',
    telegramHex: [
      '1C', // L: 28 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '81359104', // A: id 04913581
      '14', // A: version 0x14
      '07', // A: device type 0x07
      'A0', // CI: manufacturer specific (Apator NA-1)
      'FF', // access number 255 (IV = M A + 8 x this byte)
      '01', // frame status 0x01, plain
      '9E3790584B0876226B94ADC34FFABDED', // AES-128-CBC block: 2F, packed total, meter time, historic age/delta, current and historic status
    ].join(''),
    expected: {
      values: {
        registerMl: 689403000,
        billingDateRegisterMl: 662325000,
        billingDate: '2024-09-30',
        alarms: [
          {
            kind: 'leak',
            detail: 'MINIMUM_FLOW',
            historic: true,
          },
        ],
        meta: {
          historicAgeH: 375,
          frameStatus: 'SUMMER_TIME',
          currentStatus: 'OK',
          historicStatus: 'MINIMUM_FLOW',
        },
      },
    },
    expectedMetaPrefix: {
      meterDateTime: '2024-10-16 12:04',
      historicDateTime: '2024-09-30 21:04',
    },
  },
  {
    name: 'ApNa1 Issue 1215 cluster 2 dip (CI A0, ACC 2)',
    source: 'wmbusmeters drivers/src/apatorna1.xmq (apatorna1 ApNa1)',
    formatId: 'apator-na1',
    kind: 'frame',
    key: '00000000000000000000000000000000',
    telegramHex: [
      '1C', // L: 28 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '81359104', // A: id 04913581
      '14', // A: version 0x14
      '07', // A: device type 0x07
      'A0', // CI: manufacturer specific (Apator NA-1)
      '02', // access number 2 (IV = M A + 8 x this byte)
      '01', // frame status 0x01, plain
      '34813C00486734067DB0111C30188137', // AES-128-CBC block: 2F, packed total, meter time, historic age/delta, current and historic status
    ].join(''),
    expected: {
      values: {
        registerMl: 689152000,
        billingDateRegisterMl: 662325000,
        billingDate: '2024-09-30',
        alarms: [
          {
            kind: 'leak',
            detail: 'MINIMUM_FLOW',
            historic: true,
          },
        ],
        meta: {
          historicAgeH: 375,
          frameStatus: 'SUMMER_TIME',
          currentStatus: 'OK',
          historicStatus: 'MINIMUM_FLOW',
        },
      },
    },
    expectedMetaPrefix: {
      meterDateTime: '2024-10-16 12:04',
      historicDateTime: '2024-09-30 21:04',
    },
  },
  {
    name: 'ApNa1 Issue 1215 cluster 2 recovery (CI A0, ACC 12)',
    source: 'wmbusmeters drivers/src/apatorna1.xmq (apatorna1 ApNa1)',
    formatId: 'apator-na1',
    kind: 'frame',
    key: '00000000000000000000000000000000',
    telegramHex: [
      '1C', // L: 28 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '81359104', // A: id 04913581
      '14', // A: version 0x14
      '07', // A: device type 0x07
      'A0', // CI: manufacturer specific (Apator NA-1)
      '0C', // access number 12 (IV = M A + 8 x this byte)
      '01', // frame status 0x01, plain
      '9334727003B3DA268CF11117D85B6D71', // AES-128-CBC block: 2F, packed total, meter time, historic age/delta, current and historic status
    ].join(''),
    expected: {
      values: {
        registerMl: 689415000,
        billingDateRegisterMl: 662325000,
        billingDate: '2024-09-30',
        alarms: [
          {
            kind: 'leak',
            detail: 'MINIMUM_FLOW',
            historic: true,
          },
        ],
        meta: {
          historicAgeH: 375,
          frameStatus: 'SUMMER_TIME',
          currentStatus: 'OK',
          historicStatus: 'MINIMUM_FLOW',
        },
      },
    },
    expectedMetaPrefix: {
      meterDateTime: '2024-10-16 12:06',
      historicDateTime: '2024-09-30 21:06',
    },
  },
  {
    name: 'ApNa1 Issue 1215 cluster 3 before dip (CI A0, ACC 8)',
    source: 'wmbusmeters drivers/src/apatorna1.xmq (apatorna1 ApNa1)',
    formatId: 'apator-na1',
    kind: 'frame',
    key: '00000000000000000000000000000000',
    telegramHex: [
      '1C', // L: 28 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '81359104', // A: id 04913581
      '14', // A: version 0x14
      '07', // A: device type 0x07
      'A0', // CI: manufacturer specific (Apator NA-1)
      '08', // access number 8 (IV = M A + 8 x this byte)
      '01', // frame status 0x01, plain
      '74159B7E36D8E6421E3AED55C76BA54A', // AES-128-CBC block: 2F, packed total, meter time, historic age/delta, current and historic status
    ].join(''),
    expected: {
      values: {
        registerMl: 696575000,
        billingDateRegisterMl: 662325000,
        billingDate: '2024-09-30',
        alarms: [
          {
            kind: 'leak',
            detail: 'MINIMUM_FLOW',
            historic: true,
          },
        ],
        meta: {
          historicAgeH: 473,
          frameStatus: 'SUMMER_TIME',
          currentStatus: 'OK',
          historicStatus: 'MINIMUM_FLOW',
        },
      },
    },
    expectedMetaPrefix: {
      meterDateTime: '2024-10-20 14:18',
      historicDateTime: '2024-09-30 21:18',
    },
  },
  {
    name: 'ApNa1 Issue 1215 cluster 3 dip (CI A1, ACC 12)',
    source: 'wmbusmeters drivers/src/apatorna1.xmq (apatorna1 ApNa1)',
    formatId: 'apator-na1',
    kind: 'frame',
    key: '00000000000000000000000000000000',
    telegramHex: [
      '1C', // L: 28 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '81359104', // A: id 04913581
      '14', // A: version 0x14
      '07', // A: device type 0x07
      'A1', // CI: manufacturer specific (Apator NA-1)
      '0C', // access number 12 (IV = M A + 8 x this byte)
      '01', // frame status 0x01, plain
      '0AEF3C1D41BE7F7A33B9EB469924397C', // AES-128-CBC block: 2F, packed total, meter time, historic age/delta, current and historic status
    ].join(''),
    expected: {
      values: {
        registerMl: 696320000,
        billingDateRegisterMl: 662325000,
        billingDate: '2024-09-30',
        alarms: [
          {
            kind: 'leak',
            detail: 'MINIMUM_FLOW',
            historic: true,
          },
        ],
        meta: {
          historicAgeH: 473,
          frameStatus: 'SUMMER_TIME',
          currentStatus: 'OK',
          historicStatus: 'MINIMUM_FLOW',
        },
      },
    },
    expectedMetaPrefix: {
      meterDateTime: '2024-10-20 14:18',
      historicDateTime: '2024-09-30 21:18',
    },
  },
  {
    name: 'ApNa1 Issue 1215 cluster 3 recovery (CI A0, ACC 19)',
    source: 'wmbusmeters drivers/src/apatorna1.xmq (apatorna1 ApNa1)',
    formatId: 'apator-na1',
    kind: 'frame',
    key: '00000000000000000000000000000000',
    telegramHex: [
      '1C', // L: 28 bytes follow
      '44', // C: SND_NR
      '0106', // M: APA (0x0601)
      '81359104', // A: id 04913581
      '14', // A: version 0x14
      '07', // A: device type 0x07
      'A0', // CI: manufacturer specific (Apator NA-1)
      '13', // access number 19 (IV = M A + 8 x this byte)
      '01', // frame status 0x01, plain
      '97DAF2A1C02F9B77B14ACD51CB20C41E', // AES-128-CBC block: 2F, packed total, meter time, historic age/delta, current and historic status
    ].join(''),
    expected: {
      values: {
        registerMl: 696576000,
        billingDateRegisterMl: 662325000,
        billingDate: '2024-09-30',
        alarms: [
          {
            kind: 'leak',
            detail: 'MINIMUM_FLOW',
            historic: true,
          },
        ],
        meta: {
          historicAgeH: 473,
          frameStatus: 'SUMMER_TIME',
          currentStatus: 'OK',
          historicStatus: 'MINIMUM_FLOW',
        },
      },
    },
    expectedMetaPrefix: {
      meterDateTime: '2024-10-20 14:20',
      historicDateTime: '2024-09-30 21:20',
    },
  },
];
