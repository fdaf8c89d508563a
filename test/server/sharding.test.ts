import { afterEach, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { ManualTime } from '../../server/clock.ts';
import { PROTOCOL_VERSION } from '../../shared/protocol/index.ts';
import { createDrill, join, sqliteStore, startServer, tempDb, until, type ClientSocket, type TestServer } from './harness.ts';

/*
 * Two workers of a sharded server, in one test process: two apps on one SQLite file, shard 0 and
 * shard 1 of 2, each on its own port (the primary that routes between them is tested with real
 * processes in cluster.test.ts). Each drill runs in exactly one of them.
 */

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function twoWorkers(): Promise<[TestServer, TestServer]> {
  const db = tempDb();
  const time = new ManualTime();
  const a = await startServer({ store: sqliteStore(db), time, shard: { index: 0, count: 2 } });
  const b = await startServer({ store: sqliteStore(db), time, shard: { index: 1, count: 2 } });
  servers.push(a, b);
  return [a, b];
}

/** Create drills through `via` until one is owned by `owner`. */
async function drillOwnedBy(via: TestServer, owner: TestServer) {
  for (let i = 0; i < 64; i++) {
    const drill = await createDrill(via);
    if (owner.app.registry.owns(drill.drillId)) return drill;
  }
  throw new Error('no drill fell to the wanted shard in 64 tries');
}

function attempt(url: string, token: string, query: Record<string, string>): Promise<{ welcomed: boolean; error?: Error & { data?: unknown } }> {
  const socket: ClientSocket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, query, auth: { token, protocolVersion: PROTOCOL_VERSION } });
  return new Promise((resolve) => {
    socket.once('drill:welcomed', () => {
      socket.disconnect();
      resolve({ welcomed: true });
    });
    socket.once('connect_error', (error) => {
      socket.disconnect();
      resolve({ welcomed: false, error });
    });
  });
}

describe('SHARD: two workers on one database', () => {
  it('SHARD5 a drill created by one worker runs only in its owner; the other never makes it live', async () => {
    const [a, b] = await twoWorkers();
    const drill = await drillOwnedBy(a, b);
    expect(a.app.registry.peek(drill.drillId)).toBeNull();
    expect(a.app.registry.get(drill.drillId)).toBeNull();
    const fac = await join(b, drill.seat('facilitator'));
    const scribe = await join(b, drill.seat('scribe'));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    expect(await scribe.send({ type: 'timeline.add', text: 'first alert at 09:12' })).toMatchObject({ ok: true });
    await until(() => fac.entries.some((e) => e.event.type === 'timeline.added'), 'the facilitator sees the scribe write');
    expect(b.app.registry.peek(drill.drillId)?.state.lifecycle).toBe('running');
    expect(a.app.registry.peek(drill.drillId)).toBeNull();
    fac.close();
    scribe.close();
  });

  it('SHARD6 a connection that reaches the wrong worker is refused, and told which drill to ask for when its URL named none', async () => {
    const [a, b] = await twoWorkers();
    const drill = await drillOwnedBy(a, b);
    const token = drill.seat('scribe').token;
    // Named in the URL: refused at the transport (a new connection would be routed right).
    const named = await attempt(a.url, token, { drill: drill.drillId });
    expect(named.welcomed).toBe(false);
    expect(named.error?.data).toBeUndefined();
    // Not named (an older token): refused at the handshake with the drill to ask for.
    const unnamed = await attempt(a.url, token, {});
    expect(unnamed.welcomed).toBe(false);
    expect(unnamed.error?.data).toEqual({ code: 'WRONG_SHARD', drillId: drill.drillId });
    // What PROTOCOL.md §2 (and the browser client) does with that answer: close, name the drill,
    // connect again. The new connection carries ?drill= (here it reaches the same process, which
    // now refuses it at the transport; behind a primary it would reach the owner).
    const socket: ClientSocket = connect(a.url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token, protocolVersion: PROTOCOL_VERSION } });
    const first = await new Promise<Error & { data?: { drillId?: string } }>((resolve) => socket.once('connect_error', resolve));
    socket.disconnect();
    socket.io.opts.query = { drill: first.data?.drillId ?? '' };
    socket.connect();
    const second = await new Promise<Error & { data?: unknown }>((resolve) => socket.once('connect_error', resolve));
    socket.disconnect();
    expect(second.data).toBeUndefined();
    expect(second.message).not.toMatch(/another server process/);
    // Nothing changed: the owner never saw a command, and the other worker holds no room.
    expect(a.app.registry.peek(drill.drillId)).toBeNull();
    expect((await attempt(b.url, token, { drill: drill.drillId })).welcomed).toBe(true);
  });

  it('SHARD7 any worker serves a drill’s report and view from the log', async () => {
    const [a, b] = await twoWorkers();
    const drill = await drillOwnedBy(a, b);
    const fac = await join(b, drill.seat('facilitator'));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    const token = drill.seat('facilitator').token;
    const fromOther = await fetch(`${a.url}/drills/${drill.drillId}/report.json?token=${token}`);
    expect(fromOther.status).toBe(200);
    const fromOwner = await fetch(`${b.url}/drills/${drill.drillId}/report.json?token=${token}`);
    expect(await fromOther.text()).toBe(await fromOwner.text());
    const view = (await (await fetch(`${a.url}/drills/${drill.drillId}/view?token=${token}`)).json()) as { data: { lifecycle: string } };
    expect(view.data.lifecycle).toBe('running');
    // Reading did not bring the drill live in the worker that does not own it.
    expect(a.app.registry.peek(drill.drillId)).toBeNull();
    fac.close();
  });

  it('SHARD8 a speed chosen at creation is part of the drill from its first events, whichever worker created it', async () => {
    const [a, b] = await twoWorkers();
    for (let i = 0; i < 64; i++) {
      const drill = await createDrill(a, { speed: 4 });
      const owner = a.app.registry.owns(drill.drillId) ? a : b;
      const fac = await join(owner, drill.seat('facilitator'));
      expect(fac.welcome?.view?.speed).toBe(4);
      expect(owner.store.entries(drill.drillId).map((e) => e.event.type)).toEqual(['drill.created', 'drill.speedChanged']);
      fac.close();
      if (owner === b) return;
    }
    throw new Error('no drill fell to the second worker');
  });
});
