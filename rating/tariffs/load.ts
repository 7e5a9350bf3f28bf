/** Reads a tariff file (the only tariff code that touches the file system). */
import { readFile } from 'node:fs/promises';
import { fail, ratingError, type Outcome } from '../errors.js';
import { formatOfPath, parseTariffText } from './parse.js';
import type { Tariff } from './types.js';

export async function readTextFile(path: string): Promise<Outcome<string>> {
  try {
    return { ok: true, value: await readFile(path, 'utf8') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
    return fail(
      ratingError('RATING_FILE_UNREADABLE', `cannot read ${path}: ${(err as Error).message}`, {
        details: { path, reason: code },
      }),
    );
  }
}

export async function loadTariffFile(path: string): Promise<Outcome<Tariff>> {
  const text = await readTextFile(path);
  if (!text.ok) return text;
  return parseTariffText(text.value, formatOfPath(path));
}
