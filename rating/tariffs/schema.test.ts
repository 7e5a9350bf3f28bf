import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { quoteInputSchema } from '../input-schema.js';
import { fieldPaths } from './field-paths.js';
import { tariffSchema } from './schema.js';

const doc = readFileSync(fileURLToPath(new URL('../../docs/tariffs.md', import.meta.url)), 'utf8');
/** Paths the reference table documents, in its own shorthand (`components[]` for the full prefix). */
const documented = new Set(
  [...doc.matchAll(/^\| `([^`]+)`\s*\|/gm)].map((match) =>
    (match[1] ?? '').replace(/^components\[\]/, 'versions[].categories.*.components[]'),
  ),
);

describe('docs/tariffs.md', () => {
  it('documents every field of the tariff schema', () => {
    expect(fieldPaths(tariffSchema).filter((path) => !documented.has(path))).toEqual([]);
  });

  it('documents every field of the quote input schema', () => {
    expect(fieldPaths(quoteInputSchema).filter((path) => !documented.has(path))).toEqual([]);
  });

  it('documents no field the schemas do not have', () => {
    const known = new Set([...fieldPaths(tariffSchema), ...fieldPaths(quoteInputSchema)]);
    const fileNames = /\.(yaml|json)$/;
    expect([...documented].filter((path) => !known.has(path) && !fileNames.test(path))).toEqual([]);
  });
});
