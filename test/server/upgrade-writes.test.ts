import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, until, type TestServer } from './harness.ts';

/*
 * After a restart thousands of clients open their connections at once, and on loopback each write
 * is a system call that also runs the receiving side's TCP stack: the server corks a connection's
 * start so its first answers leave together (server/app.ts).
 */
describe('WRITE: a connection starts with as few writes as it can', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('WRITE1 the 101 response and engine.io\'s open packet leave the server in one write', async () => {
    server = await startServer();
    // Runs before the server's own upgrade listeners: counts what reaches the kernel from this socket.
    const writes: number[] = [];
    server.app.http.prependListener('upgrade', (_req, socket: Socket) => {
      const generic = (socket as unknown as { _writeGeneric: (writev: boolean, data: unknown, ...rest: unknown[]) => unknown })._writeGeneric.bind(socket);
      (socket as unknown as { _writeGeneric: typeof generic })._writeGeneric = (writev, data, ...rest) => {
        writes.push(writev ? (data as unknown[]).length : 1);
        return generic(writev, data, ...rest);
      };
    });
    const port = Number(new URL(server.url).port);
    const raw = connect(port, '127.0.0.1');
    let received = '';
    raw.on('data', (d) => (received += d.toString('latin1')));
    raw.write('GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    await until(() => received.includes('"sid"'), 'the open packet');
    raw.destroy();
    expect(received.startsWith('HTTP/1.1 101')).toBe(true);
    // One write carrying the response and the open packet's frame (its header and payload).
    expect(writes).toEqual([3]);
  });
});
