/**
 * The arrears record (docs/accounts.md): an overdue amount on one of an account's bills, as the
 * customer system knows it, for late fees. zod 4, strict: an unknown field is an error naming it.
 */
import { z } from 'zod';
import { dateText } from '../tariffs/fields.js';

/** Major units, exact text with at most 2 decimals, above 0 and below 10^12 (numeric(14, 2)). */
const AMOUNT_TEXT = /^\d{1,12}(\.\d{1,2})?$/;

const amountText = z
  .string({ error: 'must be an amount as text like "184.82" (quoted, so that it is never a binary float)' })
  .refine((text) => AMOUNT_TEXT.test(text), {
    message: 'must be an amount like "184.82" (digits, at most 2 decimals)',
  })
  .refine((text) => /[1-9]/.test(text), { message: 'must be more than 0' });

const idText = z.string().min(1, { message: 'must not be empty' }).max(200);

export const arrearsRecordSchema = z
  .strictObject({
    accountId: idText,
    /** The bill's reference in the customer system: an invoice number, or its period ("2026-08"). */
    bill: idText,
    amount: amountText,
    dueDate: dateText.optional(),
    noticeDate: dateText.optional(),
    /** Day paid; absent while unpaid. */
    paidOn: dateText.optional(),
  })
  .superRefine((record, context) => {
    if (record.dueDate === undefined && record.noticeDate === undefined) {
      context.addIssue({ code: 'custom', path: ['dueDate'], message: 'a due date or a notice date is required' });
    }
  });

export type ArrearsRecord = z.output<typeof arrearsRecordSchema>;
