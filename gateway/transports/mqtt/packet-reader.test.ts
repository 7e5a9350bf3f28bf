import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import { createPacketReader, type PacketReader } from './packet-reader.js';

type Packet = mqttPacket.Packet;

function stream(version: 4 | 5): Buffer {
  const packets: Packet[] = [
    { cmd: 'connack', sessionPresent: false, returnCode: 0, reasonCode: 0 } as Packet,
    { cmd: 'suback', messageId: 1, granted: [1] } as Packet,
    ...Array.from({ length: 40 }, (_, i): Packet => ({
      cmd: 'publish',
      topic: `p/meters/dev-${i}/up`,
      payload: Buffer.from(Array.from({ length: (i * 37) % 300 }, (_, j) => (i + j) & 0xff)),
      qos: (i % 2) as 0 | 1,
      dup: i % 5 === 0,
      retain: false,
      ...(i % 2 === 1 ? { messageId: 1000 + i } : {}),
    })),
    {
      cmd: 'publish',
      topic: 'p/ümlaut/€',
      payload: Buffer.from('x'),
      qos: 1,
      messageId: 65535,
      dup: false,
      retain: true,
    },
    { cmd: 'publish', topic: '', payload: Buffer.alloc(0), qos: 0, dup: false, retain: false },
    { cmd: 'pingresp' },
    ...(version === 5
      ? [
          {
            cmd: 'publish',
            topic: 'p/with/properties',
            payload: Buffer.from('props'),
            qos: 1,
            messageId: 7,
            dup: false,
            retain: false,
            properties: { contentType: 'application/octet-stream', userProperties: { a: 'b' } },
          } as Packet,
        ]
      : []),
    {
      cmd: 'publish',
      topic: 'big',
      payload: Buffer.alloc(70_000, 0xab),
      qos: 1,
      messageId: 9,
      dup: false,
      retain: false,
    },
  ];
  return Buffer.concat(packets.map((p) => mqttPacket.generate(p, { protocolVersion: version })));
}

/** What mqtt-packet's own parser makes of the same bytes. */
function reference(bytes: Buffer, version: 4 | 5): Packet[] {
  const out: Packet[] = [];
  const parser = mqttPacket.parser({ protocolVersion: version });
  parser.on('packet', (p: Packet) => out.push(p));
  parser.parse(bytes);
  return out;
}

function essentials(p: Packet): unknown {
  if (p.cmd !== 'publish') return { cmd: p.cmd, messageId: p.messageId };
  return {
    cmd: p.cmd,
    topic: p.topic,
    payload: Buffer.from(p.payload).toString('hex'),
    qos: p.qos,
    dup: p.dup,
    retain: p.retain,
    messageId: p.qos > 0 ? p.messageId : undefined,
    properties: p.properties,
  };
}

/** A reader of `version` that keeps what it reads and reports. */
function collecting(version: 4 | 5): { reader: PacketReader; got: Packet[]; errors: Error[] } {
  const got: Packet[] = [];
  const errors: Error[] = [];
  const reader = createPacketReader(
    version,
    (p) => got.push(p),
    (e) => errors.push(e),
  );
  return { reader, got, errors };
}

describe.each([4, 5] as const)('MQTT packet reader (MQTT %s)', (version) => {
  const bytes = stream(version);
  const expected = reference(bytes, version).map(essentials);

  it.each([1, 2, 3, 7, 64, 1000, 65_536, bytes.length])(
    'reads the packets mqtt-packet reads, whatever the chunking (%s bytes a read)',
    (size) => {
      const { reader, got, errors } = collecting(version);
      for (let i = 0; i < bytes.length; i += size) reader.push(bytes.subarray(i, i + size));
      expect(errors).toEqual([]);
      expect(expected).toHaveLength(version === 5 ? 47 : 46);
      expect(got.map(essentials)).toEqual(expected);
    },
  );

  it('reports a PUBLISH with both QoS bits set, and reads nothing after it', () => {
    const { reader, got, errors } = collecting(version);
    const bad = Buffer.from([0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01]);
    const good = mqttPacket.generate({ cmd: 'pingresp' }, { protocolVersion: version });
    reader.push(Buffer.concat([bad, good]));
    expect(errors.map((e) => e.message)).toEqual(['Packet must not have both QoS bits set to 1']);
    expect(got).toEqual([]);
  });

  it('reports a Remaining Length longer than four bytes', () => {
    const { reader, errors } = collecting(version);
    reader.push(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff, 0x01]));
    expect(errors.map((e) => e.message)).toEqual(['Invalid variable byte integer']);
  });
});
