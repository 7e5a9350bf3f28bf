import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { silentLogger } from '../../../common/logger.js';
import { ADEUNIS_PULSE_NBIOT_HEX } from '../../transports/coap/fixtures.js';
import { RecordingIngestPort, unavailableError } from '../../transports/coap/testing.js';
import { ctwingDataReport } from '../fixtures.js';
import type { WebhookOptions } from '../options.js';
import { buildHttpServer } from '../server.js';
import { testHttpOptions } from '../testing.js';

let app: FastifyInstance;
let port: RecordingIngestPort;

async function build(webhooks: Partial<WebhookOptions> = {}): Promise<void> {
  port = new RecordingIngestPort();
  ({ app } = await buildHttpServer(testHttpOptions(webhooks), { ingest: port, logger: silentLogger }));
}

afterEach(() => app.close());

const push = (body: unknown, query = '') =>
  app.inject({
    method: 'POST',
    url: `/webhooks/ctwing${query}`,
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });

describe('CTWing data report push', () => {
  it('stores APPdata as the payload bytes, named by the IMEI', async () => {
    await build();
    const response = await push(ctwingDataReport());
    expect(response.statusCode).toBe(200);
    const uplink = port.submitted[0]!;
    expect(uplink).toMatchObject({
      transport: 'http',
      adapter: 'ctwing',
      deviceRef: '862592051651472',
      topic: '/webhooks/ctwing',
    });
    expect(Buffer.from(uplink.payload).toString('hex').toUpperCase()).toBe(ADEUNIS_PULSE_NBIOT_HEX);
    expect(uplink.metadata).toMatchObject({
      ctwing: {
        deviceId: '40edca19b0124480864366de4621de99',
        productId: '15114816',
        tenantId: '2000033629',
        protocol: 'lwm2m',
        upPacketSN: -1,
      },
      payloadEncoding: 'base64',
      networkReceivedAt: '2025-03-01T08:00:01.245Z',
    });
    expect(uplink.metadata.ctwing).not.toHaveProperty('imsi');
  });

  it('keeps a thing-model payload (serviceData) as JSON text', async () => {
    await build();
    const payload = { serviceId: 'meter_report', serviceData: { cumulative_flow: 1234.567, battery_voltage: 3.6 } };
    await push(ctwingDataReport({ payload }));
    expect(JSON.parse(new TextDecoder().decode(port.submitted[0]!.payload))).toEqual(payload);
    expect(port.submitted[0]!.metadata.payloadEncoding).toBe('json');
  });

  it('falls back to deviceId when IMEI is empty (TCP and MQTT products)', async () => {
    await build();
    await push({ ...ctwingDataReport(), IMEI: '', deviceId: '1501708501' });
    expect(port.submitted[0]!.deviceRef).toBe('1501708501');
  });

  it('acknowledges other message types without storing them', async () => {
    await build();
    const online = {
      timestamp: 1740816001245,
      tenantId: '2000033629',
      protocol: 'lwm2m',
      productId: '15114816',
      messageType: 'deviceOnlineOfflineReport',
      eventType: 1,
      deviceId: 'd0130804',
    };
    const response = await push(online);
    expect(response.json()).toEqual({ status: 'ignored', uplinks: [], ignored: 1 });
    expect(port.submitted).toHaveLength(0);
  });

  it('gives a repeated push the same dedup key', async () => {
    await build();
    await push(ctwingDataReport());
    expect((await push(ctwingDataReport())).json()).toMatchObject({ uplinks: [{ status: 'duplicate' }] });
  });

  it('checks ?token= when MF_CTWING_TOKEN is set', async () => {
    await build({ ctwingToken: 'ctw-0123456789' });
    expect((await push(ctwingDataReport())).statusCode).toBe(401);
    expect((await push(ctwingDataReport(), '?token=ctw-9999999999')).json()).toMatchObject({
      code: 'HTTP_WEBHOOK_SECRET_MISMATCH',
    });
    expect((await push(ctwingDataReport(), '?token=ctw-0123456789')).statusCode).toBe(200);
  });

  it('answers 400 for a report without payload or with APPdata that is not base64', async () => {
    await build();
    const { payload: _payload, ...withoutPayload } = ctwingDataReport();
    expect((await push(withoutPayload)).json()).toEqual({
      code: 'HTTP_WEBHOOK_BODY_INVALID',
      reason: 'dataReport has no payload object',
    });
    expect((await push(ctwingDataReport({ payload: { APPdata: '**' } }))).json()).toMatchObject({
      code: 'HTTP_WEBHOOK_BODY_INVALID',
    });
  });

  it('answers 503 when the database is unavailable', async () => {
    await build();
    port.failWith = unavailableError();
    expect((await push(ctwingDataReport())).statusCode).toBe(503);
  });
});
