import { describe, expect, it } from 'vitest';
import { sqlForDialect } from './migration-files.js';

const FILE = ['CREATE TABLE a (x int);', '-- @timescaledb', "SELECT create_hypertable('a');", '-- @postgresql', 'SELECT 2;', '-- @end', 'CREATE INDEX ON a (x);'].join('\n');

describe('engine sections in migration files', () => {
  it('keeps common lines and the TimescaleDB section', () => {
    const sql = sqlForDialect(FILE, 'timescaledb');
    expect(sql).toContain('create_hypertable');
    expect(sql).not.toContain('SELECT 2;');
    expect(sql).toContain('CREATE TABLE a');
    expect(sql).toContain('CREATE INDEX');
  });

  it('keeps common lines and the PostgreSQL section', () => {
    const sql = sqlForDialect(FILE, 'postgresql');
    expect(sql).not.toContain('create_hypertable');
    expect(sql).toContain('SELECT 2;');
  });

  it('keeps line numbers so database errors point at the file line', () => {
    expect(sqlForDialect(FILE, 'postgresql').split('\n')).toHaveLength(FILE.split('\n').length);
  });

  it('rejects a section without its end marker', () => {
    expect(() => sqlForDialect('-- @timescaledb\nSELECT 1;', 'postgresql')).toThrow(/unterminated/);
  });
});
