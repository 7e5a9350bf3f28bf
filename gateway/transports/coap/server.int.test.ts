/**
 * The CoAP transport over real UDP: responses come after the commit, retransmissions are stored
 * once, NON requests are taken. The ingest port is a recording test double (protocol tests);
 * the end-to-end test with the real pipeline is coap-pipeline.int.test.ts.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoapClient } from 'node-coap-client';
import { request as coapRequest } from 'coap';
import { silentLogger } from '../../../common/logger.js';
import { ADEUNIS_PULSE_NBIOT_HEX } from './fixtures.js';
import { defaultCoapOptions, type CoapTransportOptions } from './options.js';
import { startCoapTransport, type CoapTransportHandle } from './server.js';
import { RawCoapPeer, RecordingIngestPort, encodeRequest } from './testing.js';

const payload = Buffer.from(ADEUNIS_PULSE_NBIOT_HEX, 'hex');

let port: RecordingIngestPort;
let transport: CoapTransportHandle;
const peers: RawCoapPeer[] = [];

async function start(overrides: Partial<CoapTransportOptions> = {}): Promise<void> {
  port = new RecordingIngestPort();
  transport = await startCoapTransport(
    { ...defaultCoapOptions, host: '127.0.0.1', port: 0, ...overrides },
    port,
    silentLogger,
  );
}

async function peer(): Promise<RawCoapPeer> {
  const p = await RawCoapPeer.open(transport.port);
  peers.push(p);
  return p;
}

beforeEach(() => start());
afterEach(async () => {
  for (const p of peers.splice(0)) await p.close();
  await transport.close();
});
afterAll(() => CoapClient.reset());

describe('confirmable requests', () => {
  it('answers 2.04 piggybacked on the ACK only after submit resolved', async () => {
    port.delayMs = 300;
    const meter = await peer();
    const sentAt = await meter.send(
      encodeRequest({
        messageId: 0x1234,
        token: Buffer.from('a1b2', 'hex'),
        path: ['m', 'imei-861234567890123'],
        payload,
      }),
    );
    const [response] = await meter.waitFor(1);
    expect(response).toMatchObject({ type: 'ACK', code: '2.04', messageId: 0x1234, payloadText: 'accepted' });
    expect(response!.token.toString('hex')).toBe('a1b2');
    expect(port.committedAt[0]).toBeDefined();
    expect(response!.receivedAt).toBeGreaterThanOrEqual(port.committedAt[0]!);
    expect(response!.receivedAt - sentAt).toBeGreaterThanOrEqual(290);
  });

  it('hands the pipeline an uplink that names the device from the path, never the source address', async () => {
    const meter = await peer();
    await meter.send(encodeRequest({ messageId: 7, path: ['meters', '861234567890123', 'up'], payload }));
    await meter.waitFor(1);
    const uplink = port.submitted[0]!;
    expect(uplink).toMatchObject({
      transport: 'coap',
      adapter: 'direct',
      deviceRef: '861234567890123',
      topic: '/meters/861234567890123/up',
    });
    expect(Buffer.from(uplink.payload).toString('hex').toUpperCase()).toBe(ADEUNIS_PULSE_NBIOT_HEX);
    expect(uplink.metadata.coap).toEqual({ messageId: 7, token: '', confirmable: true, format: 'raw' });
    expect(uplink.dedupKey).toMatch(/^direct:861234567890123:id:coap\.7\.:/);
  });

  it('sends an empty ACK, then the 2.04 as a separate confirmable response, when the commit outlasts piggybackReplyMs', async () => {
    await transport.close();
    await start({ piggybackReplyMs: 100 });
    port.delayMs = 400;
    const meter = await peer();
    await meter.send(encodeRequest({ messageId: 99, token: Buffer.from('0f', 'hex'), path: ['m', 'dev-1'], payload }));
    const [emptyAck, separate] = await meter.waitFor(2);
    expect(emptyAck).toMatchObject({ type: 'ACK', code: '0.00', messageId: 99 });
    expect(separate).toMatchObject({ type: 'CON', code: '2.04', payloadText: 'accepted' });
    expect(separate!.token.toString('hex')).toBe('0f');
    expect(separate!.receivedAt).toBeGreaterThanOrEqual(port.committedAt[0]!);
    await meter.ack(separate!.messageId);
  });

  // node-coap-client labels every request body application/json (Content-Format 50), so a
  // meter using it sends the JSON wrapper, or raw bytes with ?fmt=raw.
  it('is answered through node-coap-client, which always labels its body JSON, for a JSON wrapper', async () => {
    const body = Buffer.from(JSON.stringify({ payload_b64: payload.toString('base64') }));
    const response = await CoapClient.request(`coap://127.0.0.1:${transport.port}/m/dev-ncc`, 'post', body, {
      confirmable: true,
    });
    expect(response.code.toString()).toBe('2.04');
    expect(response.payload?.toString()).toBe('accepted');
    expect(port.submitted.map((u) => u.deviceRef)).toEqual(['dev-ncc']);
    expect(Buffer.from(port.submitted[0]!.payload).equals(payload)).toBe(true);
  });

  it('takes a JSON wrapper PUT by the coap library client, with its fport', async () => {
    const body = JSON.stringify({ payload_hex: ADEUNIS_PULSE_NBIOT_HEX, fport: 1 });
    const response = await new Promise<{ code: string; payload: Buffer }>((resolve, reject) => {
      const req = coapRequest({
        hostname: '127.0.0.1',
        port: transport.port,
        method: 'PUT',
        pathname: '/meters/dev-json/up',
        confirmable: true,
      });
      req.setOption('Content-Format', 'application/json');
      req.on('response', (res) => resolve({ code: res.code, payload: res.payload }));
      req.on('error', reject);
      req.end(Buffer.from(body));
    });
    expect(response.code).toBe('2.04');
    const uplink = port.submitted[0]!;
    expect(uplink).toMatchObject({ deviceRef: 'dev-json', fPort: 1 });
    expect(Buffer.from(uplink.payload).equals(payload)).toBe(true);
  });
});

describe('non-confirmable requests', () => {
  it('submits a NON request and answers it with a NON 2.04', async () => {
    const meter = await peer();
    await meter.send(
      encodeRequest({ type: 'NON', messageId: 4242, token: Buffer.from('77', 'hex'), path: ['m', 'dev-non'], payload }),
    );
    const [response] = await meter.waitFor(1);
    expect(response).toMatchObject({ type: 'NON', code: '2.04' });
    expect(port.submitted).toHaveLength(1);
    expect(port.submitted[0]!.metadata.coap).toMatchObject({ confirmable: false });
  });

  it('is accepted from node-coap-client with confirmable off and raw bytes under ?fmt=raw', async () => {
    const url = `coap://127.0.0.1:${transport.port}/m/dev-ncc-non?fmt=raw`;
    const response = await CoapClient.request(url, 'post', payload, { confirmable: false });
    expect(response.code.toString()).toBe('2.04');
    expect(port.submitted.map((u) => u.deviceRef)).toEqual(['dev-ncc-non']);
    expect(Buffer.from(port.submitted[0]!.payload).equals(payload)).toBe(true);
  });
});

describe('retransmissions', () => {
  const datagram = () =>
    encodeRequest({ messageId: 0x0a0b, token: Buffer.from('c0ffee', 'hex'), path: ['m', 'dev-rt'], payload });

  it('stores a CON once when it is retransmitted during the commit from another source port (NAT rebinding)', async () => {
    port.delayMs = 300;
    const first = await peer();
    const rebound = await peer();
    await first.send(datagram());
    await new Promise((resolve) => setTimeout(resolve, 100));
    await rebound.send(datagram());
    const [a] = await first.waitFor(1);
    const [b] = await rebound.waitFor(1);
    expect(port.submitted).toHaveLength(1);
    expect(a).toMatchObject({ type: 'ACK', code: '2.04', messageId: 0x0a0b });
    expect(b).toMatchObject({ type: 'ACK', code: '2.04', messageId: 0x0a0b });
  });

  it('answers a retransmission after the response from the message cache without submitting again', async () => {
    const first = await peer();
    await first.send(datagram());
    await first.waitFor(1);
    const later = await peer();
    await later.send(datagram());
    const [again] = await later.waitFor(1);
    expect(again).toMatchObject({ type: 'ACK', code: '2.04', messageId: 0x0a0b, payloadText: 'accepted' });
    expect(port.submitted).toHaveLength(1);
  });

  it('gives a retransmission reaching a restarted gateway the same dedup key, so the pipeline stores it once', async () => {
    const first = await peer();
    await first.send(datagram());
    await first.waitFor(1);
    const before = port;
    await transport.close();
    await start();
    const meter = await peer();
    await meter.send(datagram());
    await meter.waitFor(1);
    expect(port.submitted[0]!.dedupKey).toBe(before.submitted[0]!.dedupKey);
  });

  it('gives a new Message ID from the same meter a new dedup key', async () => {
    const meter = await peer();
    await meter.send(encodeRequest({ messageId: 1, path: ['m', 'dev-new'], payload }));
    await meter.send(encodeRequest({ messageId: 2, path: ['m', 'dev-new'], payload }));
    await meter.waitFor(2);
    expect(port.storedCount).toBe(2);
  });
});

describe('shutdown', () => {
  it('answers the uplink in flight before close() resolves', async () => {
    port.delayMs = 200;
    const meter = await peer();
    await meter.send(encodeRequest({ messageId: 5, path: ['m', 'dev-close'], payload }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(transport.isReady()).toBe(true);
    await transport.close();
    expect(transport.isReady()).toBe(false);
    expect(meter.received[0]).toMatchObject({ code: '2.04' });
  });
});
