import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../rating/accounts/csv.js';
import { parseAccountsText } from '../../rating/accounts/parse-file.js';
import { testFleet } from '../testing/fleets.js';
import { readDeviceCsv, formatCsvProblem } from '../../gateway/devices/csv-import.js';
import { fleetDecoders } from '../fleet-decoders.js';
import {
  METER_CSV_COLUMNS,
  accountsNdjson,
  deviceRowsOf,
  devicesCsv,
  meterRowsOf,
  metersCsv,
} from './registry-files.js';

describe('registry files', () => {
  const fleet = testFleet({ meters: 200, commercialShare: 0.2 });

  it('give each meter one device with a unique id', () => {
    const devices = deviceRowsOf(fleet);
    expect(devices).toHaveLength(200);
    expect(new Set(devices.map((d) => d.deviceId)).size).toBe(200);
    expect(new Set(meterRowsOf(fleet).map((m) => m.meterId)).size).toBe(200);
  });

  it('name a decoder or a model for every device, and a key for every encrypting meter', () => {
    for (const d of deviceRowsOf(fleet)) expect(d.decoder ?? d.model).toBeDefined();
    const encrypting = fleet.meters.filter((m) => m.aesKey !== undefined);
    expect(encrypting.length).toBeGreaterThan(0);
    const byId = new Map(deviceRowsOf(fleet).map((d) => [d.deviceId, d]));
    for (const m of encrypting) expect(byId.get(m.deviceId)?.aesKey).toMatch(/^[0-9a-f]{32}$/);
  });

  it('write a devices CSV the gateway imports without a problem', () => {
    const decoders = fleetDecoders();
    const read = readDeviceCsv(devicesCsv(fleet), (id) => decoders.byId(id) !== undefined);
    if (!read.ok) throw new Error(read.problems.map(formatCsvProblem).join('; '));
    expect(read.devices).toHaveLength(200);
    const byId = new Map(read.devices.map((d) => [d.deviceId, d]));
    for (const d of deviceRowsOf(fleet))
      expect(byId.get(d.deviceId)).toMatchObject({ transport: d.transport, meterId: d.meterId });
  });

  it('write a meters CSV with one line per meter', () => {
    const parsed = parseCsv(metersCsv(fleet));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.records[0]!.fields).toEqual([...METER_CSV_COLUMNS]);
    expect(parsed.records).toHaveLength(201);
    for (const r of parsed.records) expect(r.fields).toHaveLength(METER_CSV_COLUMNS.length);
  });

  it('write accounts the rating engine imports without an issue', () => {
    const parsed = parseAccountsText(accountsNdjson(fleet), 'jsonl');
    expect(parsed.issues).toEqual([]);
    expect(parsed.accounts).toHaveLength(200);
    const commercial = parsed.accounts.filter((a) => a.categories[0]?.category === 'non_residential');
    expect(commercial.length).toBe(fleet.meters.filter((m) => m.meterClass === 'commercial').length);
    const residential = parsed.accounts.find((a) => a.categories[0]?.category === 'residential');
    expect(residential?.householdSizes.length).toBe(1);
  });

  it("install each meter on the run's first local day with the register it shows", () => {
    const parsed = parseAccountsText(accountsNdjson(fleet), 'jsonl');
    for (const account of parsed.accounts) {
      const install = account.meters[0]!;
      const spec = fleet.meters.find((m) => m.meterId === install.meterId)!;
      expect(install.installedOn).toBe('2026-10-01');
      expect(install.initialRegisterMl).toBeLessThanOrEqual(spec.initialRegisterMl);
      expect(spec.initialRegisterMl - install.initialRegisterMl).toBeLessThan(10_000);
    }
  });
});
