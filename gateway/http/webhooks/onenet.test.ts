import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { silentLogger } from '../../../common/logger.js';
import { ADEUNIS_PULSE_NBIOT_HEX } from '../../transports/coap/fixtures.js';
import { RecordingIngestPort, unavailableError } from '../../transports/coap/testing.js';
import { onenetDataPoint } from '../fixtures.js';
import type { WebhookOptions } from '../options.js';
import { buildHttpServer } from '../server.js';
import { makeEncodingAesKey, onenetEncrypt, onenetPushBody, testHttpOptions } from '../testing.js';
import { onenetSignature } from './onenet-signature.js';

const TOKEN = '5ec78dbca0db5a7e49b603fe';
let app: FastifyInstance;
let port: RecordingIngestPort;

async function build(webhooks: Partial<WebhookOptions> = { onenetToken: TOKEN }): Promise<void> {
  port = new RecordingIngestPort();
  ({ app } = await buildHttpServer(testHttpOptions(webhooks), { ingest: port, logger: silentLogger }));
}

afterEach(() => app.close());

const push = (body: string) =>
  app.inject({
    method: 'POST',
    url: '/webhooks/onenet',
    headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'OneNET' },
    payload: body,
  });

describe('OneNET URL check (GET)', () => {
  it('answers msg when the signature matches the token', async () => {
    await build();
    const signature = onenetSignature(TOKEN, 'abcdefgh', 'xMsg71');
    const response = await app.inject({
      method: 'GET',
      url: '/webhooks/onenet',
      query: { msg: 'xMsg71', nonce: 'abcdefgh', signature },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('xMsg71');
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('accepts a signature whose + became a space in URL decoding', async () => {
    await build();
    let i = 0;
    const nonceOf = (n: number) => `n${String(n).padStart(7, '0')}`;
    while (!onenetSignature(TOKEN, nonceOf(i), 'm').includes('+')) i++;
    const signature = onenetSignature(TOKEN, nonceOf(i), 'm');
    // a raw '+' in a query string is decoded as a space
    const url = `/webhooks/onenet?msg=m&nonce=${nonceOf(i)}&signature=${signature.replace(/=/g, '%3D')}`;
    expect((await app.inject({ method: 'GET', url })).body).toBe('m');
  });

  it('refuses a wrong signature with 401', async () => {
    await build();
    const response = await app.inject({
      method: 'GET',
      url: '/webhooks/onenet',
      query: { msg: 'xMsg71', nonce: 'abcdefgh', signature: 'AAAAAAAAAAAAAAAAAAAAAA==' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'HTTP_WEBHOOK_SIGNATURE_MISMATCH' });
  });

  it('echoes msg unchecked when no token is configured', async () => {
    await build({});
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/webhooks/onenet',
          query: { msg: 'hello', nonce: 'x', signature: 'y' },
        })
      ).body,
    ).toBe('hello');
  });
});

describe('OneNET data push (POST), plain mode', () => {
  it('stores an NB-IoT data point, hex value as payload bytes, IMEI as device', async () => {
    await build();
    const response = await push(onenetPushBody(TOKEN, onenetDataPoint()));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'stored', uplinks: [{ status: 'accepted' }], ignored: 0 });
    const uplink = port.submitted[0]!;
    expect(uplink).toMatchObject({
      transport: 'http',
      adapter: 'onenet',
      deviceRef: '866971030389733',
      topic: '/webhooks/onenet',
    });
    expect(Buffer.from(uplink.payload).toString('hex').toUpperCase()).toBe(ADEUNIS_PULSE_NBIOT_HEX);
    expect(uplink.metadata).toMatchObject({
      onenet: { devId: 520156945, dsId: '3200_0_5750', at: 1740816001245, imei: '866971030389733' },
      payloadEncoding: 'hex',
      networkReceivedAt: '2025-03-01T08:00:01.245Z',
    });
  });

  it('checks the signature against msg exactly as sent, pretty-printed or not', async () => {
    await build();
    const msgText = JSON.stringify(onenetDataPoint(), null, 2);
    const body = `{\n  "nonce": "h9(2&z&z",\n  "msg": ${msgText},\n  "msg_signature": "${onenetSignature(TOKEN, 'h9(2&z&z', msgText)}"\n}`;
    expect((await push(body)).statusCode).toBe(200);
  });

  it('refuses a push whose signature does not match, storing nothing', async () => {
    await build();
    const otherToken = onenetPushBody('another-token', onenetDataPoint());
    const alteredValue = onenetPushBody(TOKEN, onenetDataPoint()).replace('"value":"11', '"value":"12');
    expect((await push(otherToken)).json()).toEqual({
      code: 'HTTP_WEBHOOK_SIGNATURE_MISMATCH',
      reason: 'msg_signature does not match the token',
    });
    expect((await push(alteredValue)).statusCode).toBe(401);
    expect(port.submitted).toHaveLength(0);
  });

  it('stores every data point of a batched push and acknowledges the other message types', async () => {
    await build();
    const batch = [
      onenetDataPoint({ at: 1740816001245 }),
      { at: 1740816001300, type: 2, dev_id: 520156945, status: 1, login_type: 10 },
      onenetDataPoint({ at: 1740816061245 }),
    ];
    const response = await push(onenetPushBody(TOKEN, batch));
    expect(response.json()).toEqual({
      status: 'stored',
      uplinks: [{ status: 'accepted' }, { status: 'accepted' }],
      ignored: 1,
    });
    expect(port.submitted).toHaveLength(2);
  });

  it('gives a re-pushed data point the same dedup key', async () => {
    await build();
    await push(onenetPushBody(TOKEN, onenetDataPoint(), 'AAAAAAAA'));
    const again = await push(onenetPushBody(TOKEN, onenetDataPoint(), 'BBBBBBBB'));
    expect(again.json()).toMatchObject({ uplinks: [{ status: 'duplicate' }] });
    expect(port.storedCount).toBe(1);
  });

  it('keeps a value that is not hex as text, and a numeric value as JSON, for the decoder to judge', async () => {
    await build();
    await push(
      onenetPushBody(TOKEN, [onenetDataPoint({ value: 'not hex!' }), onenetDataPoint({ value: -115, at: 1 })]),
    );
    expect(new TextDecoder().decode(port.submitted[0]!.payload)).toBe('not hex!');
    expect(port.submitted[0]!.metadata.payloadEncoding).toBe('text');
    expect(new TextDecoder().decode(port.submitted[1]!.payload)).toBe('-115');
    expect(port.submitted[1]!.metadata.payloadEncoding).toBe('json');
  });

  it('names the device by dev_id when the push has no IMEI', async () => {
    await build();
    const point = onenetDataPoint();
    delete point.imei;
    await push(onenetPushBody(TOKEN, point));
    expect(port.submitted[0]!.deviceRef).toBe('520156945');
  });

  it('answers 503 with Retry-After when the database is unavailable (OneNET pushes again)', async () => {
    await build();
    port.failWith = unavailableError();
    const response = await push(onenetPushBody(TOKEN, onenetDataPoint()));
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('30');
  });

  it('refuses bodies without msg', async () => {
    await build();
    expect((await push('{"nonce":"abcdefgh","msg_signature":"x"}')).json()).toMatchObject({
      code: 'HTTP_WEBHOOK_BODY_INVALID',
    });
    expect((await push('[1,2]')).json()).toMatchObject({ code: 'HTTP_WEBHOOK_BODY_INVALID' });
  });
});

