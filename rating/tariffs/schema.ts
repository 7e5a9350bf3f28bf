/**
 * The tariff file schema (zod 4). A tariff is one utility's price schedule in one currency: its
 * billing conventions (`policies`), an optional late-fee rule, and versions with effective dates,
 * each pricing water-use categories with a list of components. docs/tariffs.md documents every
 * field; a test checks that it names each one. Cross-field rules (tier order, references between
 * components) are in checks.ts, run after this schema accepts the shape.
 */
import { z } from 'zod';
import { CURRENCY_CODES } from '../money/currency.js';
import { ROUNDING_MODES } from '../money/rounding.js';
import { isTimeZone } from '../periods/zoned.js';
import { dateText, decimalText, fractionText, monthDayText, nameText, volumeM3 } from './fields.js';

const wholeCount = z.number().int({ message: 'must be a whole number' }).min(1, { message: 'must be at least 1' });

export const tierSchema = z.strictObject({
  /** Upper bound of the tier in m³, inclusive; absent on the last, open-ended tier. */
  upToM3: volumeM3.optional(),
  price: decimalText,
});

export const householdAllowanceSchema = z.discriminatedUnion('kind', [
  /** Beijing: +m3PerPerson on every threshold for each person above baseSize. */
  z.strictObject({ kind: z.literal('perPersonAbove'), baseSize: wholeCount, m3PerPerson: volumeM3 }),
  /** Shanghai: +extraM3 on every threshold for households of minSize persons or more. */
  z.strictObject({ kind: z.literal('fromSize'), minSize: wholeCount, extraM3: volumeM3 }),
  /** Shenzhen collective households: thresholds are per person, multiplied by the household size. */
  z.strictObject({ kind: z.literal('perPerson') }),
]);

export const tieredSchema = z.strictObject({
  kind: z.literal('tiered'),
  name: nameText,
  basis: z.enum(['period', 'annual']),
  tiers: z.array(tierSchema).min(2, { message: 'must have at least two tiers (use a flat component for one price)' }),
  householdAllowance: householdAllowanceSchema.optional(),
  thresholdProration: z.enum(['none', 'days', 'remainingMonths']),
});

export const flatSchema = z.strictObject({
  kind: z.literal('flat'),
  name: nameText,
  price: decimalText,
});

export const sewageSchema = z.strictObject({
  kind: z.literal('sewage'),
  name: nameText,
  dischargeCoefficient: fractionText,
  price: decimalText.optional(),
  tierPrices: z.array(decimalText).optional(),
  tiersOf: nameText.optional(),
});

export const basicChargeSchema = z.discriminatedUnion('basis', [
  z.strictObject({ basis: z.literal('account'), amountPerMonth: decimalText }),
  z.strictObject({
    basis: z.literal('meterDiameter'),
    amountsPerMonthByDiameterMm: z.record(
      z.string().regex(/^[1-9]\d*$/, { message: 'must be a meter diameter in whole millimetres ("15")' }),
      decimalText,
    ),
  }),
  z.strictObject({ basis: z.literal('contractedCapacity'), pricePerContractedM3: decimalText }),
]);

const prorateSchema = z.enum(['days', 'none']);

export const fixedSchema = z.strictObject({
  kind: z.literal('fixed'),
  name: nameText,
  charge: basicChargeSchema,
  prorate: prorateSchema,
});

export const twoPartSchema = z.strictObject({
  kind: z.literal('twoPart'),
  name: nameText,
  basic: basicChargeSchema,
  volumetricPrice: decimalText,
  prorate: prorateSchema,
});

export const minimumSchema = z.strictObject({
  kind: z.literal('minimum'),
  name: nameText,
  charge: basicChargeSchema,
  covers: z.array(nameText).min(1).optional(),
  prorate: prorateSchema,
});

export const componentSchema = z.discriminatedUnion('kind', [
  tieredSchema,
  flatSchema,
  sewageSchema,
  fixedSchema,
  twoPartSchema,
  minimumSchema,
]);

export const categorySchema = z.strictObject({
  description: z.string().optional(),
  components: z.array(componentSchema).min(1, { message: 'must have at least one component' }),
});

export const versionSchema = z.strictObject({
  effectiveFrom: dateText,
  label: z.string().optional(),
  categories: z.record(nameText, categorySchema).refine((record) => Object.keys(record).length > 0, {
    message: 'must price at least one category',
  }),
});

export const policiesSchema = z.strictObject({
  volumeResolution: z.enum(['ml', 'litre', 'm3']),
  moneyRounding: z.strictObject({ mode: z.enum(ROUNDING_MODES), scope: z.enum(['line', 'total']) }),
  split: z.strictObject({ method: z.literal('byDays'), resolution: z.enum(['wholeM3', 'centiM3', 'exact']) }),
  tierYear: z.strictObject({ start: monthDayText, periodSpanningStart: z.enum(['split', 'readingDate']) }).optional(),
});

export const lateFeeSchema = z.strictObject({
  ratePerDay: fractionText,
  startsAfter: z.enum(['dueDate', 'noticeDate']),
  graceDays: z.number().int({ message: 'must be a whole number of days' }).min(0, { message: 'must be 0 or more' }),
  capFraction: decimalText.optional(),
});

export const tariffSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, { message: 'must be lower case letters, digits, ".", "_" or "-"' }),
  name: z.string().min(1),
  currency: z.enum(CURRENCY_CODES),
  timeZone: z
    .string()
    .refine(isTimeZone, { message: 'must be an IANA time zone such as "Asia/Shanghai"' })
    .default('Asia/Shanghai'),
  illustrative: z.boolean().default(false),
  sources: z.array(z.string()).default([]),
  notes: z.string().optional(),
  policies: policiesSchema,
  lateFee: lateFeeSchema.optional(),
  versions: z.array(versionSchema).min(1, { message: 'must have at least one version' }),
});
