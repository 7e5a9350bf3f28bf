import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { gatewaySettings } from '../../config.js';
import { brokerServer, DEFAULT_READ_BUFFER_BYTES } from './embedded-broker.js';

/** The read-ahead of the server side of one connection to a broker listener. */
async function serverReadAhead(readBufferBytes: number): Promise<number> {
  let accepted!: (socket: Socket) => void;
  const socket = new Promise<Socket>((resolve) => (accepted = resolve));
  const server = brokerServer((s) => accepted(s as Socket), readBufferBytes);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const client = connect(typeof address === 'object' && address ? address.port : 0, '127.0.0.1');
  try {
    const s = await socket;
    s.destroy();
    return s.readableHighWaterMark;
  } finally {
    client.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('embedded broker listener', () => {
  it('reads ahead as many bytes per client connection as configured', async () => {
    expect(await serverReadAhead(DEFAULT_READ_BUFFER_BYTES)).toBe(256 * 1024);
    expect(await serverReadAhead(1024 * 1024)).toBe(1024 * 1024);
  });

  it('takes MF_MQTT_READ_BUFFER_KB in KiB, 256 by default, 16 at least', () => {
    expect(gatewaySettings({}).MF_MQTT_READ_BUFFER_KB).toBe(256);
    expect(gatewaySettings({ MF_MQTT_READ_BUFFER_KB: '1024' }).MF_MQTT_READ_BUFFER_KB).toBe(1024);
    expect(() => gatewaySettings({ MF_MQTT_READ_BUFFER_KB: '8' })).toThrow(/MF_MQTT_READ_BUFFER_KB/);
  });
});
