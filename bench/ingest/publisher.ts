/**
 * The bench publisher, on its own thread (so that it does not share the gateway's event loop):
 * connects with mqtt.js, takes its messages, then on `go` publishes them at QoS 1 and reports
 * when the broker acknowledged the last one. It keeps at most `window` messages between what it
 * sent and what arrived at the far end (a plain subscriber, or committed rows), which the main
 * thread reports as it goes: a closed loop, so the broker's per-client queue never overflows
 * (Mosquitto drops what is beyond max_queued_messages) and the figure is a sustained rate. The
 * thread's code is plain JavaScript (below) so it runs the same from the sources and from dist/.
 */
import { Worker } from 'node:worker_threads';

export interface PublisherJob {
  url: string;
  username?: string;
  password?: string;
  clientId: string;
  messages: Array<{ topic: string; payload: Buffer }>;
  window: number;
  qos: 0 | 1;
}

const THREAD = `
(async () => {
const { parentPort, workerData: job } = await import('node:worker_threads');
const mqtt = (await import(job.mqttModule)).default;
const client = mqtt.connect(job.url, { username: job.username, password: job.password, clientId: job.clientId, reconnectPeriod: 0, protocolVersion: 4 });
client.on('error', (err) => parentPort.postMessage({ type: 'error', message: err.message }));
client.once('connect', () => {
  parentPort.postMessage({ type: 'ready' });
  let arrived = 0;
  let pump = () => undefined;
  parentPort.on('message', (m) => {
    if (typeof m === 'number') {
      arrived = m;
      pump();
    }
  });
  parentPort.once('message', () => {
    const messages = job.messages;
    const started = performance.now();
    let sent = 0;
    let acked = 0;
    pump = () => {
      while (sent < messages.length && sent - acked < job.window && sent - arrived < job.window) {
        const m = messages[sent++];
        client.publish(m.topic, Buffer.from(m.payload), { qos: job.qos }, onAck);
      }
    };
    function onAck(err) {
      if (err) return parentPort.postMessage({ type: 'error', message: err.message });
      acked++;
      if (acked === messages.length) {
        parentPort.postMessage({ type: 'done', ms: performance.now() - started });
        client.end(() => undefined);
        return;
      }
      pump();
    }
    pump();
  });
});
})();
`;

export interface Publisher {
  /** Starts publishing; resolves with the publisher's own time to the last broker acknowledgement. */
  go(): Promise<number>;
  /** Tells the publisher how many messages have arrived at the far end (opens its window). */
  arrived(count: number): void;
  terminate(): Promise<void>;
}

export async function startPublisher(job: PublisherJob): Promise<Publisher> {
  const worker = new Worker(THREAD, { eval: true, workerData: { ...job, mqttModule: import.meta.resolve('mqtt') } });
  const failed = new Promise<never>((_, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: { type: string; message?: string }) => {
      if (m.type === 'error') reject(new Error(`publisher: ${m.message}`));
    });
  });
  failed.catch(() => undefined);
  try {
    await Promise.race([
      new Promise<void>((resolve) => worker.on('message', (m: { type: string }) => m.type === 'ready' && resolve())),
      failed,
    ]);
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  return {
    go() {
      const done = new Promise<number>((resolve) =>
        worker.on('message', (m: { type: string; ms?: number }) => m.type === 'done' && resolve(m.ms!)),
      );
      worker.postMessage('go');
      return Promise.race([done, failed]);
    },
    arrived(count: number) {
      worker.postMessage(count);
    },
    async terminate() {
      await worker.terminate();
    },
  };
}
