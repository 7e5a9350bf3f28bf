/**
 * Network-server messages shaped as ChirpStack v4 and The Things Stack v3 send them, for tests
 * and benchmarks. The Protobuf form is built with @chirpstack/chirpstack-api itself.
 */
import integration from '@chirpstack/chirpstack-api/integration/integration_pb.js';
import gw from '@chirpstack/chirpstack-api/gw/gw_pb.js';
import timestamp from 'google-protobuf/google/protobuf/timestamp_pb.js';

export interface LoraUplinkSpec {
  devEui: string;
  devAddr: string;
  fCnt: number;
  fPort: number;
  payload: Uint8Array;
  /** ISO time at the network server. */
  time: string;
  gateways: Array<{ id: string; rssi: number; snr: number }>;
  deduplicationId?: string;
}

/** ChirpStack v4 JSON event (protojson: zero values omitted, nanosecond times). */
export function chirpstackJsonEvent(s: LoraUplinkSpec): Record<string, unknown> {
  const nanos = s.time.replace(/\.(\d{3})Z$/, '.$1456789+00:00');
  return {
    deduplicationId: s.deduplicationId ?? '3ac7e3c4-4401-4b8d-9386-a5c902f9202d',
    time: nanos,
    deviceInfo: {
      tenantId: '52f14cd4-c6f1-4fbd-8f87-4025e1d49242',
      tenantName: 'Water utility',
      applicationId: '17c82e96-be03-4f38-aef3-f83d48582d97',
      applicationName: 'meters',
      deviceProfileId: '14855bf7-d10d-4aee-b618-ebfcb64dc7ad',
      deviceProfileName: 'Class A water meter',
      deviceName: `meter-${s.devEui.slice(-4)}`,
      devEui: s.devEui,
      deviceClassEnabled: 'CLASS_A',
      tags: {},
    },
    devAddr: s.devAddr,
    adr: true,
    dr: 5,
    ...(s.fCnt !== 0 ? { fCnt: s.fCnt } : {}),
    ...(s.fPort !== 0 ? { fPort: s.fPort } : {}),
    confirmed: false,
    ...(s.payload.length > 0 ? { data: Buffer.from(s.payload).toString('base64') } : {}),
    rxInfo: s.gateways.map((g, i) => ({
      gatewayId: g.id,
      uplinkId: 4217106255 + i,
      nsTime: nanos,
      rssi: g.rssi,
      ...(g.snr !== 0 ? { snr: g.snr } : {}),
      channel: 2,
      location: {},
      context: 'EFwMtA==',
      metadata: { region_config_id: 'eu868', region_common_name: 'EU868' },
      crcStatus: 'CRC_OK',
    })),
    txInfo: {
      frequency: 868500000,
      modulation: { lora: { bandwidth: 125000, spreadingFactor: 7, codeRate: 'CR_4_5' } },
    },
  };
}

export function chirpstackJsonBytes(s: LoraUplinkSpec): Buffer {
  return Buffer.from(JSON.stringify(chirpstackJsonEvent(s)));
}

function protoTime(iso: string): InstanceType<typeof timestamp.Timestamp> {
  const ms = Date.parse(iso);
  const t = new timestamp.Timestamp();
  t.setSeconds(Math.floor(ms / 1000));
  t.setNanos((ms % 1000) * 1e6);
  return t;
}

