/**
 * `meterflow meters import|list` on a PostgreSQL server: meters are created and updated, only the
 * columns a file names change, a bad file changes nothing, and the gateway's validation reads
 * what was imported.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMeterProfiles } from '../../gateway/validation/meter-profile-store.js';
import { createTestDatabase, serverTestUrl, type TestDatabase } from '../../storage/testing.js';
import { cli } from '../testing.js';

describe.runIf(serverTestUrl() !== undefined)('meterflow meters', () => {
  let db: TestDatabase;
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  beforeAll(async () => {
    db = await createTestDatabase('server');
    dir = mkdtempSync(join(tmpdir(), 'mf-meters-'));
  });
  afterAll(async () => {
    await db?.close();
  });

  it('imports the inventory, updates only the columns a file names, and validation reads it', async () => {
    // a meter the device registry created (defaults only), and one that is new
    await db.pool.query(`INSERT INTO meters (meter_id) VALUES ('M-1')`);
    const full = file(
      'full.csv',
      'meter_id,serial_number,manufacturer,model,diameter_mm,register_digits,meter_class,q3_lph,q4_lph,expected_interval_s\n' +
        'M-1,A123,APA,ultrimis,20,5,residential,4000,5000,3600\n' +
        'M-2,B456,ZRI,mk3,40,6,commercial,16000,20000,86400\n',
    );
    const imported = await cli(['meters', 'import', full, '--database-url', db.url!]);
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('imported 2 meters: 1 new, 1 updated');

    const classes = file('classes.csv', 'meter_id,meter_class,register_digits\nM-1,campus,\nM-3,,7\n');
    expect((await cli(['meters', 'import', classes, '--database-url', db.url!])).out).toContain(
      'imported 2 meters: 1 new, 1 updated',
    );
    const profiles = await loadMeterProfiles(db.pool, ['M-1', 'M-2', 'M-3']);
    // M-1: class changed, register digits back to the default, diameter and flows kept
    expect(profiles.get('M-1')).toMatchObject({
      meterClass: 'campus',
      registerDigits: 5,
      diameterMm: 20,
      q3Lph: 4000,
      q4Lph: 5000,
      expectedIntervalS: 3600,
    });
    expect(profiles.get('M-2')).toMatchObject({ meterClass: 'commercial', registerDigits: 6, diameterMm: 40 });
    expect(profiles.get('M-3')).toMatchObject({
      meterClass: 'residential',
      registerDigits: 7,
      expectedIntervalS: 86400,
    });

    const listed = await cli(['meters', 'list', '--database-url', db.url!]);
    expect(listed.out).toMatch(/M-2\s+commercial\s+40\s+6\s+16000\s+20000\s+86400\s+mk3\s+B456\s+0/);
    expect(listed.out).toContain('3 meter(s)');
    const json = await cli(['meters', 'list', '--class', 'campus', '--json', '--database-url', db.url!]);
    expect(
      json.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).meterId),
    ).toEqual(['M-1']);
  });

  it('changes nothing when any line is bad, and says which', async () => {
    const bad = file('bad.csv', 'meter_id,diameter_mm\nM-1,32\nM-2,huge\n');
    const result = await cli(['meters', 'import', bad, '--database-url', db.url!]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('METER_INPUT_INVALID: nothing imported, 1 problem(s)');
    expect(result.err).toContain('line 3, field diameter_mm: must be a whole number from 6 to 3000');
    const { rows } = await db.pool.query(`SELECT diameter_mm FROM meters WHERE meter_id = 'M-1'`);
    expect(rows).toEqual([{ diameter_mm: 20 }]);
  });
});
