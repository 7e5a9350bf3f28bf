/**
 * The HTTP server on a real TCP socket: webhooks answered after commit, API auth, probes and a
 * graceful close that lets a webhook in flight finish. The ingest port is a recording test
 * double (protocol tests); the end-to-end test with the real pipeline is in the pipeline suite.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../common/logger.js';
import { RecordingIngestPort } from '../transports/coap/testing.js';
import { onenetDataPoint, ttsUplinkMessage } from './fixtures.js';
import type { HttpRoutePlugin } from './routes.js';
import { startHttpServer, type HttpServerHandle } from './server.js';
import { TOKENS, onenetPushBody, testHttpOptions } from './testing.js';

let server: HttpServerHandle;
let port: RecordingIngestPort;

const billsPlugin: HttpRoutePlugin = {
  name: 'bills-test',
  register(api, ctx) {
    api.get('/v1/periods/:period/bills', { preHandler: ctx.requireRole('billing') }, async () => ({ bills: [] }));
  },
};

async function start(): Promise<void> {
  port = new RecordingIngestPort();
  server = await startHttpServer(testHttpOptions({ onenetToken: 'onenet-token-1' }), {
    ingest: port,
    logger: silentLogger,
    readiness: { database: async () => true },
    routes: [billsPlugin],
  });
}

afterEach(() => server.close());

describe('HTTP server over a real socket', () => {
  it('answers a TTS webhook 200 after the commit', async () => {
    await start();
    port.delayMs = 100;
    const response = await fetch(`${server.url}/webhooks/tts/water-north`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ttsUplinkMessage()),
    });
    const answeredAt = performance.now();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'stored' });
    expect(answeredAt).toBeGreaterThanOrEqual(port.committedAt[0]!);
  });

  it('takes a signed OneNET push', async () => {
    await start();
    const response = await fetch(`${server.url}/webhooks/onenet`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'OneNET' },
      body: onenetPushBody('onenet-token-1', onenetDataPoint()),
    });
    expect(response.status).toBe(200);
    expect(port.submitted[0]!.adapter).toBe('onenet');
  });

  it('answers 401 without a token and 403 with a token lacking the role', async () => {
    await start();
    const url = `${server.url}/v1/periods/2025-03/bills`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${TOKENS.supervisor}` } })).status).toBe(403);
    expect((await fetch(url, { headers: { authorization: `Bearer ${TOKENS.billing}` } })).status).toBe(200);
  });

  it('is ready, then finishes a webhook in flight when closed', async () => {
    await start();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    port.delayMs = 300;
    const inFlight = fetch(`${server.url}/webhooks/tts/water-north`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', connection: 'close' },
      body: JSON.stringify(ttsUplinkMessage()),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await server.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });
});
