/**
 * A structural check of Protobuf bytes before google-protobuf reads them. google-protobuf 3.21
 * does not bound string and bytes reads by the buffer: a length-delimited field whose declared
 * length runs past the end makes it loop that many times (a 30-byte message can stall the
 * process for seconds). This walk checks every field of the message, and of every nested message
 * the UplinkEvent schema declares, stays inside its bounds, with valid wire types.
 *
 * The schema lists only the message-typed fields (field number → nested schema), as generated in
 * @chirpstack/chirpstack-api (integration.UplinkEvent and what it contains); the rest are scalars,
 * strings or bytes, whose bounds are checked the same way.
 */
export interface WireSchema {
  [field: number]: WireSchema;
}

const EMPTY: WireSchema = {};
const MAP_ENTRY_STRING_STRING: WireSchema = {};
const STRUCT: WireSchema = {};
const VALUE: WireSchema = {};
const LIST_VALUE: WireSchema = { 1: VALUE };
VALUE[5] = STRUCT;
VALUE[6] = LIST_VALUE;
STRUCT[1] = { 2: VALUE }; // map<string, Value> entries
const MODULATION: WireSchema = { 3: EMPTY, 4: EMPTY, 5: EMPTY };
const UPLINK_RX_INFO: WireSchema = { 3: EMPTY, 17: EMPTY, 4: EMPTY, 5: EMPTY, 12: EMPTY, 15: MAP_ENTRY_STRING_STRING };
const UPLINK_TX_INFO: WireSchema = { 2: MODULATION };
const DEVICE_INFO: WireSchema = { 9: MAP_ENTRY_STRING_STRING };
const JOIN_SERVER_CONTEXT: WireSchema = { 2: EMPTY };

/** integration.UplinkEvent */
export const UPLINK_EVENT_SCHEMA: WireSchema = {
  2: EMPTY,
  3: DEVICE_INFO,
  11: STRUCT,
  12: UPLINK_RX_INFO,
  13: UPLINK_TX_INFO,
  14: EMPTY,
  15: JOIN_SERVER_CONTEXT,
};

const MAX_DEPTH = 32;

/** Reads a varint at `pos` (at most `maxBytes` bytes, not past `end`): [value, next] or undefined. */
function varint(bytes: Uint8Array, pos: number, end: number, maxBytes: number): [number, number] | undefined {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < maxBytes; i++) {
    if (pos >= end) return undefined;
    const b = bytes[pos++]!;
    value += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return [value, pos];
  }
  return undefined;
}

function check(bytes: Uint8Array, start: number, end: number, schema: WireSchema, depth: number): boolean {
  if (depth > MAX_DEPTH) return false;
  let pos = start;
  while (pos < end) {
    const tag = varint(bytes, pos, end, 5);
    if (!tag) return false;
    const [key, afterTag] = tag;
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (field < 1) return false;
    pos = afterTag;
    switch (wireType) {
      case 0: {
        const v = varint(bytes, pos, end, 10);
        if (!v) return false;
        pos = v[1];
        break;
      }
      case 1:
        pos += 8;
        break;
      case 5:
        pos += 4;
        break;
      case 2: {
        const len = varint(bytes, pos, end, 5);
        if (!len) return false;
        const contentStart = len[1];
        const contentEnd = contentStart + len[0];
        if (contentEnd > end) return false;
        const nested = schema[field];
        if (nested !== undefined && !check(bytes, contentStart, contentEnd, nested, depth + 1)) return false;
        pos = contentEnd;
        break;
      }
      default:
        return false; // groups (3, 4) and reserved wire types
    }
    if (pos > end) return false;
  }
  return true;
}

/** True when every field (and nested message field) of the bytes lies within bounds. */
export function wellFormedProtobuf(bytes: Uint8Array, schema: WireSchema): boolean {
  return check(bytes, 0, bytes.length, schema, 0);
}
