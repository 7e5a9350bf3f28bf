import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AdapterInput } from './adapter.js';
import { adaptChirpstack } from './chirpstack.js';
import { adaptDirect } from './direct.js';
import {
  chirpstackJsonBytes,
  chirpstackProtobufBytes,
  ttsUplinkBytes,
  ttsUplinkMessage,
  type LoraUplinkSpec,
} from './fixtures.js';
import { adaptMqttMessage, createTopicRouter, defaultTopicPatterns } from './topic-router.js';
import { adaptTts, ttsUplinkToUplink } from './tts.js';

const receivedAt = '2025-03-01T08:00:01.000Z';
const input = (payload: Uint8Array, topic = 't'): AdapterInput => ({ transport: 'mqtt', receivedAt, topic, payload });

const spec: LoraUplinkSpec = {
  devEui: '70B3D57ED0001A2B',
  devAddr: '260B1234',
  fCnt: 42,
  fPort: 2,
  payload: Buffer.from('0102030405', 'hex'),
  time: '2025-03-01T08:00:00.123Z',
  gateways: [
    { id: '0016C001F153A14C', rssi: -97, snr: 7.5 },
    { id: '0016c001f153a14d', rssi: -110, snr: -3 },
  ],
};

describe('direct adapter', () => {
  it('takes raw bytes as the payload and keys them by device, hash and window', () => {
    const r = adaptDirect('WM-1', input(Buffer.from([0x7b, 0x00, 0xff])));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Buffer.from(r.value.payload).toString('hex')).toBe('7b00ff');
    expect(r.value.deviceRef).toBe('WM-1');
    expect(r.value.dedupKey).toMatch(/^direct:WM-1:w\d+:[0-9a-f]{16}$/);
  });

  it('reads the JSON wrapper with hex payload, fport, time and id', () => {
    const msg = { payload_hex: '68 10 01', fport: 3, time: '2025-03-01T07:59:00+08:00', id: 77 };
    const r = adaptDirect('WM-1', input(Buffer.from(JSON.stringify(msg))));
    expect(r.ok && Buffer.from(r.value.payload).toString('hex')).toBe('681001');
    if (!r.ok) return;
    expect(r.value.fPort).toBe(3);
    expect(r.value.metadata.meterTime).toBe('2025-02-28T23:59:00.000Z');
    expect(r.value.dedupKey).toMatch(/^direct:WM-1:id:77:/);
  });

  it('reads a base64 wrapper and keys it by meter time when there is no id', () => {
    const r = adaptDirect(
      'WM-1',
      input(Buffer.from(JSON.stringify({ payload_b64: 'aBAB', time: '2025-03-01T00:00:00Z' }))),
    );
    expect(r.ok && r.value.dedupKey).toMatch(new RegExp(`^direct:WM-1:t:${Date.parse('2025-03-01T00:00:00Z')}:`));
  });

  it.each([
    [{ payload_hex: 'abc' }, 'not hex'],
    [{ payload_hex: '00', payload_b64: 'AA==' }, 'exactly one'],
    [{ payload_b64: '!!!' }, 'not base64'],
    [{ payload_hex: '00', fport: 256 }, 'fport'],
    [{ payload_hex: '00', time: 'yesterday' }, 'time'],
    [{ payload_hex: '00', id: {} }, 'id'],
  ])('rejects a bad wrapper %j', (msg, why) => {
    const r = adaptDirect('WM-1', input(Buffer.from(JSON.stringify(msg))));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('GATEWAY_MALFORMED_MESSAGE');
    expect(r.error.message).toContain(why);
  });

  it('treats JSON without a payload field as raw bytes', () => {
    const r = adaptDirect('WM-1', input(Buffer.from('{"reading": 5}')));
    expect(r.ok && Buffer.from(r.value.payload).toString()).toBe('{"reading": 5}');
  });
});

