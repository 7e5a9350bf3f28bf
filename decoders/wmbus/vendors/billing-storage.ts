/**
 * Meters whose register at the billing date (wmbusmeters "target") is not at storage number 1:
 * the storage number and the date record that goes with it, per meter family. Storage 1 on
 * these meters is another period (year end) and stays in the history.
 */
import type { VendorProfile } from './types.js';

const atStorage = (storage: number, dateQuantity: 'date' | 'datetime'): VendorProfile['fields'] => ({
  billingDateRegister: { quantity: 'volume', storage, tariff: 0, functionField: 'instantaneous' },
  billingDate: { quantity: dateQuantity, storage },
});

export const billingStorageProfiles: readonly VendorProfile[] = [
  {
    id: 'diehl-hydrus',
    description: 'Diehl Hydrus: month-end value at storage 3',
    mvt: [
      { m: 'DME', v: 0x70, t: 0x07 },
      { m: 'DME', v: 0x70, t: 0x06 },
    ],
    fields: atStorage(3, 'datetime'),
  },
  {
    id: 'diehl-dme173',
    description: 'Diehl (DME 0x63): set-day value at storage 8',
    mvt: [{ m: 'DME', v: 0x63, t: 0x07 }],
    fields: atStorage(8, 'datetime'),
  },
  {
    id: 'ista-water',
    description: 'ista water meter: set-day value at storage 2',
    mvt: [{ m: 'IST', v: 0x31, t: 0x07 }],
    fields: atStorage(2, 'date'),
  },
  {
    id: 'zenner-minomess',
    description: 'Zenner Minomess: set-day value at storage 8',
    mvt: [
      { m: 'ZRI', v: 0x00, t: 0x07 },
      { m: 'ZRI', v: 0x01, t: 0x16 },
      { m: 'ZRI', v: 0x01, t: 0x06 },
    ],
    fields: atStorage(8, 'date'),
  },
  {
    id: 'zenner-uiws',
    description: 'Zenner ultrasonic (ZRI 0x99): set-day value at storage 30',
    mvt: [{ m: 'ZRI', v: 0x99, t: 0x07 }],
    fields: atStorage(30, 'date'),
  },
  {
    id: 'qundis-qwater',
    description: 'Qundis Q water: month-end value at storage 17, year end at storage 1',
    mvt: [{ m: 'QDS' }],
    fields: atStorage(17, 'date'),
  },
];
