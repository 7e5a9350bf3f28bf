/**
 * The subscriber session's read side: splits the broker's byte stream into MQTT packets, and reads
 * each PUBLISH without MQTT 5 properties itself — the hot path: one small object per message, its
 * topic decoded once and its payload a view of the received bytes. Every other packet (CONNACK,
 * SUBACK, PINGRESP, DISCONNECT, a PUBLISH with properties, anything malformed) goes whole to
 * mqtt-packet's parser, so those are read, and refused, exactly as before.
 *
 * Why: per message mqtt-packet allocates a packet object, appends to and consumes from a buffer
 * list (copying a payload that straddles two reads), and makes a dozen calls to its disabled debug
 * logger, each with its arguments; at tens of thousands of messages a second that was a fifth of
 * the subscriber's garbage.
 */
import mqttPacket from 'mqtt-packet';

export interface PacketReader {
  /** Bytes from the socket, in order; complete packets go to `onPacket` before this returns. */
  push(chunk: Buffer): void;
}

/** A PUBLISH's fixed header type (the high nibble of its first byte). */
const PUBLISH = 3;
/** Remaining Length takes at most four bytes ([MQTT-2.2.3]). */
const MAX_LENGTH_BYTES = 4;

export function createPacketReader(
  protocolVersion: 4 | 5,
  onPacket: (packet: mqttPacket.Packet) => void,
  onError: (err: Error) => void,
): PacketReader {
  const parser = mqttPacket.parser({ protocolVersion });
  let failed = false;
  const fail = (err: Error) => {
    if (failed) return;
    failed = true;
    onError(err);
  };
  parser.on('packet', onPacket);
  parser.on('error', fail);

  // Bytes of an incomplete packet, and how many the packet needs in all (0: its header is incomplete).
  let rest: Buffer[] = [];
  let restLength = 0;
  let needed = 0;

  /** The packet buf[start, end), its variable header from `body`: a plain PUBLISH read here, else mqtt-packet's. */
  function packet(buf: Buffer, start: number, body: number, end: number): void {
    const publish = readPublish(buf, start, body, end);
    if (publish !== undefined) onPacket(publish);
    else parser.parse(buf.subarray(start, end));
  }

  function readPublish(buf: Buffer, start: number, body: number, end: number): mqttPacket.IPublishPacket | undefined {
    const first = buf[start]!;
    const qos = (first >> 1) & 3;
    if (first >> 4 !== PUBLISH || qos === 3 || end - body < 2) return undefined;
    const topicEnd = body + 2 + ((buf[body]! << 8) | buf[body + 1]!);
    if (topicEnd > end) return undefined;
    let p = topicEnd;
    let messageId: number | undefined;
    if (qos > 0) {
      if (end - p < 2) return undefined;
      messageId = (buf[p]! << 8) | buf[p + 1]!;
      p += 2;
    }
    if (protocolVersion === 5) {
      // Property Length 0 is the one byte 0x00; anything else is mqtt-packet's to read.
      if (p >= end || buf[p] !== 0) return undefined;
      p += 1;
    }
    return {
      cmd: 'publish',
      topic: buf.toString('utf8', body + 2, topicEnd),
      payload: buf.subarray(p, end),
      qos: qos as 0 | 1 | 2,
      dup: (first & 0x08) !== 0,
      retain: (first & 0x01) !== 0,
      messageId,
      length: end - body,
    };
  }

  return {
    push(chunk: Buffer): void {
      if (failed) return;
      let buf = chunk;
      if (restLength > 0) {
        rest.push(chunk);
        restLength += chunk.length;
        if (restLength < needed) return;
        buf = Buffer.concat(rest, restLength);
        rest = [];
        restLength = 0;
      }
      needed = 0;
      const n = buf.length;
      let pos = 0;
      while (pos < n && !failed) {
        // Fixed header: one byte of type and flags, then the Remaining Length (1–4 bytes, 7 bits each).
        let i = pos + 1;
        let length = 0;
        let multiplier = 1;
        let complete = false;
        while (i < n && i - pos <= MAX_LENGTH_BYTES) {
          const byte = buf[i++]!;
          length += (byte & 0x7f) * multiplier;
          if ((byte & 0x80) === 0) {
            complete = true;
            break;
          }
          multiplier *= 128;
        }
        if (!complete) {
          if (i - pos > MAX_LENGTH_BYTES) fail(new Error('Invalid variable byte integer'));
          break;
        }
        const end = i + length;
        if (end > n) {
          needed = end - pos;
          break;
        }
        packet(buf, pos, i, end);
        pos = end;
      }
      if (pos < n && !failed) {
        rest = [buf.subarray(pos)];
        restLength = n - pos;
      }
    },
  };
}
