/**
 * The CoAP transport's refusals over real UDP: 4.xx with a reason for bad requests (nothing
 * submitted), 5.03 with Max-Age when storage is unavailable or the transport is saturated,
 * 4.01 when device authentication fails.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../common/logger.js';
import type { DeviceRecord } from '../../devices/device.js';
import { hashSecret } from '../../devices/secrets.js';
import { registrySecretDirectory, type DeviceSecretDirectory } from './device-auth.js';
import { ADEUNIS_PULSE_NBIOT_HEX } from './fixtures.js';
import { defaultCoapOptions, type CoapTransportOptions } from './options.js';
import { startCoapTransport, type CoapTransportDeps, type CoapTransportHandle } from './server.js';
import {
  RawCoapPeer,
  RecordingIngestPort,
  encodeRequest,
  unavailableError,
  type RawRequest,
  type RawResponse,
} from './testing.js';

const payload = Buffer.from(ADEUNIS_PULSE_NBIOT_HEX, 'hex');

let port: RecordingIngestPort;
let transport: CoapTransportHandle | undefined;
const peers: RawCoapPeer[] = [];

async function start(overrides: Partial<CoapTransportOptions> = {}, deps: CoapTransportDeps = {}): Promise<void> {
  port = new RecordingIngestPort();
  transport = await startCoapTransport(
    { ...defaultCoapOptions, host: '127.0.0.1', port: 0, ...overrides },
    port,
    silentLogger,
    deps,
  );
}

let nextMessageId = 100;
async function exchange(request: Omit<RawRequest, 'messageId'>): Promise<RawResponse> {
  const meter = await RawCoapPeer.open(transport!.port);
  peers.push(meter);
  await meter.send(encodeRequest({ messageId: nextMessageId++, ...request }));
  const [response] = await meter.waitFor(1);
  return response!;
}

afterEach(async () => {
  for (const p of peers.splice(0)) await p.close();
  await transport?.close();
  transport = undefined;
});

describe('requests that name no device get 4.xx at once, nothing submitted', () => {
  const cases: Array<[string, Omit<RawRequest, 'messageId'>, string, string]> = [
    ['an unknown path', { path: ['readings', 'dev-1'], payload }, '4.04', 'COAP_PATH_UNKNOWN'],
    ['a GET on an uplink path', { method: 'GET', path: ['m', 'dev-1'] }, '4.05', 'COAP_METHOD_NOT_ALLOWED'],
    [
      'a device id with a character outside the pattern',
      { path: ['m', 'dev*1'], payload },
      '4.00',
      'COAP_DEVICE_ID_INVALID',
    ],
    ['an empty payload', { path: ['m', 'dev-1'] }, '4.00', 'COAP_PAYLOAD_EMPTY'],
    [
      'an unknown query parameter',
      { path: ['m', 'dev-1'], query: ['secret=x'], payload },
      '4.00',
      'COAP_QUERY_INVALID',
    ],
  ];
  it.each(cases)('%s', async (_name, request, code, reason) => {
    await start();
    const response = await exchange(request);
    expect(response).toMatchObject({ type: 'ACK', code });
    expect(response.payloadText.startsWith(`${reason}: `)).toBe(true);
    expect(port.submitted).toHaveLength(0);
  });
});

describe('requests refused for their body are kept as dead letters, then answered 4.xx', () => {
  const cases: Array<[string, Omit<RawRequest, 'messageId'>, string, string, string]> = [
    [
      'CBOR (Content-Format 60)',
      { path: ['m', 'dev-1'], contentFormat: 60, payload },
      '4.15',
      'COAP_CONTENT_FORMAT_UNSUPPORTED',
      'GATEWAY_MALFORMED_MESSAGE',
    ],
    [
      'text/plain that is not hex',
      { path: ['m', 'dev-1'], contentFormat: 0, payload: Buffer.from('12 3G') },
      '4.00',
      'COAP_HEX_INVALID',
      'GATEWAY_MALFORMED_MESSAGE',
    ],
    [
      'a JSON wrapper that does not parse',
      { path: ['m', 'dev-1'], contentFormat: 50, payload: Buffer.from('{"payload_hex":') },
      '4.00',
      'COAP_WRAPPER_INVALID',
      'GATEWAY_MALFORMED_MESSAGE',
    ],
    [
      'a JSON wrapper with both payload members',
      { path: ['m', 'dev-1'], contentFormat: 50, payload: Buffer.from('{"payload_hex":"00","payload_b64":"AA=="}') },
      '4.00',
      'COAP_WRAPPER_INVALID',
      'GATEWAY_MALFORMED_MESSAGE',
    ],
  ];
  it.each(cases)('%s', async (_name, request, code, reason, deadLetterCode) => {
    await start();
    port.delayMs = 100;
    const response = await exchange(request);
    expect(response).toMatchObject({ type: 'ACK', code });
    expect(response.payloadText.startsWith(`${reason}: `)).toBe(true);
    expect(port.submitted).toHaveLength(1);
    const deadLetter = port.submitted[0]!;
    expect(deadLetter).toMatchObject({ transport: 'coap', deviceRef: 'dev-1', topic: '/m/dev-1' });
    expect(deadLetter.unreadable?.code).toBe(deadLetterCode);
    expect(deadLetter.unreadable?.reason.startsWith(reason)).toBe(true);
    expect(Buffer.from(deadLetter.payload).equals(request.payload!)).toBe(true);
    expect(response.receivedAt).toBeGreaterThanOrEqual(port.committedAt[0]!);
  });

  it('answers an oversized payload 4.13 with Size1 naming the limit, after keeping it', async () => {
    await start({ maxPayloadBytes: 16 });
    const response = await exchange({ path: ['m', 'dev-1'], payload });
    expect(response).toMatchObject({ code: '4.13', size1: 16 });
    expect(response.payloadText).toContain(`payload of ${payload.length} bytes; at most 16`);
    expect(port.submitted[0]!.unreadable?.code).toBe('GATEWAY_PAYLOAD_TOO_LARGE');
  });

  it('answers 5.03 instead when the dead letter cannot be stored', async () => {
    await start();
    port.failWith = unavailableError();
    const response = await exchange({ path: ['m', 'dev-1'], contentFormat: 60, payload });
    expect(response.code).toBe('5.03');
  });

  it('takes hex text under text/plain, whitespace and all', async () => {
    await start();
    const spaced = ADEUNIS_PULSE_NBIOT_HEX.replace(/(..)/g, '$1 ');
    const response = await exchange({ path: ['m', 'dev-1'], contentFormat: 0, payload: Buffer.from(spaced) });
    expect(response.code).toBe('2.04');
    expect(port.submitted[0]!.unreadable).toBeUndefined();
    expect(Buffer.from(port.submitted[0]!.payload).equals(payload)).toBe(true);
  });
});

describe('storage trouble', () => {
  it('answers 5.03 with Max-Age when the ingest port says the database is unavailable', async () => {
    await start({ retryAfterS: 45 });
    port.failWith = unavailableError();
    const response = await exchange({ path: ['m', 'dev-1'], payload });
    expect(response).toMatchObject({ type: 'ACK', code: '5.03', maxAgeS: 45 });
    expect(response.payloadText.startsWith('COAP_STORE_UNAVAILABLE: ')).toBe(true);
  });

  it('answers 5.00 when the ingest port fails unexpectedly', async () => {
    await start();
    port.failWith = new Error('boom');
    const response = await exchange({ path: ['m', 'dev-1'], payload });
    expect(response.code).toBe('5.00');
    expect(response.payloadText).toBe('COAP_INTERNAL: internal error');
  });

  it('sheds new requests with 5.03 while maxInFlight uplinks await their commit', async () => {
    await start({ maxInFlight: 1, retryAfterS: 5 });
    port.delayMs = 300;
    const first = exchange({ path: ['m', 'dev-1'], payload });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await exchange({ path: ['m', 'dev-2'], payload });
    expect(second).toMatchObject({ code: '5.03', maxAgeS: 5 });
    expect(second.payloadText.startsWith('COAP_OVERLOADED: ')).toBe(true);
    expect((await first).code).toBe('2.04');
    expect(port.submitted.map((u) => u.deviceRef)).toEqual(['dev-1']);
  });
});

describe('device authentication', () => {
  // Devices as the registry returns them, with real scrypt secret hashes.
  let directory: DeviceSecretDirectory;
  beforeAll(async () => {
    const records: Record<string, DeviceRecord> = {
      'dev-secret': {
        deviceId: 'dev-secret',
        transport: 'coap',
        enabled: true,
        secretHash: await hashSecret('s3cret'),
      },
      'dev-open': { deviceId: 'dev-open', transport: 'coap', enabled: true },
    };
    directory = registrySecretDirectory({ resolve: async (ref) => records[ref] });
  });

  it('refuses to start with authentication on and no directory', async () => {
    await expect(
      startCoapTransport({ ...defaultCoapOptions, port: 0, auth: 'device' }, new RecordingIngestPort(), silentLogger),
    ).rejects.toThrow(/MF_COAP_AUTH=device/);
  });

  it('in device mode takes the right secret from the query or the wrapper and refuses a wrong or missing one', async () => {
    await start({ auth: 'device' }, { directory });
    expect((await exchange({ path: ['m', 'dev-secret'], query: ['s=s3cret'], payload })).code).toBe('2.04');
    const wrapped = Buffer.from(JSON.stringify({ payload_hex: ADEUNIS_PULSE_NBIOT_HEX, secret: 's3cret' }));
    expect((await exchange({ path: ['m', 'dev-secret'], contentFormat: 50, payload: wrapped })).code).toBe('2.04');
    const wrong = await exchange({ path: ['m', 'dev-secret'], query: ['s=guess'], payload });
    expect(wrong.code).toBe('4.01');
    expect(wrong.payloadText.startsWith('COAP_DEVICE_UNAUTHORIZED: ')).toBe(true);
    expect((await exchange({ path: ['m', 'dev-secret'], payload })).code).toBe('4.01');
    expect((await exchange({ path: ['m', 'dev-open'], payload })).code).toBe('2.04');
    expect((await exchange({ path: ['m', 'dev-unknown'], payload })).code).toBe('2.04');
    expect(port.submitted).toHaveLength(4);
    expect(JSON.stringify(port.submitted)).not.toContain('s3cret');
  });

  it('in required mode refuses devices without a secret and unknown devices alike', async () => {
    await start({ auth: 'required' }, { directory });
    expect((await exchange({ path: ['m', 'dev-secret'], query: ['s=s3cret'], payload })).code).toBe('2.04');
    const open = await exchange({ path: ['m', 'dev-open'], query: ['s=any'], payload });
    const unknown = await exchange({ path: ['m', 'dev-unknown'], query: ['s=any'], payload });
    expect(open.code).toBe('4.01');
    expect(unknown.payloadText).toBe(open.payloadText);
  });
});
