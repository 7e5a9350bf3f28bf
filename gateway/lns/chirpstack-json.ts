/**
 * ChirpStack v4 uplink event, JSON encoding (the MQTT integration's default, protojson with
 * camelCase names; fields at their zero value are omitted, so a missing fCnt is 0):
 *
 *   { "deduplicationId": "…uuid…", "time": "2025-01-01T00:00:00.123456789+00:00",
 *     "deviceInfo": { "tenantId", "applicationId", "deviceName", "devEui": "0101…", … },
 *     "devAddr": "00189440", "adr": true, "dr": 5, "fCnt": 10, "fPort": 1, "confirmed": false,
 *     "data": "<base64 FRMPayload>",
 *     "rxInfo": [ { "gatewayId": "0016c001f153a14c", "rssi": -36, "snr": 10.5, "nsTime": "…", … } ],
 *     "txInfo": { "frequency": 868100000, "modulation": { "lora": { "bandwidth": 125000, "spreadingFactor": 7 } } } }
 */
import { GatewayErrorCode, fail, ok, type Result } from '../errors.js';
import type { GatewayReception, Uplink } from '../uplink.js';
import type { AdapterInput } from './adapter.js';
import { chirpstackUplink } from './chirpstack-uplink.js';
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
} from './wire.js';

function receptions(rx: unknown[]): GatewayReception[] {
  const out: GatewayReception[] = [];
  for (const r of rx) {
    if (!isObject(r)) continue;
    const gatewayId = stringAt(r, 'gatewayId');
    if (gatewayId === undefined) continue;
    const rssiDbm = numberAt(r, 'rssi');
    const snrDb = numberAt(r, 'snr');
    const time = normaliseTime(stringAt(r, 'nsTime') ?? stringAt(r, 'gwTime'));
    out.push({
      gatewayId: gatewayId.toLowerCase(),
      ...(rssiDbm !== undefined ? { rssiDbm } : {}),
      // protojson omits zero values: an SNR of exactly 0 dB arrives as no field
      snrDb: snrDb ?? 0,
      ...(time !== undefined ? { time } : {}),
    });
  }
  return out;
}

function loraDataRate(tx: Record<string, unknown> | undefined): string | undefined {
  const lora = objectAt(objectAt(tx, 'modulation'), 'lora');
  const sf = numberAt(lora, 'spreadingFactor');
  const bw = numberAt(lora, 'bandwidth');
  return sf !== undefined && bw !== undefined ? `SF${sf}BW${bw / 1000}` : undefined;
}

export function adaptChirpstackJson(topicDevEui: string | undefined, input: AdapterInput): Result<Uplink> {
  const json = parseJsonObject(input.payload);
  if (json === undefined) return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'ChirpStack event is not a JSON object');
  const devEui = stringAt(objectAt(json, 'deviceInfo'), 'devEui') ?? topicDevEui;
  if (devEui === undefined || !isHexId(devEui, 8)) {
    return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'ChirpStack event has no deviceInfo.devEui of 16 hex digits');
  }
  const dataField = json.data;
  let payload: Uint8Array = new Uint8Array(0);
  if (dataField !== undefined) {
    const decoded = typeof dataField === 'string' ? decodeBase64(dataField) : undefined;
    if (decoded === undefined) return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'ChirpStack event data is not base64');
    payload = decoded;
  }
  const fCnt = 'fCnt' in json ? uint32At(json, 'fCnt') : 0;
  const fPort = 'fPort' in json ? uint32At(json, 'fPort') : 0;
  if (fCnt === undefined || fPort === undefined || fPort > 255) {
    return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'ChirpStack event fCnt/fPort is not a valid counter/port');
  }
  const tx = objectAt(json, 'txInfo');
  return ok(
    chirpstackUplink(input, {
      devEui,
      devAddr: stringAt(json, 'devAddr'),
      fCnt,
      fPort,
      payload,
      deduplicationId: stringAt(json, 'deduplicationId'),
      time: normaliseTime(stringAt(json, 'time')),
      gateways: receptions(arrayAt(json, 'rxInfo')),
      frequencyHz: numberAt(tx, 'frequency'),
      dataRate: loraDataRate(tx),
      encoding: 'json',
    }),
  );
}