/** ChirpStack v4 Protobuf UplinkEvent bytes. */
export function chirpstackProtobufBytes(s: LoraUplinkSpec): Uint8Array {
  const ev = new integration.UplinkEvent();
  ev.setDeduplicationId(s.deduplicationId ?? '3ac7e3c4-4401-4b8d-9386-a5c902f9202d');
  ev.setTime(protoTime(s.time));
  const info = new integration.DeviceInfo();
  info.setTenantId('52f14cd4-c6f1-4fbd-8f87-4025e1d49242');
  info.setApplicationId('17c82e96-be03-4f38-aef3-f83d48582d97');
  info.setDeviceName(`meter-${s.devEui.slice(-4)}`);
  info.setDevEui(s.devEui);
  ev.setDeviceInfo(info);
  ev.setDevAddr(s.devAddr);
  ev.setAdr(true);
  ev.setDr(5);
  ev.setFCnt(s.fCnt);
  ev.setFPort(s.fPort);
  ev.setData(s.payload);
  ev.setRxInfoList(
    s.gateways.map((g, i) => {
      const rx = new gw.UplinkRxInfo();
      rx.setGatewayId(g.id);
      rx.setUplinkId(4217106255 + i);
      rx.setRssi(g.rssi);
      rx.setSnr(g.snr);
      rx.setNsTime(protoTime(s.time));
      return rx;
    }),
  );
  const tx = new gw.UplinkTxInfo();
  tx.setFrequency(868500000);
  const mod = new gw.Modulation();
  const lora = new gw.LoraModulationInfo();
  lora.setBandwidth(125000);
  lora.setSpreadingFactor(7);
  mod.setLora(lora);
  tx.setModulation(mod);
  ev.setTxInfo(tx);
  return ev.serializeBinary();
}

/** The Things Stack v3 uplink message (MQTT `.../up` and webhook body). */
export function ttsUplinkMessage(
  s: LoraUplinkSpec & { deviceId?: string; applicationId?: string },
): Record<string, unknown> {
  const nanos = s.time.replace(/\.(\d{3})Z$/, '.$1456789Z');
  const deviceId = s.deviceId ?? `meter-${s.devEui.slice(-4).toLowerCase()}`;
  const applicationId = s.applicationId ?? 'water-meters';
  return {
    end_device_ids: {
      device_id: deviceId,
      application_ids: { application_id: applicationId },
      dev_eui: s.devEui.toUpperCase(),
      join_eui: '70B3D57ED0000000',
      dev_addr: s.devAddr.toUpperCase(),
    },
    correlation_ids: [
      'as:up:01HQ8W9ZJ1M4ZK3TN2BQZ1Y7XA',
      'gs:conn:01HQ8W2B8D3',
      'ns:uplink:01HQ8W9ZHYQ5',
      'rpc:/ttn.lorawan.v3.GsNs/HandleUplink:01HQ8W9ZHY',
    ],
    received_at: nanos,
    uplink_message: {
      session_key_id: 'AY2dQ5hJzB0n7nP3v8e7lQ==',
      ...(s.fPort !== 0 ? { f_port: s.fPort } : {}),
      ...(s.fCnt !== 0 ? { f_cnt: s.fCnt } : {}),
      ...(s.payload.length > 0 ? { frm_payload: Buffer.from(s.payload).toString('base64') } : {}),
      rx_metadata: s.gateways.map((g) => ({
        gateway_ids: { gateway_id: g.id, eui: 'B827EBFFFE000001' },
        time: nanos,
        timestamp: 2463457000,
        rssi: g.rssi,
        channel_rssi: g.rssi,
        ...(g.snr !== 0 ? { snr: g.snr } : {}),
        uplink_token: 'ChIKEAoOZ3ctMRIIAAAAAAAAAAEQ6I',
        received_at: nanos,
      })),
      settings: {
        data_rate: { lora: { bandwidth: 125000, spreading_factor: 7, coding_rate: '4/5' } },
        frequency: '868100000',
        timestamp: 2463457000,
        time: nanos,
      },
      received_at: nanos,
      consumed_airtime: '0.061696s',
      network_ids: {
        net_id: '000013',
        tenant_id: 'utility',
        cluster_id: 'eu1',
        cluster_address: 'eu1.cloud.thethings.industries',
      },
    },
  };
}

export function ttsUplinkBytes(s: LoraUplinkSpec & { deviceId?: string; applicationId?: string }): Buffer {
  return Buffer.from(JSON.stringify(ttsUplinkMessage(s)));
}
