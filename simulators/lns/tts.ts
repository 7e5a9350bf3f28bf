/**
 * The Things Stack v3 uplink messages (`v3/{applicationId}@{tenantId}/devices/{deviceId}/up`, the
 * same JSON its webhooks POST): snake_case, zero values omitted, 64-bit numbers as strings,
 * nanosecond times.
 */
import { ttsTime } from './ids.js';
import type { LoraUplink } from './uplink.js';

export function ttsTopic(applicationId: string, tenantId: string, deviceId: string): string {
  return `v3/${applicationId}@${tenantId}/devices/${deviceId}/up`;
}

/** Airtime of a LoRa frame at 125 kHz, CR 4/5, explicit header, CRC on (Semtech AN1200.13), seconds. */
export function loraAirtimeS(payloadBytes: number, spreadingFactor: number): number {
  const tSym = 2 ** spreadingFactor / 125_000;
  const lowDataRate = spreadingFactor >= 11 ? 1 : 0;
  const phyPayload = payloadBytes + 13; // MHDR, FHDR (7), FPort, MIC
  const symbols =
    8 +
    Math.max(
      Math.ceil((8 * phyPayload - 4 * spreadingFactor + 28 + 16) / (4 * (spreadingFactor - 2 * lowDataRate))) * 5,
      0,
    );
  return (12.25 + symbols) * tSym;
}

export function ttsUplinkMessage(u: LoraUplink & { deviceId: string }): Uint8Array {
  const ulids = u.correlationUlids ?? [];
  const at = (i: number) => ulids[i % Math.max(1, ulids.length)] ?? '01J0000000000000000000000';
  const received = ttsTime(u.nsTimeMs);
  const message = {
    end_device_ids: {
      device_id: u.deviceId,
      application_ids: { application_id: u.applicationId },
      dev_eui: u.devEui.toUpperCase(),
      join_eui: u.joinEui.toUpperCase(),
      dev_addr: u.devAddr.toUpperCase(),
    },
    correlation_ids: [
      `as:up:${at(0)}`,
      `gs:conn:${at(1)}`,
      `gs:up:host:${at(2)}`,
      `gs:uplink:${at(3)}`,
      `ns:uplink:${at(4)}`,
      `rpc:/ttn.lorawan.v3.GsNs/HandleUplink:${at(5)}`,
      `rpc:/ttn.lorawan.v3.NsAs/HandleUplink:${at(6)}`,
    ],
    received_at: received,
    uplink_message: {
      ...(u.sessionKeyId !== undefined ? { session_key_id: u.sessionKeyId } : {}),
      ...(u.fPort !== 0 ? { f_port: u.fPort } : {}),
      ...(u.fCnt !== 0 ? { f_cnt: u.fCnt } : {}),
      ...(u.payload.length > 0 ? { frm_payload: Buffer.from(u.payload).toString('base64') } : {}),
      rx_metadata: u.receptions.map((r) => ({
        gateway_ids: { gateway_id: r.gateway.id, eui: r.gateway.eui.toUpperCase() },
        time: ttsTime(r.timeMs),
        timestamp: r.uplinkId,
        rssi: r.rssiDbm,
        channel_rssi: r.rssiDbm,
        ...(r.snrDb !== 0 ? { snr: r.snrDb } : {}),
        ...(r.channel !== 0 ? { channel_index: r.channel } : {}),
        uplink_token: Buffer.from(`${r.gateway.id}:${r.uplinkId}`).toString('base64'),
        received_at: ttsTime(r.timeMs),
      })),
      settings: {
        data_rate: { lora: { bandwidth: 125000, spreading_factor: u.spreadingFactor, coding_rate: '4/5' } },
        frequency: String(u.frequencyHz),
        timestamp: u.receptions[0]?.uplinkId ?? 0,
        time: ttsTime(u.receptions[0]?.timeMs ?? u.nsTimeMs),
      },
      received_at: received,
      consumed_airtime: `${loraAirtimeS(u.payload.length, u.spreadingFactor).toFixed(6)}s`,
      network_ids: {
        net_id: '000013',
        ns_id: 'EC656E0000000183',
        tenant_id: u.tenantId ?? 'utility',
        cluster_id: 'eu1',
        cluster_address: 'eu1.cloud.thethings.industries',
      },
    },
  };
  return Buffer.from(JSON.stringify(message));
}
