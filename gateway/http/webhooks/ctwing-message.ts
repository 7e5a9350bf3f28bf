/**
 * China Telecom CTWing (AEP) subscription push → Uplink. A device data report ("设备数据变化"
 * subscription) looks like this (CTWing 订阅推送 documentation, www.ctwing.cn/dyts/103):
 *
 *   { "upPacketSN": -1, "upDataSN": -1, "topic": "v1/up/ad", "timestamp": 1650554828842,
 *     "tenantId": "2000033629", "serviceId": "", "protocol": "lwm2m", "productId": "15114816",
 *     "payload": { "APPdata": "<base64 of the device's bytes>" },
 *     "messageType": "dataReport", "deviceType": "", "deviceId": "40edca19b0124480864366de4621de99",
 *     "assocAssetId": "", "IMSI": "undefined", "IMEI": "862592051651472" }
 *
 * Transparent products carry the bytes as payload.APPdata (base64); products with a thing model
 * carry decoded JSON instead (payload.serviceData, or the fields themselves), which is kept as
 * UTF-8 JSON text for a JSON-aware decoder. Only messageType dataReport becomes an uplink; other
 * types (deviceOnlineOfflineReport, eventReport, commandResponse, …) are acknowledged and
 * ignored. The device reference is the IMEI when it is a real one (15 digits), else deviceId.
 */
import { directDedupKey } from '../../pipeline/dedup-key.js';
import { decodeBase64, isObject, numberAt, objectAt, stringAt } from '../../lns/wire.js';
import type { ItemResult } from './common.js';

export interface CtwingContext {
  receivedAt: string;
  topic: string;
}

export function ctwingUplink(json: unknown, ctx: CtwingContext): ItemResult {
  if (!isObject(json)) return { kind: 'invalid', reason: 'push is not a JSON object' };
  const messageType = stringAt(json, 'messageType');
  if (messageType !== 'dataReport')
    return { kind: 'ignored', reason: `messageType ${String(json.messageType)} is not dataReport` };
  const imei = stringAt(json, 'IMEI');
  const deviceId = stringAt(json, 'deviceId');
  const deviceRef = imei !== undefined && /^\d{15}$/.test(imei) ? imei : deviceId;
  if (deviceRef === undefined || deviceRef === '')
    return { kind: 'invalid', reason: 'dataReport has neither IMEI nor deviceId' };
  const body = objectAt(json, 'payload');
  if (body === undefined) return { kind: 'invalid', reason: 'dataReport has no payload object' };
  let payload: Uint8Array;
  let payloadEncoding: 'base64' | 'json';
  const appData = stringAt(body, 'APPdata');
  if (appData !== undefined) {
    const decoded = decodeBase64(appData);
    if (decoded === undefined) return { kind: 'invalid', reason: 'payload.APPdata is not base64' };
    payload = decoded;
    payloadEncoding = 'base64';
  } else {
    payload = new TextEncoder().encode(JSON.stringify(body));
    payloadEncoding = 'json';
  }
  const timestamp = numberAt(json, 'timestamp');
  const upPacketSN = numberAt(json, 'upPacketSN');
  const upDataSN = numberAt(json, 'upDataSN');
  const imsi = stringAt(json, 'IMSI');
  const networkReceivedAt = timestamp !== undefined ? new Date(timestamp).toISOString() : undefined;
  return {
    kind: 'uplink',
    uplink: {
      transport: 'http',
      adapter: 'ctwing',
      receivedAt: ctx.receivedAt,
      deviceRef,
      topic: ctx.topic,
      payload,
      metadata: {
        ctwing: {
          deviceId,
          productId: stringAt(json, 'productId'),
          tenantId: stringAt(json, 'tenantId'),
          protocol: stringAt(json, 'protocol'),
          topic: stringAt(json, 'topic'),
          serviceId: json.serviceId ?? stringAt(body, 'serviceId'),
          upPacketSN,
          upDataSN,
          ...(imei !== undefined && imei !== '' && imei !== 'undefined' ? { imei } : {}),
          ...(imsi !== undefined && imsi !== '' && imsi !== 'undefined' ? { imsi } : {}),
        },
        payloadEncoding,
        ...(networkReceivedAt !== undefined ? { networkReceivedAt } : {}),
      },
      // A push CTWing repeats (no 200 in time) is the same body: same timestamp and sequence numbers.
      dedupKey: directDedupKey({
        deviceId: deviceRef,
        payload,
        messageId: `ctwing.${timestamp ?? ''}.${upPacketSN ?? ''}.${upDataSN ?? ''}`,
        receivedAt: ctx.receivedAt,
      }),
    },
  };
}
