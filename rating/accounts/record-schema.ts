/**
 * The account record of the JSON import formats (docs/accounts.md): the stored account plus
 * `exchanges`, which normalize.ts turns into a removal and an installation. zod 4, strict: an
 * unknown field is an error naming it.
 */
import { z } from 'zod';
import { dateText, decimalText } from '../tariffs/fields.js';
import { isTimeZone } from '../periods/zoned.js';

const millilitres = z
  .number({ error: 'must be a whole number of millilitres' })
  .int({ message: 'must be a whole number of millilitres' })
  .min(0, { message: 'must be 0 or more' })
  .max(Number.MAX_SAFE_INTEGER, { message: 'is too large to be exact' });

const registerDigits = z.number().int({ message: 'must be a whole number' }).min(1).max(12);
const diameterMm = z.number().int({ message: 'must be a whole number of millimetres' }).positive();
const idText = z.string().min(1, { message: 'must not be empty' }).max(200);

export const installationRecordSchema = z.strictObject({
  meterId: idText,
  installedOn: dateText,
  initialRegisterMl: millilitres.default(0),
  removedOn: dateText.optional(),
  finalRegisterMl: millilitres.optional(),
  registerDigits: registerDigits.optional(),
  diameterMm: diameterMm.optional(),
});

export const exchangeRecordSchema = z.strictObject({
  on: dateText,
  oldMeterId: idText,
  oldFinalRegisterMl: millilitres,
  newMeterId: idText,
  newInitialRegisterMl: millilitres,
  /** Of the new meter; default: the old meter's. */
  registerDigits: registerDigits.optional(),
  diameterMm: diameterMm.optional(),
});

export const accountRecordSchema = z.strictObject({
  accountId: idText,
  name: z.string().optional(),
  address: z.string().optional(),
  readingDay: z.number().int({ message: 'must be a whole number' }).min(1).max(28),
  billingMonths: z.number().int({ message: 'must be a whole number' }).min(1).max(12).default(1),
  firstMonth: z.number().int({ message: 'must be a whole number' }).min(1).max(12).default(1),
  timeZone: z
    .string()
    .refine(isTimeZone, { message: 'must be an IANA time zone such as "Asia/Shanghai"' })
    .default('Asia/Shanghai'),
  openedOn: dateText.optional(),
  closedOn: dateText.optional(),
  categories: z
    .array(
      z.strictObject({
        from: dateText,
        category: z
          .string()
          .regex(/^[a-z][a-z0-9_]*$/, { message: 'must be lower snake case, as tariffs name categories' }),
      }),
    )
    .min(1, { message: 'must list at least one category' }),
  householdSizes: z
    .array(z.strictObject({ from: dateText, persons: z.number().int({ message: 'must be a whole number' }).min(1) }))
    .default([]),
  contractedCapacities: z
    .array(
      z.strictObject({
        from: dateText,
        m3PerMonth: decimalText.refine((text) => /[1-9]/.test(text), { message: 'must be greater than 0' }),
      }),
    )
    .default([]),
  meters: z.array(installationRecordSchema).default([]),
  exchanges: z.array(exchangeRecordSchema).default([]),
});

export type AccountRecordInput = z.input<typeof accountRecordSchema>;
export type AccountRecord = z.output<typeof accountRecordSchema>;