describe('ChirpStack adapter', () => {
  it('reads the JSON event: devEui, session, counters, data, gateways, ids', () => {
    const r = adaptChirpstack(undefined, input(chirpstackJsonBytes(spec)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const u = r.value;
    expect(u.adapter).toBe('chirpstack');
    expect(u.deviceRef).toBe('70b3d57ed0001a2b');
    expect([u.fCnt, u.fPort]).toEqual([42, 2]);
    expect(Buffer.from(u.payload).toString('hex')).toBe('0102030405');
    expect(u.metadata.session).toBe('260b1234');
    expect(u.metadata.networkUplinkId).toBe('3ac7e3c4-4401-4b8d-9386-a5c902f9202d');
    expect(u.metadata.networkReceivedAt).toBe('2025-03-01T08:00:00.123Z');
    expect(u.metadata.frequencyHz).toBe(868500000);
    expect(u.metadata.dataRate).toBe('SF7BW125');
    expect(u.metadata.gateways).toEqual([
      { gatewayId: '0016c001f153a14c', rssiDbm: -97, snrDb: 7.5, time: '2025-03-01T08:00:00.123Z' },
      { gatewayId: '0016c001f153a14d', rssiDbm: -110, snrDb: -3, time: '2025-03-01T08:00:00.123Z' },
    ]);
  });

  it('reads the Protobuf event built with the ChirpStack package to the same uplink as the JSON one', () => {
    const fromJson = adaptChirpstack(undefined, input(chirpstackJsonBytes(spec)));
    const fromProto = adaptChirpstack(undefined, input(chirpstackProtobufBytes(spec)));
    expect(fromProto.ok && fromJson.ok).toBe(true);
    if (!fromProto.ok || !fromJson.ok) return;
    expect(fromProto.value.metadata.encoding).toBe('protobuf');
    const strip = (u: typeof fromJson.value) => ({ ...u, metadata: { ...u.metadata, encoding: undefined } });
    expect(strip(fromProto.value)).toEqual(strip(fromJson.value));
  });

  it('reads omitted zero fields as zero (fCnt 0, no data)', () => {
    const r = adaptChirpstack(undefined, input(chirpstackJsonBytes({ ...spec, fCnt: 0, payload: new Uint8Array(0) })));
    expect(r.ok && [r.value.fCnt, r.value.payload.length]).toEqual([0, 0]);
  });

  it('gives copies heard by other gateways the same key, and a rejoin (new DevAddr, fCnt 0) a new one', () => {
    const a = adaptChirpstack(undefined, input(chirpstackJsonBytes(spec)));
    const b = adaptChirpstack(
      undefined,
      input(
        chirpstackProtobufBytes({
          ...spec,
          gateways: [{ id: 'ffff000000000001', rssi: -80, snr: 9 }],
          deduplicationId: 'x',
        }),
      ),
    );
    const first = adaptChirpstack(undefined, input(chirpstackJsonBytes({ ...spec, fCnt: 0 })));
    const rejoined = adaptChirpstack(undefined, input(chirpstackJsonBytes({ ...spec, fCnt: 0, devAddr: '260B9999' })));
    if (!a.ok || !b.ok || !first.ok || !rejoined.ok) throw new Error('adapter failed');
    expect(a.value.dedupKey).toBe(b.value.dedupKey);
    expect(first.value.dedupKey).not.toBe(rejoined.value.dedupKey);
  });

  it('rejects garbage in either encoding without throwing', () => {
    for (const bytes of [
      Buffer.from('{"deviceInfo": {}}'),
      Buffer.from('{not json'),
      Buffer.from([0x0a, 0xff, 0xff, 0xff]),
    ]) {
      const r = adaptChirpstack(undefined, input(bytes));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('GATEWAY_MALFORMED_MESSAGE');
    }
  });
});

describe('The Things Stack adapter', () => {
  it('reads the uplink message: dev_eui, f_cnt, f_port, frm_payload, rx_metadata, correlation id', () => {
    const r = adaptTts(input(ttsUplinkBytes(spec)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const u = r.value;
    expect(u.adapter).toBe('tts');
    expect(u.deviceRef).toBe('70b3d57ed0001a2b');
    expect([u.fCnt, u.fPort]).toEqual([42, 2]);
    expect(Buffer.from(u.payload).toString('hex')).toBe('0102030405');
    expect(u.metadata.networkUplinkId).toBe('as:up:01HQ8W9ZJ1M4ZK3TN2BQZ1Y7XA');
    expect(u.metadata.frequencyHz).toBe(868100000);
    expect(u.metadata.gateways?.[0]).toEqual({
      gatewayId: '0016C001F153A14C',
      rssiDbm: -97,
      snrDb: 7.5,
      time: '2025-03-01T08:00:00.123Z',
    });
    expect(u.metadata.session).toBe('260b1234');
  });

  it('gives the TTS and ChirpStack forms of one LoRa frame the same key', () => {
    const t = adaptTts(input(ttsUplinkBytes(spec)));
    const c = adaptChirpstack(undefined, input(chirpstackJsonBytes(spec)));
    expect(t.ok && c.ok && t.value.dedupKey === c.value.dedupKey).toBe(true);
  });

  it('reads omitted zero f_cnt and snr as 0, and falls back to device_id without a dev_eui', () => {
    const msg = ttsUplinkMessage({ ...spec, fCnt: 0, gateways: [{ id: 'gw-1', rssi: -50, snr: 0 }] });
    delete (msg.end_device_ids as Record<string, unknown>).dev_eui;
    const r = ttsUplinkToUplink(msg, { transport: 'http', receivedAt });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.fCnt).toBe(0);
    expect(r.value.deviceRef).toBe('meter-1a2b');
    expect(r.value.metadata.gateways?.[0]?.snrDb).toBe(0);
    expect(r.value.transport).toBe('http');
  });

  it('rejects a message without uplink_message', () => {
    const r = ttsUplinkToUplink({ end_device_ids: { device_id: 'x' } }, { transport: 'mqtt', receivedAt });
    expect(!r.ok && r.error.code).toBe('GATEWAY_MALFORMED_MESSAGE');
  });
});

describe('topic router', () => {
  const router = createTopicRouter(defaultTopicPatterns);

  it('routes each default topic to its adapter', () => {
    expect(router.match('meters/WM-1/up')).toEqual({ adapter: 'direct', params: { deviceId: 'WM-1' } });
    expect(router.match('application/abc/device/0102030405060708/event/up')?.adapter).toBe('chirpstack');
    expect(router.match('v3/water@utility/devices/meter-1/up')?.adapter).toBe('tts');
    expect(router.match('meters/WM-1/down')).toBeUndefined();
    expect(router.match('meters//up')).toBeUndefined();
  });

  it('gives subscription filters and the one topic a device may publish to', () => {
    expect(router.filters().map((f) => f.filter)).toEqual([
      'meters/+/up',
      'application/+/device/+/event/up',
      'v3/+/devices/+/up',
    ]);
    expect(router.directTopicFor('WM-1')).toBe('meters/WM-1/up');
  });

  it('refuses patterns with wildcards or without {deviceId} for direct', () => {
    expect(() => createTopicRouter({ ...defaultTopicPatterns, direct: 'meters/+/up' })).toThrow(/wildcards/);
    expect(() => createTopicRouter({ ...defaultTopicPatterns, direct: 'meters/up' })).toThrow(/deviceId/);
  });

  it('reports an unroutable topic as a coded error', () => {
    const r = adaptMqttMessage(router, { ...input(Buffer.from([1])), topic: 'other/topic' });
    expect(!r.ok && r.error.code).toBe('GATEWAY_UNROUTABLE_TOPIC');
  });

  describe('properties', () => {
    it('never throws and always returns a result, whatever the topic and bytes', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(
            'meters/a/up',
            'application/x/device/0102030405060708/event/up',
            'v3/a@b/devices/c/up',
            'x/y',
          ),
          fc.uint8Array({ maxLength: 300 }),
          (topic, bytes) => {
            const r = adaptMqttMessage(router, { transport: 'mqtt', receivedAt, topic, payload: bytes });
            expect(typeof r.ok).toBe('boolean');
          },
        ),
        { numRuns: 3000 },
      );
    });

    it('the JSON and Protobuf ChirpStack forms agree on every field for any uplink', () => {
      fc.assert(
        fc.property(
          fc.record({
            devEui: fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => Buffer.from(b).toString('hex')),
            devAddr: fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => Buffer.from(b).toString('hex')),
            fCnt: fc.nat({ max: 0xffffffff }),
            fPort: fc.integer({ min: 1, max: 223 }),
            payload: fc.uint8Array({ maxLength: 64 }),
          }),
          (s) => {
            const full = { ...spec, ...s };
            const j = adaptChirpstack(undefined, input(chirpstackJsonBytes(full)));
            const p = adaptChirpstack(undefined, input(chirpstackProtobufBytes(full)));
            if (!j.ok || !p.ok) throw new Error('adapter failed');
            expect(p.value.dedupKey).toBe(j.value.dedupKey);
            expect([p.value.fCnt, p.value.fPort, p.value.deviceRef]).toEqual([
              j.value.fCnt,
              j.value.fPort,
              j.value.deviceRef,
            ]);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});

describe('Protobuf robustness', () => {
  it('rejects at once a message whose string field claims more bytes than it has (google-protobuf would loop for seconds)', () => {
    const hostile = Buffer.from('22b780c0de23f0bc9803f0e10d311b39f0e6588f23b9b63a74e8e9efe685', 'hex');
    const started = performance.now();
    const r = adaptChirpstack(undefined, { transport: 'mqtt', receivedAt, topic: 't', payload: hostile }, 'protobuf');
    expect(performance.now() - started).toBeLessThan(50);
    expect(!r.ok && r.error.code).toBe('GATEWAY_MALFORMED_MESSAGE');
  });

  describe('properties', () => {
    it('every UplinkEvent the ChirpStack package serialises passes the structural check', () => {
      fc.assert(
        fc.property(
          fc.record({
            devEui: fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => Buffer.from(b).toString('hex')),
            devAddr: fc.uint8Array({ minLength: 4, maxLength: 4 }).map((b) => Buffer.from(b).toString('hex')),
            fCnt: fc.nat({ max: 0xffffffff }),
            fPort: fc.integer({ min: 1, max: 223 }),
            payload: fc.uint8Array({ maxLength: 242 }),
            gateways: fc.array(
              fc.record({
                id: fc.constant('0016c001f153a14c'),
                rssi: fc.integer({ min: -140, max: 0 }),
                snr: fc.integer({ min: -20, max: 15 }),
              }),
              { maxLength: 5 },
            ),
          }),
          (s) => {
            const r = adaptChirpstack(undefined, input(chirpstackProtobufBytes({ ...spec, ...s })), 'protobuf');
            expect(r.ok).toBe(true);
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
