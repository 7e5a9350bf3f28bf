/**
 * Tariffs in the database (`meterflow tariffs import|list`): the validated document, one row per
 * version, and which tariff rates which water-use category. Importing the same document again
 * changes nothing; a changed document replaces the stored one (its versions with it).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { fail, ratingError, succeed, type Outcome } from '../errors.js';
import { validateTariff } from './parse.js';
import type { Tariff } from './types.js';

type Queryable = Pick<pg.Pool, 'query'>;

export interface TariffImport {
  tariffId: string;
  status: 'created' | 'updated' | 'unchanged';
  /** Categories now rated by this tariff, with the tariff that rated them before (null: none). */
  mapped: { category: string; previous: string | null }[];
}

export function tariffChecksum(tariff: Tariff): string {
  return createHash('sha256').update(JSON.stringify(tariff)).digest('hex');
}

export function pricedCategories(tariff: Tariff): string[] {
  return [...new Set(tariff.versions.flatMap((v) => Object.keys(v.categories)))].sort();
}

/**
 * Stores a validated tariff and maps `categories` (default: every category it prices) to it.
 * A category it does not price in any version is refused (RATING_CATEGORY_NOT_PRICED).
 */
export async function importTariff(
  pool: pg.Pool,
  tariff: Tariff,
  categories?: readonly string[],
): Promise<Outcome<TariffImport>> {
  const priced = pricedCategories(tariff);
  const wanted = categories === undefined ? priced : [...new Set(categories)].sort();
  const unpriced = wanted.filter((c) => !priced.includes(c));
  if (unpriced.length > 0) {
    return fail(
      ratingError(
        'RATING_CATEGORY_NOT_PRICED',
        `tariff ${tariff.id} prices ${priced.join(', ')}, not ${unpriced.join(', ')}`,
        {
          details: { tariffId: tariff.id, category: unpriced[0]! },
        },
      ),
    );
  }
  const checksum = tariffChecksum(tariff);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const before = await client.query<{ checksum: string }>(
      'SELECT checksum FROM tariffs WHERE tariff_id = $1 FOR UPDATE',
      [tariff.id],
    );
    const previousChecksum = before.rows[0]?.checksum;
    let status: TariffImport['status'] = 'unchanged';
    if (previousChecksum !== checksum) {
      status = previousChecksum === undefined ? 'created' : 'updated';
      await client.query(
        `INSERT INTO tariffs (tariff_id, name, currency, document, checksum) VALUES ($1, $2, $3, $4::jsonb, $5)
         ON CONFLICT (tariff_id) DO UPDATE SET name = EXCLUDED.name, currency = EXCLUDED.currency,
           document = EXCLUDED.document, checksum = EXCLUDED.checksum, imported_at = now()`,
        [tariff.id, tariff.name, tariff.currency, JSON.stringify(tariff), checksum],
      );
      await client.query('DELETE FROM tariff_versions WHERE tariff_id = $1', [tariff.id]);
      for (const version of tariff.versions) {
        await client.query(
          'INSERT INTO tariff_versions (tariff_id, effective_from, label, categories) VALUES ($1, $2, $3, $4)',
          [tariff.id, version.effectiveFrom, version.label ?? null, Object.keys(version.categories).sort()],
        );
      }
    }
    const current = await client.query<{ category: string; tariff_id: string }>(
      'SELECT category, tariff_id FROM category_tariffs WHERE category = ANY($1::text[])',
      [wanted],
    );
    const previous = new Map(current.rows.map((r) => [r.category, r.tariff_id]));
    const mapped: TariffImport['mapped'] = [];
    for (const category of wanted) {
      const was = previous.get(category) ?? null;
      if (was === tariff.id) continue;
      await client.query(
        `INSERT INTO category_tariffs (category, tariff_id) VALUES ($1, $2)
         ON CONFLICT (category) DO UPDATE SET tariff_id = EXCLUDED.tariff_id`,
        [category, tariff.id],
      );
      mapped.push({ category, previous: was });
    }
    await client.query('COMMIT');
    return succeed({ tariffId: tariff.id, status, mapped });
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export interface TariffListing {
  tariffId: string;
  name: string;
  currency: string;
  versions: string[];
  categories: string[];
  importedAt: string;
}

export async function listTariffs(q: Queryable): Promise<TariffListing[]> {
  const { rows } = await q.query<{
    tariff_id: string;
    name: string;
    currency: string;
    versions: string[];
    categories: string[];
    imported_at: Date;
  }>(
    `SELECT t.tariff_id, t.name, t.currency, t.imported_at,
            ARRAY(SELECT v.effective_from::text FROM tariff_versions v WHERE v.tariff_id = t.tariff_id ORDER BY v.effective_from) AS versions,
            ARRAY(SELECT c.category FROM category_tariffs c WHERE c.tariff_id = t.tariff_id ORDER BY c.category) AS categories
       FROM tariffs t ORDER BY t.tariff_id`,
  );
  return rows.map((r) => ({
    tariffId: r.tariff_id,
    name: r.name,
    currency: r.currency,
    versions: r.versions,
    categories: r.categories,
    importedAt: r.imported_at.toISOString(),
  }));
}

/** Every category's tariff, and the tariffs themselves (validated again as they are loaded). */
export async function loadRatingTariffs(
  q: Queryable,
): Promise<{ byCategory: Map<string, string>; tariffs: Map<string, Tariff> }> {
  const mapping = await q.query<{ category: string; tariff_id: string }>(
    'SELECT category, tariff_id FROM category_tariffs',
  );
  const documents = await q.query<{ tariff_id: string; document: unknown }>('SELECT tariff_id, document FROM tariffs');
  const tariffs = new Map<string, Tariff>();
  for (const row of documents.rows) {
    const valid = validateTariff(row.document);
    if (!valid.ok) throw new Error(`stored tariff ${row.tariff_id} no longer validates: ${valid.error.message}`);
    tariffs.set(row.tariff_id, valid.value);
  }
  return { byCategory: new Map(mapping.rows.map((r) => [r.category, r.tariff_id])), tariffs };
}
