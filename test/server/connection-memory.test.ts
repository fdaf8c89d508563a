import type { IncomingMessage } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createDrill, tracked } from './harness.ts';

/*
 * What a connection keeps alive once it is established. The HTTP request that opened it is not
 * needed after the handshake, and with thousands of sockets it adds up (release-upgrade-request.ts).
 */

const { server, client } = tracked();

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** A full collection, outside the job that last touched the WeakRefs (they keep their target until it ends). */
async function collect(): Promise<void> {
  await new Promise((r) => setImmediate(r));
  gc();
  await new Promise((r) => setImmediate(r));
}

describe('MEM: memory held per connection', () => {
  it('MEM1 the upgrade request of an established WebSocket connection can be collected', async () => {
    const s = await server();
    const requests: WeakRef<IncomingMessage>[] = [];
    s.app.http.on('upgrade', (req: IncomingMessage) => requests.push(new WeakRef(req)));
    const d = await createDrill(s);
    const players = await Promise.all(['facilitator', 'ic', 'scribe'].map((seat) => client(s, d.seat(seat))));
    expect(requests).toHaveLength(3);
    await collect();
    expect(requests.filter((r) => r.deref() !== undefined)).toHaveLength(0);
    // The connections still work: a command goes through and everyone sees it.
    expect(await players[0]!.send({ type: 'drill.start' })).toMatchObject({ ok: true });
  });

  it('MEM2 without the release, engine.io keeps the request alive for as long as the connection lasts', async () => {
    // The counterpart of MEM1: if this starts failing, engine.io no longer holds the request and
    // release-upgrade-request.ts can go.
    const s = await server();
    // The app's listener is the last one (socket.io's own comes first, from the constructor).
    const engine = s.app.io.engine;
    engine.off('connection', engine.listeners('connection').at(-1) as () => void);
    engine.on('connection', (raw: { request: unknown }) => {
      raw.request = null;
    });
    const requests: WeakRef<IncomingMessage>[] = [];
    s.app.http.on('upgrade', (req: IncomingMessage) => requests.push(new WeakRef(req)));
    const d = await createDrill(s);
    await client(s, d.seat('ic'));
    await collect();
    expect(requests.filter((r) => r.deref() !== undefined)).toHaveLength(1);
  });
});
