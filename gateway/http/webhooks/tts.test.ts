import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../../common/clock.js';
import { silentLogger } from '../../../common/logger.js';
import { QUANDIFY_STATUS_HEX } from '../../transports/coap/fixtures.js';
import { RecordingIngestPort, unavailableError } from '../../transports/coap/testing.js';
import { ttsUplinkMessage } from '../fixtures.js';
import { buildHttpServer } from '../server.js';
import { testHttpOptions } from '../testing.js';
import type { WebhookOptions } from '../options.js';

let app: FastifyInstance;
let port: RecordingIngestPort;

async function build(webhooks: Partial<WebhookOptions> = {}): Promise<void> {
  port = new RecordingIngestPort();
  ({ app } = await buildHttpServer(testHttpOptions(webhooks), {
    ingest: port,
    logger: silentLogger,
    clock: fixedClock('2025-03-01T08:00:02Z'),
  }));
}

afterEach(() => app.close());

const post = (body: unknown, headers: Record<string, string> = {}, appId = 'water-north') =>
  app.inject({
    method: 'POST',
    url: `/webhooks/tts/${appId}`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(body),
  });

describe('The Things Stack uplink webhook', () => {
  it('stores the uplink and answers 200 only after submit resolved', async () => {
    await build();
    port.delayMs = 150;
    const started = performance.now();
    const response = await post(ttsUplinkMessage());
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'stored', uplinks: [{ status: 'accepted' }], ignored: 0 });
    const uplink = port.submitted[0]!;
    expect(uplink).toMatchObject({
      transport: 'http',
      adapter: 'tts',
      receivedAt: '2025-03-01T08:00:02.000Z',
      deviceRef: '70b3d57ed0051a2c',
      topic: '/webhooks/tts/water-north',
      fPort: 1,
      fCnt: 1842,
    });
    expect(Buffer.from(uplink.payload).toString('hex').toUpperCase()).toBe(QUANDIFY_STATUS_HEX);
    expect(uplink.metadata.gateways).toEqual([
      { gatewayId: 'gw-pump-station-3', rssiDbm: -104, snrDb: 6.25, time: '2025-03-01T08:00:01.012Z' },
    ]);
  });

  it('gives the same uplink posted twice the same dedup key', async () => {
    await build();
    await post(ttsUplinkMessage());
    const again = await post(ttsUplinkMessage());
    expect(again.json()).toMatchObject({ uplinks: [{ status: 'duplicate' }] });
    expect(port.storedCount).toBe(1);
  });

  it('checks the shared secret header when one is configured', async () => {
    await build({ ttsSecret: 'tts-hook-secret-1' });
    const missing = await post(ttsUplinkMessage());
    const wrong = await post(ttsUplinkMessage(), { 'x-webhook-secret': 'tts-hook-secret-2' });
    const right = await post(ttsUplinkMessage(), { 'x-webhook-secret': 'tts-hook-secret-1' });
    expect(missing.statusCode).toBe(401);
    expect(wrong.json()).toEqual({
      code: 'HTTP_WEBHOOK_SECRET_MISMATCH',
      reason: 'missing or wrong x-webhook-secret header',
    });
    expect(right.statusCode).toBe(200);
    expect(port.submitted).toHaveLength(1);
  });

  it('refuses a message of another application (a tenant suffix in the path is allowed)', async () => {
    await build();
    expect((await post(ttsUplinkMessage({ applicationId: 'gas' }))).json()).toMatchObject({
      code: 'HTTP_WEBHOOK_APPLICATION_MISMATCH',
    });
    expect((await post(ttsUplinkMessage(), {}, 'water-north@utility-co')).statusCode).toBe(200);
  });

  it('acknowledges messages that are not uplinks without storing them', async () => {
    await build();
    const joinAccept = {
      end_device_ids: ttsUplinkMessage().end_device_ids,
      join_accept: { session_key_id: 'AY2b', received_at: '2025-03-01T07:59:00Z' },
    };
    const response = await post(joinAccept);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ignored', uplinks: [], ignored: 1 });
    expect(port.submitted).toHaveLength(0);
  });

  it('answers 400 with a reason for bodies that are not TTS uplinks', async () => {
    await build();
    const notJson = await app.inject({
      method: 'POST',
      url: '/webhooks/tts/water-north',
      headers: { 'content-type': 'application/json' },
      payload: '{"end_device_ids":',
    });
    expect(notJson.json()).toEqual({ code: 'HTTP_WEBHOOK_BODY_INVALID', reason: 'body is not a JSON object' });
    const message = ttsUplinkMessage();
    (message.uplink_message as Record<string, unknown>).frm_payload = '%%%';
    expect((await post(message)).json()).toEqual({
      code: 'HTTP_WEBHOOK_BODY_INVALID',
      reason: 'TTS frm_payload is not base64',
    });
  });

  it('answers 503 with Retry-After when the database is unavailable', async () => {
    await build({ retryAfterS: 12 });
    port.failWith = unavailableError();
    const response = await post(ttsUplinkMessage());
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('12');
    expect(response.json()).toMatchObject({ code: 'HTTP_STORE_UNAVAILABLE' });
  });

  it('answers 503 when the commit outlasts the webhook deadline', async () => {
    await build({ deadlineMs: 100 });
    port.delayMs = 400;
    const response = await post(ttsUplinkMessage());
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'HTTP_STORE_TIMEOUT' });
  });

  it('answers 500 when submit fails unexpectedly', async () => {
    await build();
    port.failWith = new Error('bug');
    expect((await post(ttsUplinkMessage())).json()).toEqual({ code: 'HTTP_INTERNAL', reason: 'internal error' });
  });
});
