/**
 * An account as meterflow stores it after `meterflow accounts import`: plain data, dates as civil
 * dates 'YYYY-MM-DD' in the account's time zone, registers in integer millilitres. Exchanges in
 * the import file are already turned into a removal and an installation (normalize.ts).
 */
export interface ImportedInstallation {
  meterId: string;
  installedOn: string;
  initialRegisterMl: number;
  /** Exclusive: the first day the meter no longer measures (an exchange's day). */
  removedOn?: string;
  finalRegisterMl?: number;
  registerDigits?: number;
  diameterMm?: number;
}

export interface ImportedAccount {
  accountId: string;
  name?: string;
  address?: string;
  readingDay: number;
  billingMonths: number;
  firstMonth: number;
  timeZone: string;
  openedOn: string;
  closedOn?: string;
  categories: { from: string; category: string }[];
  householdSizes: { from: string; persons: number }[];
  /** Contracted volume per month in m³, exact decimal text ("120.5"). */
  contractedCapacities: { from: string; m3PerMonth: string }[];
  meters: ImportedInstallation[];
}
