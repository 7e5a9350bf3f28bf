import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCaptureReplay, type CaptureReplayFlags } from './replay-capture.js';
import { runSimulateCommand, type SimulateFlags } from './simulate.js';

const dir = await mkdtemp(join(tmpdir(), 'mf-cli-sim-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

function flags(overrides: Partial<SimulateFlags> = {}): SimulateFlags {
  return {
    meters: '30',
    seed: 'cli',
    start: '2026-10-01',
    days: '2',
    interval: '1h',
    speed: 'max',
    mix: 'wmbus:0.3,chirpstack:0.3,tts:0.1,coap:0.2,mqtt:0.1',
    faults: 'leak:0.05,corrupt:0.01,multi-gateway:0.02',
    inject: [],
    timeZone: 'Asia/Shanghai',
    wmbusAes: '0.5',
    chirpstackProtobuf: '0.5',
    commercial: '0.1',
    commercialCategory: 'non_residential',
    coapEndpoints: '8',
    maxInFlight: '1000',
    quiet: true,
    ...overrides,
  };
}

describe('meterflow simulate', () => {
  it('writes byte-identical captures for the same seed, and the registry files', async () => {
    const a = io();
    expect(
      await runSimulateCommand(
        flags({
          captureOut: join(dir, 'a.ndjson'),
          devicesOut: join(dir, 'devices.csv'),
          metersOut: join(dir, 'meters.csv'),
          accountsOut: join(dir, 'accounts.ndjson'),
        }),
        a.io,
      ),
    ).toBe(0);
    expect(await runSimulateCommand(flags({ captureOut: join(dir, 'b.ndjson') }), io().io)).toBe(0);
    const first = await readFile(join(dir, 'a.ndjson'));
    expect(first.length).toBeGreaterThan(10_000);
    expect((await readFile(join(dir, 'b.ndjson'))).equals(first)).toBe(true);
    expect(a.out.join('')).toMatch(/fleet: 30 meters/);
    expect((await readFile(join(dir, 'devices.csv'), 'utf8')).split('\n')[0]).toBe(
      'device_id,transport,decoder,model,meter_id,aes_key,secret,pulse_volume_ml,meter_time_zone',
    );
    expect((await readFile(join(dir, 'accounts.ndjson'), 'utf8')).trim().split('\n')).toHaveLength(30);
    expect((await readFile(join(dir, 'meters.csv'), 'utf8')).trim().split('\n')).toHaveLength(31);
  });

  it('names a bad option and exits 1', async () => {
    const run = io();
    expect(await runSimulateCommand(flags({ interval: '7m' }), run.io)).toBe(1);
    expect(run.err.join('')).toMatch(/SIM_BAD_OPTION: --interval/);
    const zone = io();
    expect(await runSimulateCommand(flags({ timeZone: 'Mars/Olympus' }), zone.io)).toBe(1);
    expect(zone.err.join('')).toMatch(/SIM_BAD_OPTION: --time-zone/);
  });

  it('refuses to send when a path has no target', async () => {
    const run = io();
    expect(await runSimulateCommand(flags({ broker: 'mqtt://127.0.0.1:1' }), run.io)).toBe(1);
    expect(run.err.join('')).toMatch(/SIM_NO_TARGET: .*--coap/);
  });
});

describe('meterflow replay FILE', () => {
  const replayFlags = (overrides: Partial<CaptureReplayFlags> = {}): CaptureReplayFlags => ({
    speed: 'max',
    maxInFlight: '1000',
    coapEndpoints: '8',
    quiet: true,
    ...overrides,
  });

  it('checks the whole file before sending and names the bad line', async () => {
    const file = join(dir, 'bad.ndjson');
    await writeFile(
      file,
      '{"time":"2026-10-01T00:00:00Z","transport":"mqtt","topic":"meters/1/up","payload":"AQI="}\n{"time":"2026-10-01T00:00:01Z","transport":"smtp","payload":""}\n',
    );
    const run = io();
    expect(await runCaptureReplay(file, replayFlags({ mqttUrl: 'mqtt://127.0.0.1:1' }), run.io)).toBe(1);
    expect(run.err.join('')).toMatch(/SIM_CAPTURE_INVALID: line 2/);
  });

  it('asks for the targets the capture needs', async () => {
    const file = join(dir, 'mqtt-only.ndjson');
    await writeFile(
      file,
      '{"time":"2026-10-01T00:00:00Z","transport":"mqtt","topic":"meters/1/up","payload":"AQI="}\n',
    );
    const run = io();
    expect(await runCaptureReplay(file, replayFlags(), run.io)).toBe(1);
    expect(run.err.join('')).toMatch(/SIM_BAD_OPTION: --mqtt-url/);
  });

  it('reports a missing file as a file error', async () => {
    const run = io();
    expect(
      await runCaptureReplay(join(dir, 'none.ndjson'), replayFlags({ mqttUrl: 'mqtt://127.0.0.1:1' }), run.io),
    ).toBe(1);
    expect(run.err.join('')).toMatch(/SIM_FILE_UNAVAILABLE/);
  });
});
