/**
 * Validation thresholds from a YAML or JSON file (MF_VALIDATION_CONFIG, or `--config`), checked
 * at start with an error naming the bad field:
 *
 *   defaults:              # over the built-in defaults, for every class
 *     gapFactor: 3
 *   classes:
 *     commercial:          # meters.meter_class
 *       zeroConsumptionDays: 10
 *     campus:              # a class of your own
 *       leakWindowS: 43200
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../../common/config-error.js';
import type { ClassThresholds, ValidationConfig } from './thresholds.js';

const nonNegative = z.number().finite().min(0);
const positive = z.number().finite().positive();

const thresholds = z
  .object({
    defaultDiameterMm: positive,
    overloadFactor: positive,
    historySpikeFactor: positive,
    historySpikeMinQ3Fraction: nonNegative,
    historyMinSamples: z.number().int().min(1),
    historyWeight: z.number().gt(0).max(1),
    leakWindowS: nonNegative,
    leakMaxIntervalS: positive,
    zeroConsumptionDays: nonNegative,
    gapFactor: positive,
    futureToleranceS: nonNegative,
    staleAfterS: positive,
    clockDriftToleranceS: nonNegative,
    backwardsToleranceMl: z.number().int().min(0),
    registerResolutionMl: z.number().int().min(0),
  } satisfies Record<keyof ClassThresholds, z.ZodType<number>>)
  .partial()
  .strict();

const schema = z
  .object({
    defaults: thresholds.optional(),
    classes: z.record(z.string().min(1), thresholds).optional(),
  })
  .strict();

/** Parses a config document; `source` names it in errors (the variable or file). */
export function parseValidationConfig(text: string, source: string): ValidationConfig {
  let document: unknown;
  try {
    document = parseYaml(text) ?? {};
  } catch (err) {
    throw new ConfigError(source, undefined, `not YAML or JSON: ${(err as Error).message}`);
  }
  const parsed = schema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new ConfigError(`${source}${field ? `: ${field}` : ''}`, undefined, issue.message);
  }
  const config: ValidationConfig = {};
  if (parsed.data.defaults) config.defaults = parsed.data.defaults;
  if (parsed.data.classes) config.classes = parsed.data.classes;
  return config;
}

/** The config named by `--config` or MF_VALIDATION_CONFIG; none: the built-in defaults. */
export async function loadValidationConfig(
  path: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ValidationConfig> {
  const file = path ?? (env.MF_VALIDATION_CONFIG || undefined);
  if (file === undefined) return {};
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ConfigError('MF_VALIDATION_CONFIG', file, `cannot be read: ${(err as Error).message}`);
  }
  return parseValidationConfig(text, file);
}
