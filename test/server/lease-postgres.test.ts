import pg from 'pg';
import { io as connect } from 'socket.io-client';
import { afterEach, expect, it } from 'vitest';
import { ManualTime } from '../../server/clock.ts';
import { ENDED_DRILL_IDLE_MS } from '../../server/socket/hub.ts';
import { PostgresLeases } from '../../server/store/postgres-leases.ts';
import { PostgresStore } from '../../server/store/postgres.ts';
import { drillOfToken, PROTOCOL_VERSION, type DrillElsewhere } from '../../shared/protocol/index.ts';
import { FIXTURE } from '../engine/fixture.ts';
import { createDrill, startServer, TestClient, until, type ClientSocket, type TestServer } from './harness.ts';
import { describeWithPostgres, freshSchema } from './postgres-harness.ts';

/*
 * Two server nodes in this process on one PostgreSQL database, each with its own store and leases,
 * and real socket.io clients connecting to one node or the other as a proxy would send them. Game
 * time is a shared manual clock; leases run on the database's clock, so a lapse is waited for (a
 * short lease time, and condition-based waits with generous caps).
 */

interface Node {
  server: TestServer<PostgresStore>;
  leases: PostgresLeases;
}

const nodes: Node[] = [];
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  for (const n of nodes.splice(0)) {
    await n.leases.halt().catch(() => undefined);
    await n.server.close().catch(() => undefined);
  }
});

/** A node. With `heartbeatMs: 0` its heartbeat runs only when the test calls it. */
async function startNode(url: string, time: ManualTime, name: string, lease: { ttlMs: number; heartbeatMs?: number }): Promise<Node> {
  const store = await PostgresStore.open(url);
  const leases = await PostgresLeases.start(url, { nodeName: name, ...lease });
  const server = await startServer({ store, leases, time });
  const node = { server, leases };
  nodes.push(node);
  return node;
}

type Outcome = { welcomed: TestClient } | { elsewhere: DrillElsewhere } | { error: Error };

/** One connection attempt, as a proxy would route it to this node. */
function attempt(server: TestServer<PostgresStore>, token: string, lastSeq?: number): Promise<Outcome> {
  const socket: ClientSocket = connect(server.url, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    query: { drill: drillOfToken(token) ?? '' },
    auth: { token, protocolVersion: PROTOCOL_VERSION, ...(lastSeq !== undefined ? { lastSeq } : {}) },
  });
  sockets.push(socket);
  const client = new TestClient(socket, 'x');
  return new Promise((resolve) => {
    socket.once('drill:welcomed', () => resolve({ welcomed: client }));
    socket.once('connect_error', (e: Error & { data?: DrillElsewhere }) => {
      socket.disconnect();
      resolve(e.data?.code === 'DRILL_ELSEWHERE' ? { elsewhere: e.data } : { error: e });
    });
  });
}

/** Connect, retrying while the node says another node runs the drill (as clients do); the client once welcomed. */
async function joinEventually(server: TestServer<PostgresStore>, token: string, lastSeq?: number, maxMs = 20_000): Promise<TestClient> {
  const start = Date.now();
  for (;;) {
    const outcome = await attempt(server, token, lastSeq);
    if ('welcomed' in outcome) return outcome.welcomed;
    if ('error' in outcome) throw outcome.error;
    if (Date.now() - start > maxMs) throw new Error(`still refused after ${maxMs} ms: ${JSON.stringify(outcome.elsewhere)}`);
    await new Promise((r) => setTimeout(r, Math.min(200, Math.max(20, outcome.elsewhere.retryAfterMs))));
  }
}

const welcomed = (outcome: Outcome): TestClient => {
  if (!('welcomed' in outcome)) throw new Error(`not welcomed: ${JSON.stringify(outcome)}`);
  return outcome.welcomed;
};

/** Make the node's leases lapse now, as if it had stalled past its lease time without a heartbeat. */
async function lapse(url: string, node: Node): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("UPDATE nodes SET expires_at = clock_timestamp() - interval '1 second' WHERE id = $1", [node.leases.nodeId]);
  await client.end();
}

/** Whether a drill's lease row names no holder: the release is in the database, not only in the node's memory. */
async function unheld(url: string, drillId: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ holder: string | null }>('SELECT holder FROM leases WHERE drill_id = $1', [drillId]);
  await client.end();
  return rows[0]?.holder === null;
}