describe('OneNET data push (POST), encrypted mode', () => {
  it('verifies the signature over enc_msg, decrypts it and stores the data point', async () => {
    const aesKey = makeEncodingAesKey();
    await build({ onenetToken: TOKEN, onenetAesKey: aesKey });
    const encMsg = onenetEncrypt(aesKey, JSON.stringify(onenetDataPoint()));
    const body = JSON.stringify({
      enc_msg: encMsg,
      msg_signature: onenetSignature(TOKEN, 'n0nce-01', encMsg),
      nonce: 'n0nce-01',
    });
    expect((await push(body)).statusCode).toBe(200);
    expect(Buffer.from(port.submitted[0]!.payload).toString('hex').toUpperCase()).toBe(ADEUNIS_PULSE_NBIOT_HEX);
  });

  it('refuses an enc_msg made with another key', async () => {
    await build({ onenetToken: TOKEN, onenetAesKey: makeEncodingAesKey() });
    const encMsg = onenetEncrypt(makeEncodingAesKey(), JSON.stringify(onenetDataPoint()));
    const body = JSON.stringify({
      enc_msg: encMsg,
      msg_signature: onenetSignature(TOKEN, 'n0nce-01', encMsg),
      nonce: 'n0nce-01',
    });
    expect((await push(body)).json()).toMatchObject({ code: 'HTTP_WEBHOOK_BODY_INVALID' });
    expect(port.submitted).toHaveLength(0);
  });

  it('refuses an encrypted push when no key is configured', async () => {
    await build();
    const body = JSON.stringify({
      enc_msg: 'AAAA',
      msg_signature: onenetSignature(TOKEN, 'n0nce-01', 'AAAA'),
      nonce: 'n0nce-01',
    });
    expect((await push(body)).json()).toEqual({
      code: 'HTTP_WEBHOOK_BODY_INVALID',
      reason: 'encrypted push, but MF_ONENET_AES_KEY is not set',
    });
  });
});
