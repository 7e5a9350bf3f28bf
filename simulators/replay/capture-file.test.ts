import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SimulatorErrorCode } from '../errors.js';
import type { WireMessage } from '../message.js';
import { generateTraffic } from '../meters/traffic.js';
import { testFleet } from '../testing/fleets.js';
import { captureLineOf, captureMessages, checkCapture, openCaptureWriter, parseCaptureLine } from './capture-file.js';

const dir = await mkdtemp(join(tmpdir(), 'mf-capture-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

function roundTrip(m: WireMessage): WireMessage {
  const parsed = parseCaptureLine(captureLineOf(m), 1);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe('capture lines', () => {
  it('carry every generated message back unchanged', () => {
    for (const m of generateTraffic(testFleet({ meters: 10, days: 1, faultRates: { 'multi-gateway': 0.1 } }))) {
      expect(roundTrip(m)).toEqual({ ...m, payload: new Uint8Array(m.payload) });
    }
  });

  it('name the line and the field of an invalid record', () => {
    const bad = parseCaptureLine('{"time":"2026-10-01T00:00:00Z","transport":"mqtt","topic":"a/+/b","payload":""}', 7);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe(SimulatorErrorCode.CAPTURE_INVALID);
      expect(bad.error.details).toMatchObject({ line: 7, field: 'topic' });
    }
    const notJson = parseCaptureLine('{"time"', 3);
    expect(notJson.ok || notJson.error.details?.line).toBe(3);
    const badPayload = parseCaptureLine(
      '{"time":"2026-10-01T00:00:00Z","transport":"coap","path":"/m/1","payload":"***"}',
      2,
    );
    expect(badPayload.ok).toBe(false);
  });

  it('fill in the defaults of a hand-written line (QoS 1, POST, confirmable)', () => {
    const mqtt = parseCaptureLine(
      '{"time":"2026-10-01T00:00:00Z","transport":"mqtt","topic":"meters/1/up","payload":"AQI="}',
      1,
    );
    expect(mqtt.ok && mqtt.value).toMatchObject({ qos: 1, retain: false, metadata: {} });
    const coap = parseCaptureLine(
      '{"time":"2026-10-01T00:00:00Z","transport":"coap","path":"/m/1","payload":"AQI="}',
      1,
    );
    expect(coap.ok && coap.value).toMatchObject({ method: 'POST', confirmable: true });
  });
});

describe('capture files', () => {
  it('are read back in order, and checked before use', async () => {
    const file = join(dir, 'fleet.ndjson');
    const writer = await openCaptureWriter(file);
    if (!writer.ok) throw new Error(writer.error.message);
    const sent = [...generateTraffic(testFleet({ meters: 5, days: 1 }))];
    for (const m of sent) await writer.value.write(m);
    await writer.value.close();
    const check = await checkCapture(file);
    expect(check.ok && check.value.messages).toBe(sent.length);
    const back: WireMessage[] = [];
    for await (const m of captureMessages(file)) back.push(m);
    expect(back.map((m) => Buffer.from(m.payload).toString('hex'))).toEqual(
      sent.map((m) => Buffer.from(m.payload).toString('hex')),
    );
    expect((await readFile(file, 'utf8')).split('\n').filter((l) => l !== '')).toHaveLength(sent.length);
  });

  it('report the first bad line by number', async () => {
    const file = join(dir, 'bad.ndjson');
    await writeFile(
      file,
      '{"time":"2026-10-01T00:00:00Z","transport":"mqtt","topic":"meters/1/up","payload":"AQI="}\n\n{"time":"yesterday","transport":"mqtt","topic":"x","payload":""}\n',
    );
    const check = await checkCapture(file);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.error.details).toMatchObject({ line: 3, field: 'time' });
  });

  it('that cannot be opened give a file error, not an exception', async () => {
    const writer = await openCaptureWriter(join(dir, 'missing', 'x.ndjson'));
    expect(writer.ok || writer.error.code).toBe(SimulatorErrorCode.FILE_UNAVAILABLE);
    const check = await checkCapture(join(dir, 'nothing-here.ndjson'));
    expect(check.ok || check.error.code).toBe(SimulatorErrorCode.FILE_UNAVAILABLE);
  });
});

describe('properties', () => {
  const metadata = fc.dictionary(
    fc.string({ minLength: 1, maxLength: 8 }),
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
  );
  const time = fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') });
  const mqtt = fc.record({
    transport: fc.constant('mqtt' as const),
    topic: fc.stringMatching(/^[a-z0-9/]{1,30}$/),
    qos: fc.constantFrom(0 as const, 1 as const),
    retain: fc.boolean(),
    timeMs: time,
    payload: fc.uint8Array({ maxLength: 300 }),
    metadata,
  });
  const coap = fc.record({
    transport: fc.constant('coap' as const),
    path: fc.stringMatching(/^\/[a-z0-9/?=&]{0,30}$/),
    method: fc.constantFrom('POST' as const, 'PUT' as const),
    confirmable: fc.boolean(),
    timeMs: time,
    payload: fc.uint8Array({ maxLength: 300 }),
    metadata,
  });

  it('parse(line(message)) is the message', () => {
    fc.assert(
      fc.property(fc.oneof(mqtt, coap), (m) => {
        expect(roundTrip(m as WireMessage)).toEqual(m);
      }),
      { numRuns: 500 },
    );
  });
});
