/**
 * ChirpStack v4 MQTT integration uplink events (`application/{applicationId}/device/{devEui}/event/up`),
 * in the integration's JSON encoding (protojson: camelCase, zero values omitted, RFC 3339 times)
 * or its Protobuf encoding (integration.UplinkEvent, built with @chirpstack/chirpstack-api).
 */
import integration from '@chirpstack/chirpstack-api/integration/integration_pb.js';
import gw from '@chirpstack/chirpstack-api/gw/gw_pb.js';
import timestamp from 'google-protobuf/google/protobuf/timestamp_pb.js';
import { chirpstackTime } from './ids.js';
import type { LoraUplink } from './uplink.js';

export const CHIRPSTACK_TENANT_ID = '52f14cd4-c6f1-4fbd-8f87-4025e1d49242';
const DEVICE_PROFILE_ID = '14855bf7-d10d-4aee-b618-ebfcb64dc7ad';
const REGION = 'cn470_10';

export function chirpstackTopic(applicationId: string, devEui: string): string {
  return `application/${applicationId}/device/${devEui}/event/up`;
}

/** The 4-byte gateway context ChirpStack passes through, here the reception's uplink id. */
function contextOf(uplinkId: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, uplinkId >>> 0);
  return b;
}

export function chirpstackJsonEvent(u: LoraUplink): Uint8Array {
  const event = {
    deduplicationId: u.deduplicationId,
    time: chirpstackTime(u.nsTimeMs),
    deviceInfo: {
      tenantId: CHIRPSTACK_TENANT_ID,
      tenantName: 'Water utility',
      applicationId: u.applicationId,
      applicationName: 'water-meters',
      deviceProfileId: DEVICE_PROFILE_ID,
      deviceProfileName: 'Class A water meter',
      deviceName: u.deviceName,
      devEui: u.devEui,
      deviceClassEnabled: 'CLASS_A',
      tags: {},
    },
    devAddr: u.devAddr,
    adr: true,
    dr: 12 - u.spreadingFactor,
    ...(u.fCnt !== 0 ? { fCnt: u.fCnt } : {}),
    ...(u.fPort !== 0 ? { fPort: u.fPort } : {}),
    confirmed: false,
    ...(u.payload.length > 0 ? { data: Buffer.from(u.payload).toString('base64') } : {}),
    rxInfo: u.receptions.map((r) => ({
      gatewayId: r.gateway.eui,
      uplinkId: r.uplinkId,
      nsTime: chirpstackTime(r.timeMs),
      rssi: r.rssiDbm,
      ...(r.snrDb !== 0 ? { snr: r.snrDb } : {}),
      ...(r.channel !== 0 ? { channel: r.channel } : {}),
      location: {},
      context: Buffer.from(contextOf(r.uplinkId)).toString('base64'),
      metadata: { region_config_id: REGION, region_common_name: 'CN470' },
      crcStatus: 'CRC_OK',
    })),
    txInfo: {
      frequency: u.frequencyHz,
      modulation: { lora: { bandwidth: 125000, spreadingFactor: u.spreadingFactor, codeRate: 'CR_4_5' } },
    },
    regionConfigId: REGION,
  };
  return Buffer.from(JSON.stringify(event));
}

function protoTime(ms: number): InstanceType<typeof timestamp.Timestamp> {
  const t = new timestamp.Timestamp();
  t.setSeconds(Math.floor(ms / 1000));
  t.setNanos((ms % 1000) * 1_000_000);
  return t;
}

export function chirpstackProtobufEvent(u: LoraUplink): Uint8Array {
  const ev = new integration.UplinkEvent();
  ev.setDeduplicationId(u.deduplicationId);
  ev.setTime(protoTime(u.nsTimeMs));
  const info = new integration.DeviceInfo();
  info.setTenantId(CHIRPSTACK_TENANT_ID);
  info.setTenantName('Water utility');
  info.setApplicationId(u.applicationId);
  info.setApplicationName('water-meters');
  info.setDeviceProfileId(DEVICE_PROFILE_ID);
  info.setDeviceProfileName('Class A water meter');
  info.setDeviceName(u.deviceName);
  info.setDevEui(u.devEui);
  ev.setDeviceInfo(info);
  ev.setDevAddr(u.devAddr);
  ev.setAdr(true);
  ev.setDr(12 - u.spreadingFactor);
  ev.setFCnt(u.fCnt);
  ev.setFPort(u.fPort);
  ev.setConfirmed(false);
  ev.setData(u.payload);
  ev.setRxInfoList(
    u.receptions.map((r) => {
      const rx = new gw.UplinkRxInfo();
      rx.setGatewayId(r.gateway.eui);
      rx.setUplinkId(r.uplinkId);
      rx.setNsTime(protoTime(r.timeMs));
      rx.setRssi(r.rssiDbm);
      rx.setSnr(r.snrDb);
      rx.setChannel(r.channel);
      rx.setContext(contextOf(r.uplinkId));
      rx.setCrcStatus(gw.CRCStatus.CRC_OK);
      return rx;
    }),
  );
  const tx = new gw.UplinkTxInfo();
  tx.setFrequency(u.frequencyHz);
  const modulation = new gw.Modulation();
  const lora = new gw.LoraModulationInfo();
  lora.setBandwidth(125000);
  lora.setSpreadingFactor(u.spreadingFactor);
  lora.setCodeRate(gw.CodeRate.CR_4_5);
  modulation.setLora(lora);
  tx.setModulation(modulation);
  ev.setTxInfo(tx);
  ev.setRegionConfigId(REGION);
  return ev.serializeBinary();
}
