/**
 * Platform messages as the platforms send them, for the webhook tests. Payload bytes are real
 * meter payloads (see gateway/transports/coap/fixtures.ts for their sources).
 */
import { ADEUNIS_PULSE_NBIOT_HEX, QUANDIFY_STATUS_HEX } from '../transports/coap/fixtures.js';

/** The Things Stack v3 uplink message (webhook body = MQTT up message), quandify CubicMeter. */
export function ttsUplinkMessage(overrides: { applicationId?: string; fCnt?: number } = {}): Record<string, unknown> {
  return {
    end_device_ids: {
      device_id: 'cubicmeter-0042',
      application_ids: { application_id: overrides.applicationId ?? 'water-north' },
      dev_eui: '70B3D57ED0051A2C',
      join_eui: '0000000000000000',
      dev_addr: '260B91F3',
    },
    correlation_ids: [
      'as:up:01HQ8Z3K7W9XJ0TQ5V6N2M4B8C',
      'gs:conn:01HQ8Z1P2R3S4T5U6V7W8X9Y0Z',
      'ns:uplink:01HQ8Z3K6YB2C3D4E5F6G7H8J9',
    ],
    received_at: '2025-03-01T08:00:01.245913214Z',
    uplink_message: {
      session_key_id: 'AY2b7QPpBvD0uOKg4/kGbw==',
      f_port: 1,
      f_cnt: overrides.fCnt ?? 1842,
      frm_payload: Buffer.from(QUANDIFY_STATUS_HEX, 'hex').toString('base64'),
      rx_metadata: [
        {
          gateway_ids: { gateway_id: 'gw-pump-station-3', eui: 'B827EBFFFE8B41D2' },
          time: '2025-03-01T08:00:01.012345Z',
          timestamp: 2871623451,
          rssi: -104,
          channel_rssi: -104,
          snr: 6.25,
          uplink_token: 'CiAKHgoSZ3ctcHVtcC1zdGF0aW9uLTMSCLgn6//+i0HSENvS3NcKGgwIkabJrgYQwPXXBSDYmN3FxMcB',
          received_at: '2025-03-01T08:00:01.031872310Z',
        },
      ],
      settings: {
        data_rate: { lora: { bandwidth: 125000, spreading_factor: 9, coding_rate: '4/5' } },
        frequency: '486300000',
        timestamp: 2871623451,
      },
      received_at: '2025-03-01T08:00:01.040166719Z',
      consumed_airtime: '0.267264s',
      network_ids: {
        net_id: '000013',
        tenant_id: 'utility-co',
        cluster_id: 'eu1',
        cluster_address: 'eu1.cloud.thethings.industries',
      },
    },
  };
}

/** OneNET NB-IoT data point (LwM2M 3200/0/5750, value = payload hex), as in OneNET's push. */
export function onenetDataPoint(
  overrides: { at?: number; value?: unknown; imei?: string } = {},
): Record<string, unknown> {
  return {
    at: overrides.at ?? 1740816001245,
    imei: overrides.imei ?? '866971030389733',
    type: 1,
    ds_id: '3200_0_5750',
    value: 'value' in overrides ? overrides.value : ADEUNIS_PULSE_NBIOT_HEX,
    dev_id: 520156945,
  };
}

/** CTWing transparent-product data report (payload.APPdata = base64 of the meter's bytes). */
export function ctwingDataReport(
  overrides: { payload?: Record<string, unknown>; messageType?: string } = {},
): Record<string, unknown> {
  return {
    upPacketSN: -1,
    upDataSN: -1,
    topic: 'v1/up/ad',
    timestamp: 1740816001245,
    tenantId: '2000033629',
    serviceId: '',
    protocol: 'lwm2m',
    productId: '15114816',
    payload: overrides.payload ?? { APPdata: Buffer.from(ADEUNIS_PULSE_NBIOT_HEX, 'hex').toString('base64') },
    messageType: overrides.messageType ?? 'dataReport',
    deviceType: '',
    deviceId: '40edca19b0124480864366de4621de99',
    assocAssetId: '',
    IMSI: 'undefined',
    IMEI: '862592051651472',
  };
}
