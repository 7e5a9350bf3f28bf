/**
 * Serves an embedded PGlite database to node-postgres over a loopback TCP socket, speaking the
 * PostgreSQL frontend/backend protocol (v3).
 *
 * TCP delivers a byte stream, not messages: a large query arrives in several `data` chunks and a
 * chunk can end in the middle of a message. PGlite's `execProtocolRaw` must be given whole
 * messages, so this server frames the stream itself (startup packets are `int32 length` + body;
 * every later message is `byte type` + `int32 length` + body, the length counting itself) and
 * hands PGlite every complete message, strictly in order, one exchange at a time.
 *
 * PGlite is a single session, so one client is served at a time; further connections wait in a
 * queue until the current one closes (node-postgres pools on top of it use max 1). When a client
 * goes away mid-transaction, the transaction is rolled back before the next one is served.
 */
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST_CODE = 80877103;
const GSSENC_REQUEST_CODE = 80877104;
const CANCEL_REQUEST_CODE = 80877102;

export interface WireServer {
  port: number;
  close(): Promise<void>;
}

export async function serveOverSocket(db: PGlite, host = '127.0.0.1'): Promise<WireServer> {
  const sockets = new Set<net.Socket>();
  // Connections are served one after another: each waits for the previous session to end.
  let sessionChain: Promise<void> = Promise.resolve();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.pause();
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    sessionChain = sessionChain.then(async () => {
      if (socket.destroyed) return;
      await serveSession(db, socket, ended);
    });
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('embedded engine: no TCP port');

  return {
    port: address.port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sessionChain.catch(() => undefined);
    },
  };
}

async function serveSession(db: PGlite, socket: net.Socket, ended: Promise<void>): Promise<void> {
  let buffer: Buffer = Buffer.alloc(0);
  let startupDone = false;
  let work: Promise<void> = Promise.resolve();
  let inTransaction = false;

  const send = (bytes: Uint8Array): void => {
    if (bytes.length > 0 && socket.writable) socket.write(bytes);
  };

  const exchange = async (messages: Buffer): Promise<void> => {
    if (isCopyFromStdin(messages)) {
      // PGlite aborts (a WASM trap that ends the process) on COPY FROM STDIN over its wire
      // protocol; refuse it with an ordinary SQL error instead. Writers use INSERT here.
      send(errorResponse('0A000', 'COPY FROM STDIN is not supported by the embedded engine; use INSERT'));
      send(readyForQuery(inTransaction));
      return;
    }
    // One message per call: PGlite drops a message that starts at byte 8,192 of one input
    // (no CommandComplete, no ReadyForQuery: the client would wait forever).
    for (const message of splitMessages(messages)) {
      const response = await db.execProtocolRaw(message);
      inTransaction = transactionOpenAfter(response, inTransaction);
      send(response);
    }
  };

  /** Splits off every complete message at the front of the buffer. */
  const takeMessages = (): Buffer | undefined => {
    let offset = 0;
    const parts: Buffer[] = [];
    for (;;) {
      if (!startupDone) {
        if (buffer.length - offset < 8) break;
        const length = buffer.readInt32BE(offset);
        if (buffer.length - offset < length) break;
        const code = buffer.readInt32BE(offset + 4);
        if (code === SSL_REQUEST_CODE || code === GSSENC_REQUEST_CODE) {
          // No TLS on a loopback socket: answer 'N' and wait for the real startup packet.
          send(Buffer.from('N'));
        } else if (code === CANCEL_REQUEST_CODE) {
          socket.end();
        } else {
          parts.push(buffer.subarray(offset, offset + length));
          startupDone = true;
        }
        offset += length;
        continue;
      }
      if (buffer.length - offset < 5) break;
      const length = buffer.readInt32BE(offset + 1);
      if (buffer.length - offset < 1 + length) break;
      parts.push(buffer.subarray(offset, offset + 1 + length));
      offset += 1 + length;
    }
    buffer = buffer.subarray(offset);
    return parts.length === 0 ? undefined : Buffer.concat(parts);
  };

  socket.on('data', (chunk: Buffer) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    const messages = takeMessages();
    if (!messages) return;
    work = work.then(() => exchange(messages)).catch(() => {
      socket.destroy();
    });
  });
  socket.on('error', () => socket.destroy());
  socket.resume();

  await ended;
  await work.catch(() => undefined);
  if (inTransaction) {
    // The client left mid-transaction: do not hand its open transaction to the next session.
    await db.exec('ROLLBACK').catch(() => undefined);
  }
}

/**
 * Reads the transaction status of the last ReadyForQuery ('Z', status I/T/E) in a response;
 * keeps the previous status when the response has none.
 */
function transactionOpenAfter(response: Uint8Array, previous: boolean): boolean {
  let open = previous;
  let offset = 0;
  while (offset + 5 <= response.length) {
    const type = response[offset]!;
    const length = ((response[offset + 1]! << 24) | (response[offset + 2]! << 16) | (response[offset + 3]! << 8) | response[offset + 4]!) >>> 0;
    if (type === 0x5a && length === 5 && offset + 5 < response.length) {
      open = response[offset + 5] !== 0x49; // 'I' idle; 'T' in transaction, 'E' failed transaction
    }
    offset += 1 + length;
  }
  return open;
}

/** A simple-protocol Query ('Q') whose text is COPY ... FROM STDIN. */
function isCopyFromStdin(messages: Buffer): boolean {
  if (messages.length < 6 || messages[0] !== 0x51) return false;
  const text = messages.subarray(5, Math.min(messages.length, 5 + 4096)).toString('utf8');
  return /^\s*copy\b[\s\S]*\bfrom\s+stdin\b/i.test(text);
}

function errorResponse(sqlState: string, message: string): Buffer {
  const fields = Buffer.from(`SERROR\0VERROR\0C${sqlState}\0M${message}\0\0`, 'utf8');
  const head = Buffer.alloc(5);
  head[0] = 0x45; // 'E'
  head.writeInt32BE(4 + fields.length, 1);
  return Buffer.concat([head, fields]);
}

function readyForQuery(inTransaction: boolean): Buffer {
  return Buffer.from([0x5a, 0, 0, 0, 5, inTransaction ? 0x54 : 0x49]);
}

/** Splits a run of complete messages (a startup packet has no type byte) into single messages. */
function splitMessages(messages: Buffer): Uint8Array[] {
  const out: Uint8Array[] = [];
  let offset = 0;
  // a startup packet: int32 length then protocol version 3.0 (196608)
  if (messages.length >= 8 && messages.readInt32BE(4) === 196608) {
    const length = messages.readInt32BE(0);
    out.push(new Uint8Array(messages.buffer, messages.byteOffset, length));
    offset = length;
  }
  while (offset + 5 <= messages.length) {
    const length = 1 + messages.readInt32BE(offset + 1);
    out.push(new Uint8Array(messages.buffer, messages.byteOffset + offset, length));
    offset += length;
  }
  return out;
}
