/**
 * Field-level zod schemas shared by the tariff and quote-input schemas: exact decimals as text,
 * dates, month-days, names and volumes in m³ that convert to integer millilitres exactly.
 */
import { z } from 'zod';
import { m3ToMlOrNull } from '../consumption/volume.js';
import { isDecimalText, parseDecimal } from '../money/decimal.js';
import { isCivilDate } from '../periods/civil-date.js';
import { parseMonthDay } from '../periods/month-day.js';

/** A non-negative exact decimal written as text ("2.07"): prices and amounts never pass a float. */
export const decimalText = z
  .string({ error: 'must be a decimal string like "2.07" (quoted, so that it is never a binary float)' })
  .refine((text) => isDecimalText(text) && !text.startsWith('-'), {
    message: 'must be a non-negative decimal like "2.07" (digits, optional "." and decimals)',
  });

/** A decimal in [0, 1] as text: discharge coefficients ("0.9"). */
export const fractionText = decimalText.refine(
  (text) => {
    const value = parseDecimal(text);
    return value !== null && value.units <= 10n ** BigInt(value.scale);
  },
  { message: 'must be between "0" and "1"' },
);

export const dateText = z
  .string({ error: 'must be a date "YYYY-MM-DD" (quoted)' })
  .refine(isCivilDate, { message: 'must be a real date "YYYY-MM-DD"' });

export const monthDayText = z
  .string({ error: 'must be a month-day "MM-DD"' })
  .refine((text) => parseMonthDay(text) !== null, { message: 'must be a month-day "MM-DD" (02-29 is not allowed)' });

/** Component and category names: lower snake case, used as bill-line labels. */
export const nameText = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, { message: 'must be lower snake case (letters, digits, _), starting with a letter' });

/** Volumes in m³ with at most 6 decimals, so that they are whole millilitres. */
export const volumeM3 = z
  .number({ error: 'must be a number of cubic metres' })
  .positive({ message: 'must be greater than 0' })
  .refine((value) => m3ToMlOrNull(value) !== null, { message: 'must have at most 6 decimals (whole millilitres)' });
