import { describe, expect, it } from 'vitest';
import { adaptChirpstack } from '../../gateway/lns/chirpstack.js';
import { adaptTts } from '../../gateway/lns/tts.js';
import { rngFor } from '../random.js';
import { chirpstackJsonEvent, chirpstackProtobufEvent, chirpstackTopic } from './chirpstack.js';
import { GATEWAYS } from './gateways.js';
import { ulidOf, uuidOf } from './ids.js';
import { loraAirtimeS, ttsTopic, ttsUplinkMessage } from './tts.js';
import type { LoraUplink } from './uplink.js';

const uplink: LoraUplink = {
  devEui: '70b3d5e75e000007',
  joinEui: '70b3d57ed0000000',
  devAddr: '26a1b2c3',
  fCnt: 42,
  fPort: 100,
  payload: Uint8Array.of(1, 2, 3, 4, 5),
  nsTimeMs: Date.parse('2026-10-01T01:02:03.456Z'),
  spreadingFactor: 9,
  frequencyHz: 470_900_000,
  receptions: [
    {
      gateway: GATEWAYS[0]!,
      rssiDbm: -97,
      snrDb: 6.5,
      channel: 3,
      timeMs: Date.parse('2026-10-01T01:02:03.436Z'),
      uplinkId: 1234,
    },
    {
      gateway: GATEWAYS[1]!,
      rssiDbm: -112,
      snrDb: 0,
      channel: 3,
      timeMs: Date.parse('2026-10-01T01:02:03.436Z'),
      uplinkId: 99,
    },
  ],
  applicationId: '17c82e96-be03-4f38-aef3-f83d48582d97',
  deviceName: 'm000007',
  deduplicationId: uuidOf(rngFor('lns')),
  tenantId: 'utility',
  sessionKeyId: 'AY2dQ5hJzB0n7nP3v8e7lQ==',
  correlationUlids: [ulidOf(Date.parse('2026-10-01T01:02:03.456Z'), rngFor('ulid'))],
};

const input = (payload: Uint8Array, topic: string) => ({
  transport: 'mqtt' as const,
  receivedAt: '2026-10-01T01:02:04.000Z',
  topic,
  payload,
});

describe('network-server uplinks as the gateway reads them', () => {
  for (const [name, bytes] of [
    ['ChirpStack JSON', chirpstackJsonEvent(uplink)],
    ['ChirpStack Protobuf', chirpstackProtobufEvent(uplink)],
  ] as const) {
    it(`carry the device, counters, payload and receptions (${name})`, () => {
      const adapted = adaptChirpstack(
        uplink.devEui,
        input(bytes, chirpstackTopic(uplink.applicationId, uplink.devEui)),
      );
      if (!adapted.ok) throw new Error(adapted.error.message);
      const u = adapted.value;
      expect(u).toMatchObject({ adapter: 'chirpstack', deviceRef: uplink.devEui, fCnt: 42, fPort: 100 });
      expect(Buffer.from(u.payload).toString('hex')).toBe('0102030405');
      expect(u.metadata.session).toBe('26a1b2c3');
      expect(u.metadata.networkUplinkId).toBe(uplink.deduplicationId);
      expect(u.metadata.networkReceivedAt).toBe('2026-10-01T01:02:03.456Z');
      expect(u.metadata.gateways?.map((g) => [g.gatewayId, g.rssiDbm, g.snrDb])).toEqual([
        [GATEWAYS[0]!.eui, -97, 6.5],
        [GATEWAYS[1]!.eui, -112, 0],
      ]);
      expect(u.metadata.dataRate).toBe('SF9BW125');
    });
  }

  it('carry the device, counters, payload and receptions (The Things Stack)', () => {
    const topic = ttsTopic('water-meters', 'utility', 'wm-m000007');
    const adapted = adaptTts(
      input(ttsUplinkMessage({ ...uplink, deviceId: 'wm-m000007', applicationId: 'water-meters' }), topic),
    );
    if (!adapted.ok) throw new Error(adapted.error.message);
    const u = adapted.value;
    expect(u).toMatchObject({ adapter: 'tts', deviceRef: uplink.devEui, fCnt: 42, fPort: 100 });
    expect(Buffer.from(u.payload).toString('hex')).toBe('0102030405');
    expect(u.metadata.session).toBe('26a1b2c3');
    expect(u.metadata.frequencyHz).toBe(470_900_000);
    expect(u.metadata.gateways?.map((g) => g.gatewayId)).toEqual([GATEWAYS[0]!.id, GATEWAYS[1]!.id]);
    expect(String(u.metadata.networkUplinkId)).toMatch(/^as:up:[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('omit zero values as the network servers do', () => {
    const first = { ...uplink, fCnt: 0 };
    const json = JSON.parse(Buffer.from(chirpstackJsonEvent(first)).toString()) as Record<string, unknown>;
    expect('fCnt' in json).toBe(false);
    const tts = JSON.parse(Buffer.from(ttsUplinkMessage({ ...first, deviceId: 'x' })).toString()) as {
      uplink_message: Record<string, unknown>;
    };
    expect('f_cnt' in tts.uplink_message).toBe(false);
    const adapted = adaptChirpstack(undefined, input(chirpstackJsonEvent(first), 'x'));
    expect(adapted.ok && adapted.value.fCnt).toBe(0);
  });

  it('compute LoRa airtime as Semtech AN1200.13 gives it', () => {
    // 51-byte FRMPayload (64-byte PHYPayload) at SF7: ceil(528 / 28) × 5 + 8 = 103 payload symbols,
    // plus 12.25 preamble symbols of 1.024 ms: 118.0 ms.
    expect(loraAirtimeS(51, 7)).toBeCloseTo(0.11802, 4);
    // 11 bytes (24-byte PHYPayload) at SF12, low data rate optimisation on: ceil(188 / 40) × 5 + 8
    // = 33 symbols, plus 12.25, of 32.768 ms: 1482.8 ms.
    expect(loraAirtimeS(11, 12)).toBeCloseTo(1.48275, 4);
  });
});
