/**
 * OneNET pushed messages → Uplinks. A push carries one message object, or an array of them
 * when OneNET batches ("数据压缩"). Fields (OneNET HTTP push developer manual):
 *
 *   type      1 data point, 2 online/offline, 7 cached-command result
 *   dev_id    OneNET device id (integer)       imei   the NB-IoT module's IMEI (NB-IoT products)
 *   ds_id     data stream ("3200_0_5750" for an NB-IoT LwM2M opaque resource)
 *   at        platform time of the data point, ms since the epoch
 *   value     the data: for NB-IoT meters the payload as a hex string
 *             e.g. { "at": 1553224758882, "imei": "866971030389733", "type": 1,
 *                    "ds_id": "3200_0_5750", "value": "8004…0F16", "dev_id": 520156945 }
 *
 * Only type 1 becomes an uplink. The device reference is the IMEI when there is one, else the
 * dev_id. A string value is decoded per MF_ONENET_VALUE_ENCODING (hex by default); a value that
 * does not decode, or that is not a string, is kept as UTF-8 (JSON) text and marked so in the
 * metadata, for the decoder to accept or dead-letter: nothing pushed is dropped.
 */
import { directDedupKey } from '../../pipeline/dedup-key.js';
import { decodeBase64, decodeHex, isObject, numberAt, stringAt } from '../../lns/wire.js';
import type { OneNetValueEncoding } from '../options.js';
import type { ItemResult } from './common.js';

export interface OneNetContext {
  receivedAt: string;
  topic: string;
  valueEncoding: OneNetValueEncoding;
}

function payloadOf(value: unknown, encoding: OneNetValueEncoding): { payload: Uint8Array; payloadEncoding: string } {
  if (typeof value === 'string') {
    const decoded = encoding === 'hex' ? decodeHex(value) : encoding === 'base64' ? decodeBase64(value) : undefined;
    if (decoded !== undefined) return { payload: decoded, payloadEncoding: encoding };
    return { payload: new TextEncoder().encode(value), payloadEncoding: 'text' };
  }
  return { payload: new TextEncoder().encode(JSON.stringify(value ?? null)), payloadEncoding: 'json' };
}

export function onenetItemUplink(item: unknown, ctx: OneNetContext): ItemResult {
  if (!isObject(item)) return { kind: 'invalid', reason: 'message is not a JSON object' };
  const type = numberAt(item, 'type');
  if (type !== 1) return { kind: 'ignored', reason: `message type ${String(item.type)} is not a data point` };
  const imei = stringAt(item, 'imei');
  const devId = numberAt(item, 'dev_id');
  const deviceRef = imei !== undefined && imei !== '' ? imei : devId !== undefined ? String(devId) : undefined;
  if (deviceRef === undefined) return { kind: 'invalid', reason: 'data point has neither imei nor dev_id' };
  if (!('value' in item)) return { kind: 'invalid', reason: 'data point has no value' };
  const dsId = stringAt(item, 'ds_id') ?? '';
  const at = numberAt(item, 'at');
  const { payload, payloadEncoding } = payloadOf(item.value, ctx.valueEncoding);
  const networkReceivedAt = at !== undefined && Number.isFinite(at) ? new Date(at).toISOString() : undefined;
  return {
    kind: 'uplink',
    uplink: {
      transport: 'http',
      adapter: 'onenet',
      receivedAt: ctx.receivedAt,
      deviceRef,
      topic: ctx.topic,
      payload,
      metadata: {
        onenet: { devId, dsId, at, ...(imei !== undefined ? { imei } : {}) },
        payloadEncoding,
        ...(networkReceivedAt !== undefined ? { networkReceivedAt } : {}),
      },
      // OneNET repeats a push it got no 200 for with the same at, ds_id and value.
      dedupKey: directDedupKey({
        deviceId: deviceRef,
        payload,
        messageId: `onenet.${dsId}.${at ?? ''}`,
        receivedAt: ctx.receivedAt,
      }),
    },
  };
}
