/** Tariff types as the schema produces them (defaults filled in). Plain data: structured-cloneable. */
import type { z } from 'zod';
import type {
  basicChargeSchema,
  categorySchema,
  componentSchema,
  fixedSchema,
  flatSchema,
  householdAllowanceSchema,
  lateFeeSchema,
  minimumSchema,
  policiesSchema,
  sewageSchema,
  tariffSchema,
  tieredSchema,
  twoPartSchema,
  versionSchema,
} from './schema.js';

export type Tariff = z.output<typeof tariffSchema>;
export type TariffVersion = z.output<typeof versionSchema>;
export type CategoryPricing = z.output<typeof categorySchema>;
export type Component = z.output<typeof componentSchema>;
export type TieredComponent = z.output<typeof tieredSchema>;
export type FlatComponent = z.output<typeof flatSchema>;
export type SewageComponent = z.output<typeof sewageSchema>;
export type FixedComponent = z.output<typeof fixedSchema>;
export type TwoPartComponent = z.output<typeof twoPartSchema>;
export type MinimumComponent = z.output<typeof minimumSchema>;
export type BasicCharge = z.output<typeof basicChargeSchema>;
export type HouseholdAllowance = z.output<typeof householdAllowanceSchema>;
export type Policies = z.output<typeof policiesSchema>;
export type LateFeeRule = z.output<typeof lateFeeSchema>;
export type ComponentKind = Component['kind'];
