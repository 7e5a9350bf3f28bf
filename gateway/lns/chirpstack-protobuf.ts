/**
 * ChirpStack v4 uplink event, Protobuf encoding (`integration.UplinkEvent` from
 * @chirpstack/chirpstack-api, selected with `json=false` in ChirpStack's MQTT integration).
 */
import integration from '@chirpstack/chirpstack-api/integration/integration_pb.js';
import { GatewayErrorCode, fail, ok, type Result } from '../errors.js';
import type { GatewayReception, Uplink } from '../uplink.js';
import type { AdapterInput } from './adapter.js';
import { chirpstackUplink } from './chirpstack-uplink.js';
import { UPLINK_EVENT_SCHEMA, wellFormedProtobuf } from './protobuf-wire.js';
import { isHexId } from './wire.js';

interface ProtoTimestamp {
  getSeconds(): number;
  getNanos(): number;
}

function isoOf(ts: ProtoTimestamp | undefined): string | undefined {
  if (ts === undefined) return undefined;
  const ms = ts.getSeconds() * 1000 + Math.floor(ts.getNanos() / 1e6);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : undefined;
}

/** A Buffer view of the same bytes (no copy), so both encodings yield the same payload type. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function adaptChirpstackProtobuf(input: AdapterInput): Result<Uplink> {
  if (!wellFormedProtobuf(input.payload, UPLINK_EVENT_SCHEMA)) {
    return fail(
      GatewayErrorCode.MALFORMED_MESSAGE,
      'ChirpStack event is not a well-formed Protobuf UplinkEvent (a field runs past its end)',
    );
  }
  let event: InstanceType<typeof integration.UplinkEvent>;
  try {
    event = integration.UplinkEvent.deserializeBinary(input.payload);
  } catch (err) {
    return fail(
      GatewayErrorCode.MALFORMED_MESSAGE,
      `ChirpStack event is not a Protobuf UplinkEvent: ${(err as Error).message}`,
    );
  }
  const devEui = event.getDeviceInfo()?.getDevEui() ?? '';
  if (!isHexId(devEui, 8)) {
    return fail(GatewayErrorCode.MALFORMED_MESSAGE, 'ChirpStack event has no deviceInfo.devEui of 16 hex digits');
  }
  const fPort = event.getFPort();
  if (fPort > 255)
    return fail(GatewayErrorCode.MALFORMED_MESSAGE, `ChirpStack event fPort ${fPort} is not a LoRaWAN port`);
  const gateways: GatewayReception[] = event.getRxInfoList().map((rx) => {
    const time = isoOf(rx.getNsTime()) ?? isoOf(rx.getGwTime());
    const rssi = rx.getRssi();
    return {
      gatewayId: rx.getGatewayId().toLowerCase(),
      ...(rssi !== 0 ? { rssiDbm: rssi } : {}),
      snrDb: rx.getSnr(),
      ...(time !== undefined ? { time } : {}),
    };
  });
  const tx = event.getTxInfo();
  const lora = tx?.getModulation()?.getLora();
  const frequency = tx?.getFrequency();
  return ok(
    chirpstackUplink(input, {
      devEui,
      devAddr: event.getDevAddr(),
      fCnt: event.getFCnt(),
      fPort,
      payload: asBuffer(event.getData_asU8()),
      deduplicationId: event.getDeduplicationId(),
      time: isoOf(event.getTime()),
      gateways: gateways.filter((g) => g.gatewayId !== ''),
      frequencyHz: frequency ? frequency : undefined,
      dataRate: lora ? `SF${lora.getSpreadingFactor()}BW${lora.getBandwidth() / 1000}` : undefined,
      encoding: 'protobuf',
    }),
  );
}
