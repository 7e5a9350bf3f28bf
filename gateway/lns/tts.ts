/**
 * The Things Stack v3 uplink message, as published on `v3/{appId}@{tenantId}/devices/{deviceId}/up`
 * and POSTed by its webhooks (the same JSON). Fields at their zero value are omitted (f_cnt 0,
 * f_port 0, snr 0), so a missing f_cnt is 0. 64-bit numbers (frequency) are strings.
 *
 *   { "end_device_ids": { "device_id": "meter-1", "application_ids": { "application_id": "water" },
 *                         "dev_eui": "70B3D57ED0000001", "join_eui": "…", "dev_addr": "260B1234" },
 *     "correlation_ids": [ "as:up:01H…", "gs:uplink:01H…", … ],
 *     "received_at": "2025-03-01T08:00:00.123456789Z",
 *     "uplink_message": { "session_key_id": "AYx…", "f_port": 1, "f_cnt": 42, "frm_payload": "<base64>",
 *        "rx_metadata": [ { "gateway_ids": { "gateway_id": "gw-1", "eui": "…" }, "time": "…", "rssi": -90,
 *                           "channel_rssi": -90, "snr": 7.5 } ],
 *        "settings": { "data_rate": { "lora": { "bandwidth": 125000, "spreading_factor": 7 } }, "frequency": "868100000" },
 *        "received_at": "…" } }
 *
 * `ttsUplinkToUplink` takes the parsed JSON so the HTTP webhook reuses it unchanged.
 */
import { GatewayErrorCode, fail, ok, type Result } from '../errors.js';
import { loraDedupKey } from '../pipeline/dedup-key.js';
import type { GatewayReception, TransportKind, Uplink } from '../uplink.js';
import type { AdapterInput } from './adapter.js';
import {
  arrayAt,
  decodeBase64,
  isHexId,
  isObject,
  normaliseTime,
  numberAt,
  objectAt,
  parseJsonObject,
  stringAt,
  uint32At,
  type JsonObject,
} from './wire.js';

function receptions(rx: unknown[]): GatewayReception[] {
  const out: GatewayReception[] = [];
  for (const r of rx) {
    if (!isObject(r)) continue;
    const gatewayId = stringAt(objectAt(r, 'gateway_ids'), 'gateway_id');
    if (gatewayId === undefined) continue;
    const rssiDbm = numberAt(r, 'rssi') ?? numberAt(r, 'channel_rssi');
    const time = normaliseTime(stringAt(r, 'time'));
    out.push({
      gatewayId,
      ...(rssiDbm !== undefined ? { rssiDbm } : {}),
      snrDb: numberAt(r, 'snr') ?? 0,
      ...(time !== undefined ? { time } : {}),
    });
  }
  return out;
}

function dataRate(settings: JsonObject | undefined): string | undefined {
  const lora = objectAt(objectAt(settings, 'data_rate'), 'lora');
  const sf = numberAt(lora, 'spreading_factor');
  const bw = numberAt(lora, 'bandwidth');
  return sf !== undefined && bw !== undefined ? `SF${sf}BW${bw / 1000}` : undefined;
}

export interface TtsContext {
  transport: TransportKind;
  receivedAt: string;
  topic?: string;
}

/** A TTS uplink message (already parsed JSON) → Uplink. */
export function ttsUplinkToUplink(json: unknown, ctx: TtsContext): Result<Uplink> {
  if (!isObject(json)) return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'TTS message is not a JSON object');
  const ids = objectAt(json, 'end_device_ids');
  const up = objectAt(json, 'uplink_message');
  if (ids === undefined || up === undefined) {
    return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'TTS message has no end_device_ids or no uplink_message');
  }
  const devEui = stringAt(ids, 'dev_eui');
  const deviceId = stringAt(ids, 'device_id');
  if (devEui !== undefined && !isHexId(devEui, 8))
    return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'TTS dev_eui is not 16 hex digits');
  const deviceRef = devEui !== undefined ? devEui.toLowerCase() : deviceId;
  if (deviceRef === undefined || deviceRef === '') {
    return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'TTS message has neither end_device_ids.dev_eui nor device_id');
  }
  let payload: Uint8Array = new Uint8Array(0);
  const frm = up.frm_payload;
  if (frm !== undefined) {
    const decoded = typeof frm === 'string' ? decodeBase64(frm) : undefined;
    if (decoded === undefined) return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'TTS frm_payload is not base64');
    payload = decoded;
  }
  const fCnt = 'f_cnt' in up ? uint32At(up, 'f_cnt') : 0;
  const fPort = 'f_port' in up ? uint32At(up, 'f_port') : 0;
  if (fCnt === undefined || fPort === undefined || fPort > 255) {
    return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'TTS f_cnt/f_port is not a valid counter/port');
  }
  const devAddr = stringAt(ids, 'dev_addr');
  const session = (devAddr ?? stringAt(up, 'session_key_id'))?.toLowerCase();
  const correlationIds = arrayAt(json, 'correlation_ids').filter((c): c is string => typeof c === 'string');
  const networkUplinkId = correlationIds.find((c) => c.startsWith('as:up:')) ?? correlationIds[0];
  const settings = objectAt(up, 'settings');
  const frequencyHz = numberAt(settings, 'frequency');
  const rate = dataRate(settings);
  const networkReceivedAt = normaliseTime(stringAt(up, 'received_at') ?? stringAt(json, 'received_at'));
  const applicationId = stringAt(objectAt(ids, 'application_ids'), 'application_id');
  return ok({
    transport: ctx.transport,
    adapter: 'tts',
    receivedAt: ctx.receivedAt,
    deviceRef,
    topic: ctx.topic,
    fPort,
    fCnt,
    payload,
    metadata: {
      gateways: receptions(arrayAt(up, 'rx_metadata')),
      ...(rate !== undefined ? { dataRate: rate } : {}),
      ...(frequencyHz !== undefined ? { frequencyHz } : {}),
      ...(networkUplinkId !== undefined ? { networkUplinkId } : {}),
      ...(networkReceivedAt !== undefined ? { networkReceivedAt } : {}),
      ...(session !== undefined ? { session } : {}),
      ...(deviceId !== undefined ? { ttsDeviceId: deviceId } : {}),
      ...(applicationId !== undefined ? { ttsApplicationId: applicationId } : {}),
      ...(correlationIds.length > 0 ? { correlationIds } : {}),
    },
    dedupKey: loraDedupKey({ devEui: deviceRef, session, fCnt, payload }),
  });
}

/** MQTT form: the message bytes are the JSON. */
export function adaptTts(input: AdapterInput): Result<Uplink> {
  const json = parseJsonObject(input.payload);
  if (json === undefined) return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'TTS message is not a JSON object');
  return ttsUplinkToUplink(json, { transport: input.transport, receivedAt: input.receivedAt, topic: input.topic });
}