describeWithPostgres('LEASE: drills owned by lease across nodes', () => {
  it('LEASE3 any node creates a drill; the node its first connection reaches takes it, and another node refuses a connection with DRILL_ELSEWHERE and a wait', async () => {
    const url = await freshSchema();
    const time = new ManualTime();
    const a = await startNode(url, time, 'a', { ttlMs: 60_000, heartbeatMs: 0 });
    const b = await startNode(url, time, 'b', { ttlMs: 60_000, heartbeatMs: 0 });
    const d = await createDrill(a.server);
    expect(a.leases.heldDrills()).toEqual([]);
    const fac = welcomed(await attempt(b.server, d.seat('facilitator').token));
    expect(b.leases.heldDrills()).toEqual([d.drillId]);
    const refused = await attempt(a.server, d.seat('ic').token);
    expect(refused).toEqual({ elsewhere: { code: 'DRILL_ELSEWHERE', drillId: d.drillId, retryAfterMs: expect.any(Number) } });
    const wait = 'elsewhere' in refused ? refused.elsewhere.retryAfterMs : -1;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(a.server.app.registry.peek(d.drillId)).toBeNull();
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
  });

  it('LEASE5 the node holding a drill hands it over when another node receives its connections: it closes its own, gives the lease back, and nothing is lost', async () => {
    const url = await freshSchema();
    const time = new ManualTime();
    const a = await startNode(url, time, 'a', { ttlMs: 60_000, heartbeatMs: 0 });
    const b = await startNode(url, time, 'b', { ttlMs: 60_000, heartbeatMs: 0 });
    const d = await createDrill(a.server);
    const fac = welcomed(await attempt(a.server, d.seat('facilitator').token));
    const scribe = welcomed(await attempt(a.server, d.seat('scribe').token));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    expect(await scribe.send({ type: 'timeline.add', text: 'before the move' })).toMatchObject({ ok: true });
    // The proxy now sends the drill's connections to B (say A was marked down for a moment).
    expect(await attempt(b.server, d.seat('ic').token)).toMatchObject({ elsewhere: { drillId: d.drillId } });
    const closed = new Promise<string>((resolve) => fac.socket.once('disconnect', (reason) => resolve(reason)));
    await a.leases.heartbeat();
    // A closes the transport (not a socket.io disconnect), so a real client reconnects by itself.
    expect(await closed).toBe('transport close');
    await joinEventually(b.server, d.seat('ic').token);
    expect(b.leases.heldDrills()).toEqual([d.drillId]);
    expect(a.leases.heldDrills()).toEqual([]);
    expect(a.server.app.registry.peek(d.drillId)).toBeNull();
    const facBack = await joinEventually(b.server, d.seat('facilitator').token, fac.lastSeq());
    const scribeBack = await joinEventually(b.server, d.seat('scribe').token, scribe.lastSeq());
    expect(await scribeBack.send({ type: 'timeline.add', text: 'after the move' })).toMatchObject({ ok: true });
    const log = await b.server.store.entries(d.drillId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i));
    expect(log.filter((e) => e.event.type === 'timeline.added').map((e) => (e.event as { text: string }).text)).toEqual(['before the move', 'after the move']);
    await until(() => facBack.lastSeq() === log.at(-1)?.seq, 'the facilitator caught up on B');
  });

  it('LEASE4 a node whose lease lapsed and was taken cannot write to the drill (its token is refused, nothing of it is written), and lets it go at its next heartbeat', async () => {
    const url = await freshSchema();
    const time = new ManualTime();
    const a = await startNode(url, time, 'a', { ttlMs: 60_000, heartbeatMs: 0 });
    const b = await startNode(url, time, 'b', { ttlMs: 60_000, heartbeatMs: 0 });
    const d = await createDrill(a.server);
    const fac = welcomed(await attempt(a.server, d.seat('facilitator').token));
    const scribe = welcomed(await attempt(a.server, d.seat('scribe').token));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    await lapse(url, a);
    // B takes the drill over (A has not noticed: it has not had a heartbeat since).
    const ic = welcomed(await attempt(b.server, d.seat('ic').token));
    const before = (await b.server.store.entries(d.drillId)).length;
    // A still runs its room, and decides the command, but the database refuses A's token.
    const stale = await scribe.send({ type: 'timeline.add', text: 'written by a node that lost the drill' });
    expect(stale).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect((await b.server.store.entries(d.drillId)).length).toBe(before);
    const closed = new Promise<string>((resolve) => scribe.socket.once('disconnect', (reason) => resolve(reason)));
    await a.leases.heartbeat();
    expect(await closed).toBe('transport close');
    expect(a.server.app.registry.peek(d.drillId)).toBeNull();
    expect(await ic.send({ type: 'timeline.add', text: 'on B' })).toMatchObject({ ok: true });
    const log = await b.server.store.entries(d.drillId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i));
    expect(log.filter((e) => e.event.type === 'timeline.added').map((e) => (e.event as { text: string }).text)).toEqual(['on B']);
  });

  it('LEASE1 a node that stops renewing loses its drills within its lease time, and the node their connections reach then takes them', async () => {
    const url = await freshSchema();
    const time = new ManualTime();
    const ttlMs = 1_500;
    const a = await startNode(url, time, 'a', { ttlMs });
    const b = await startNode(url, time, 'b', { ttlMs });
    const d = await createDrill(a.server);
    welcomed(await attempt(a.server, d.seat('facilitator').token));
    // A keeps renewing: well past its lease time, B is still refused.
    await new Promise((r) => setTimeout(r, 2 * ttlMs));
    expect(await attempt(b.server, d.seat('ic').token)).toMatchObject({ elsewhere: { drillId: d.drillId } });
    // A stops renewing (as if it had died): B is told to come back within the lease time, and then takes it.
    await a.leases.halt();
    const first = await attempt(b.server, d.seat('ic').token);
    if ('elsewhere' in first) expect(first.elsewhere.retryAfterMs).toBeLessThanOrEqual(ttlMs);
    else welcomed(first);
    await joinEventually(b.server, d.seat('ic').token);
    expect(b.leases.heldDrills()).toEqual([d.drillId]);
  });

  it('LEASE6 a running drill taken over after its node died processes what fell due meanwhile exactly once', async () => {
    const url = await freshSchema();
    const time = new ManualTime();
    const a = await startNode(url, time, 'a', { ttlMs: 1_500 });
    const b = await startNode(url, time, 'b', { ttlMs: 1_500 });
    const scenario = { ...FIXTURE, injects: [...FIXTURE.injects.filter((i) => i.id !== 'followup'), { id: 'followup', title: 'Follow-up', body: 'Egress continues.', delivery: { at: 2 } }] };
    const d = await createDrill(a.server, { scenarioText: JSON.stringify(scenario), fileName: 'lease.json', scenarioId: undefined });
    const fac = welcomed(await attempt(a.server, d.seat('facilitator').token));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    time.advance(60_000);
    const delivered = async () => (await b.server.store.entries(d.drillId)).filter((e) => e.event.type === 'inject.delivered' && e.event.injectId === 'followup').length;
    expect(await delivered()).toBe(0);
    // A dies: no more heartbeats, its clock stops, nothing is given back.
    await a.leases.halt();
    await a.server.close();
    // Minute 2 falls due while no node runs the drill.
    time.advance(90_000);
    const back = await joinEventually(b.server, d.seat('facilitator').token, fac.lastSeq());
    await until(() => back.entries.some((e) => e.event.type === 'inject.delivered' && e.event.injectId === 'followup'), 'the overdue inject reaches the facilitator on B');
    expect(await delivered()).toBe(1);
    // Later minutes do not fire it again.
    time.advance(120_000);
    await until(() => (b.server.app.registry.peek(d.drillId)?.state.clock ?? 0) >= 4 * 60_000, 'B ran the clock on to minute 4');
    expect(await delivered()).toBe(1);
    const log = await b.server.store.entries(d.drillId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i));
  });

  it('LEASE7 an ended drill nobody has open is let go of with its lease, so any node takes it at once when a seat returns', async () => {
    const url = await freshSchema();
    const time = new ManualTime();
    const a = await startNode(url, time, 'a', { ttlMs: 60_000, heartbeatMs: 0 });
    const b = await startNode(url, time, 'b', { ttlMs: 60_000, heartbeatMs: 0 });
    const d = await createDrill(a.server);
    const fac = welcomed(await attempt(a.server, d.seat('facilitator').token));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    expect(await fac.send({ type: 'drill.end', reason: 'debrief' })).toMatchObject({ ok: true });
    fac.close();
    await until(() => a.server.app.io.of('/').sockets.size === 0, 'the facilitator gone');
    time.advance(ENDED_DRILL_IDLE_MS);
    await until(() => a.leases.heldDrills().length === 0, 'A gave the lease back');
    // A forgets the lease before its release reaches the database; B asks the database.
    await until(() => unheld(url, d.drillId), 'the lease released in the database');
    expect(a.server.app.registry.peek(d.drillId)).toBeNull();
    const back = welcomed(await attempt(b.server, d.seat('facilitator').token));
    expect(back.welcome?.view?.lifecycle).toBe('ended');
  });
});
