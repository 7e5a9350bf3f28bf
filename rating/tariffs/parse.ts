/**
 * Tariff text (JSON or YAML) to a validated `Tariff`, or RATING_TARIFF_SYNTAX /
 * RATING_TARIFF_INVALID with every bad field path. Pure: no file access (see load.ts).
 */
import { parse as parseYaml } from 'yaml';
import { fail, ratingError, succeed, type Outcome } from '../errors.js';
import { checkTariff } from './checks.js';
import { zodIssues, formatIssues } from './issues.js';
import { tariffSchema } from './schema.js';
import type { Tariff } from './types.js';

export type TariffFormat = 'json' | 'yaml';

export function formatOfPath(path: string): TariffFormat {
  return /\.json$/i.test(path) ? 'json' : 'yaml';
}

/** Validates an already-parsed value (a tariff object from JSON, YAML or a database row). */
export function validateTariff(value: unknown): Outcome<Tariff> {
  const parsed = tariffSchema.safeParse(value);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    return fail(ratingError('RATING_TARIFF_INVALID', `tariff is invalid:\n${formatIssues(issues)}`, { issues }));
  }
  const issues = checkTariff(parsed.data);
  if (issues.length > 0) {
    return fail(ratingError('RATING_TARIFF_INVALID', `tariff is invalid:\n${formatIssues(issues)}`, { issues }));
  }
  return succeed(parsed.data);
}

export function parseTariffText(text: string, format: TariffFormat): Outcome<Tariff> {
  let value: unknown;
  try {
    value = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    return fail(
      ratingError('RATING_TARIFF_SYNTAX', `tariff is not valid ${format.toUpperCase()}: ${(err as Error).message}`, {
        details: { format },
      }),
    );
  }
  return validateTariff(value);
}
