import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RATING_ERRORS, RATING_WARNINGS, ratingError } from './errors.js';

const doc = readFileSync(fileURLToPath(new URL('../docs/rating-errors.md', import.meta.url)), 'utf8');

function tableRows(section: string): string[][] {
  const start = doc.indexOf(`## ${section}`);
  const end = doc.indexOf('\n## ', start + 1);
  return doc
    .slice(start, end === -1 ? undefined : end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
}

describe('rating error catalogue', () => {
  it('docs/rating-errors.md lists exactly the catalogue codes, with their kinds and meanings', () => {
    const documented = tableRows('Errors').map(([code, kind, meaning]) => [code?.replace(/`/g, ''), kind, meaning]);
    const catalogue = Object.entries(RATING_ERRORS).map(([code, entry]) => [code, entry.kind, entry.meaning]);
    expect(documented).toEqual(catalogue);
  });

  it('docs/rating-errors.md lists exactly the warning codes with their meanings', () => {
    const documented = tableRows('Warnings').map(([code, meaning]) => [code?.replace(/`/g, ''), meaning]);
    expect(documented).toEqual(Object.entries(RATING_WARNINGS));
  });

  it('names codes RATING_* and never *_FAILED or *_ERROR', () => {
    for (const code of [...Object.keys(RATING_ERRORS), ...Object.keys(RATING_WARNINGS)]) {
      expect(code).toMatch(/^RATING_[A-Z_]+$/);
      expect(code).not.toMatch(/_(FAILED|ERROR)$/);
    }
  });

  it('builds errors as plain data carrying the kind of their code', () => {
    const error = ratingError('RATING_FILE_UNREADABLE', 'cannot read x', { details: { path: 'x' } });
    expect(error).toEqual({
      code: 'RATING_FILE_UNREADABLE',
      kind: 'unavailable',
      message: 'cannot read x',
      details: { path: 'x' },
    });
    expect(structuredClone(error)).toEqual(error);
  });
});
