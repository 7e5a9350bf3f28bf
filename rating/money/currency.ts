/**
 * Currencies meterflow knows, with their minor-unit digits (ISO 4217). A tariff names one; all
 * of its amounts are in it. CNY has 2 digits: the minor unit is the fen (0.01 yuan).
 */
export const CURRENCIES = {
  CNY: { minorDigits: 2 },
  EUR: { minorDigits: 2 },
  USD: { minorDigits: 2 },
  PHP: { minorDigits: 2 },
  HKD: { minorDigits: 2 },
  JPY: { minorDigits: 0 },
} as const satisfies Record<string, { minorDigits: number }>;

export type CurrencyCode = keyof typeof CURRENCIES;

export const CURRENCY_CODES = ['CNY', 'EUR', 'USD', 'PHP', 'HKD', 'JPY'] as const satisfies readonly CurrencyCode[];

export function isCurrencyCode(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCIES, code);
}

export function minorDigits(currency: CurrencyCode): number {
  return CURRENCIES[currency].minorDigits;
}

/** 10^minorDigits as a bigint: minor units per major unit (100 fen per yuan). */
export function minorPerMajor(currency: CurrencyCode): bigint {
  return 10n ** BigInt(CURRENCIES[currency].minorDigits);
}
