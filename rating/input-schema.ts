/**
 * The quote input file (`meterflow quote --input FILE`): one account's facts and its register
 * values for one or more consecutive periods. Volumes and registers are integer millilitres;
 * money is decimal text. The same shapes as account.ts, validated with field paths.
 */
import { z } from 'zod';
import { dateText, decimalText } from './tariffs/fields.js';

const millilitres = z
  .number({ error: 'must be a whole number of millilitres' })
  .int({ message: 'must be a whole number of millilitres' })
  .min(0, { message: 'must be 0 or more' })
  .max(Number.MAX_SAFE_INTEGER, { message: 'is too large to be exact' });

const persons = z.number().int().min(1);

export const meterInstallationSchema = z.strictObject({
  meterId: z.string().min(1),
  installedOn: dateText,
  initialRegisterMl: millilitres,
  initialReadingIds: z.array(z.string()).optional(),
  removedOn: dateText.optional(),
  finalRegisterMl: millilitres.optional(),
  finalReadingIds: z.array(z.string()).optional(),
  registerDigits: z.number().int().min(1).max(9).optional(),
  diameterMm: z.number().int().positive().optional(),
});

export const accountFactsSchema = z.strictObject({
  accountId: z.string().min(1),
  openedOn: dateText.optional(),
  categoryHistory: z.array(z.strictObject({ from: dateText, category: z.string().min(1) })).min(1),
  householdSizeHistory: z.array(z.strictObject({ from: dateText, persons })).optional(),
  contractedCapacityHistory: z.array(z.strictObject({ from: dateText, m3PerMonth: z.number().positive() })).optional(),
  meters: z.array(meterInstallationSchema).min(1),
  billingCycle: z.strictObject({
    readingDay: z.number().int().min(1).max(28),
    months: z.number().int().min(1).max(12),
    firstMonth: z.number().int().min(1).max(12).optional(),
  }),
  tierYearToDate: z.strictObject({ tierYearStart: dateText, volumeMl: millilitres }).optional(),
  volumeRemainderMl: millilitres.optional(),
  lateFeesCharged: z.array(z.strictObject({ billId: z.string().min(1), amount: decimalText })).optional(),
});

export const boundaryRegisterSchema = z.strictObject({
  meterId: z.string().min(1),
  on: dateText,
  registerMl: millilitres,
  quality: z.enum(['actual', 'estimated', 'corrected']),
  readingIds: z.array(z.string()),
});

export const overdueBillSchema = z.strictObject({
  billId: z.string().min(1),
  amount: decimalText,
  dueDate: dateText.optional(),
  noticeDate: dateText.optional(),
  paidOn: dateText.optional(),
  lateFeeChargedBefore: decimalText.optional(),
});

export const quoteInputSchema = z.strictObject({
  account: accountFactsSchema,
  registers: z.array(boundaryRegisterSchema),
  periods: z
    .array(z.strictObject({ start: dateText, end: dateText, overdue: z.array(overdueBillSchema).optional() }))
    .min(1, { message: 'must list at least one period' }),
});

export type QuoteInput = z.output<typeof quoteInputSchema>;
