import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../shared/engine/types.ts';
import { createDrill, join, startServer, take, until, wholeState, type TestClient, type TestServer } from './harness.ts';

/*
 * Each authorization rule: the forbidden message is refused with a typed error and the drill's
 * state (and log) is unchanged.
 */

let server: TestServer;
let drill: Awaited<ReturnType<typeof createDrill>>;
const c: Record<string, TestClient> = {};

beforeAll(async () => {
  server = await startServer();
  drill = await createDrill(server);
  for (const seat of ['facilitator', 'ic', 'deputy', 'scribe', 'sme-1', 'observer-1']) c[seat] = await join(server, drill.seat(seat));
  await c.facilitator?.send({ type: 'drill.start' });
});
afterAll(async () => {
  for (const client of Object.values(c)) client.close();
  await server.close();
});

const room = () => server.app.registry.peek(drill.drillId);
async function refused(seat: string, command: Command, code: string) {
  const before = JSON.stringify(room()?.state);
  const logBefore = server.store.lastSeq(drill.drillId);
  const result = await c[seat]?.send(command);
  expect(result).toMatchObject({ ok: false, error: { code } });
  expect(JSON.stringify(room()?.state)).toBe(before);
  expect(server.store.lastSeq(drill.drillId)).toBe(logBefore);
}

describe('AUTH: only the right seat may do each thing', () => {
  it('AUTH1 only the facilitator starts, pauses, resumes, changes speed, ends, injects and notes', async () => {
    const facilitatorOnly: Command[] = [
      { type: 'drill.pause' },
      { type: 'drill.resume' },
      { type: 'drill.setSpeed', speed: 5 },
      { type: 'drill.end', reason: 'mutiny' },
      { type: 'inject.push', injectId: 'exec-update' },
      { type: 'inject.adhoc', title: 'fake', body: 'fake', audience: 'all' },
      { type: 'facilitator.note', text: 'x' },
    ];
    for (const seat of ['ic', 'deputy', 'scribe', 'sme-1']) for (const command of facilitatorOnly) await refused(seat, command, 'FORBIDDEN');
  });
  it('AUTH2 observers never write', async () => {
    await refused('observer-1', take('page-ic'), 'FORBIDDEN');
    await refused('observer-1', { type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: '', body: 'hi', encrypted: false } }, 'FORBIDDEN');
    await refused('observer-1', { type: 'drill.pause' }, 'FORBIDDEN');
  });
  it('AUTH3 a player acts only in its own role', async () => {
    await refused('scribe', take('capture-memory', 'app-1'), 'FORBIDDEN');
    await refused('deputy', take('approve-disclosure'), 'FORBIDDEN');
    await refused('sme-1', take('close-incident'), 'FORBIDDEN');
  });
  it('AUTH4 the facilitator does not play', async () => {
    await refused('facilitator', take('page-ic'), 'FORBIDDEN');
  });
  it('AUTH5 nobody ticks the clock over the socket', async () => {
    await refused('facilitator', { type: 'clock.tick' }, 'FORBIDDEN');
    await refused('ic', { type: 'clock.tick' }, 'FORBIDDEN');
  });
  it('AUTH6 malformed payloads are refused as BAD_REQUEST', async () => {
    const before = server.store.lastSeq(drill.drillId);
    const socket = c.ic?.socket;
    const bad = await socket?.timeout(5000).emitWithAck('drill:command', { command: { type: 'action.take', action: 'page-ic', extra: '__proto__' }, idempotencyKey: 'abcdefgh1' } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const noKey = await socket?.timeout(5000).emitWithAck('drill:command', { command: take('page-ic') } as never);
    expect(noKey).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('idempotencyKey') } });
    expect(server.store.lastSeq(drill.drillId)).toBe(before);
  });
  it('AUTH7 a stale expectedSeq is refused; the right one is accepted', async () => {
    const seq = room()?.state.seq ?? 0;
    const stale = await c.deputy?.send(take('start-bridge'), { expectedSeq: seq - 1 });
    expect(stale).toMatchObject({ ok: false, error: { code: 'STALE' } });
    const fresh = await c.deputy?.send(take('start-bridge'), { expectedSeq: room()?.state.seq ?? 0 });
    expect(fresh).toMatchObject({ ok: true });
  });
  it('AUTH8 a retried idempotency key is applied once and answered the same', async () => {
    const before = server.store.lastSeq(drill.drillId);
    const first = await c.scribe?.send({ type: 'timeline.add', text: 'once' }, { idempotencyKey: 'retry-key-0001' });
    const again = await c.scribe?.send({ type: 'timeline.add', text: 'once' }, { idempotencyKey: 'retry-key-0001' });
    expect(again).toEqual(first);
    expect(server.store.lastSeq(drill.drillId)).toBe(before + 1);
    expect((await wholeState(server, drill.drillId)).timeline.filter((t) => t.text === 'once')).toHaveLength(1);
  });
  it('AUTH9 engine refusals come back typed and change nothing', async () => {
    await refused('sme-1', take('capture-memory', 'mainframe'), 'UNKNOWN_TARGET');
    await refused('ic', take('teleport'), 'UNKNOWN_ACTION');
  });
  it('AUTH10 bad tokens, wrong protocol versions and foreign origins are turned away', async () => {
    await expect(join(server, { role: 'ic', seat: 'ic', token: 'not-a-real-token-at-all' })).rejects.toThrow(/not valid/);
    await expect(join(server, drill.seat('ic'), { protocolVersion: 99 })).rejects.toThrow(/protocol version 99/);
    const res = await fetch(`${server.url}/api/drills`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(403);
  });
  it('AUTH10 a WebSocket upgrade from a foreign origin is answered 400 with the reason before the connection closes', async () => {
    // A raw connection, to see the bytes: the socket.io client reports only "websocket error".
    // engine.io writes this answer and destroys the socket at once, so nothing may hold the write back.
    const raw = connect(Number(new URL(server.url).port), '127.0.0.1');
    let received = '';
    raw.on('data', (d) => (received += d.toString('latin1')));
    const closed = new Promise((resolve) => raw.on('close', resolve));
    raw.write('GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: https://evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
    await closed;
    expect(received).toMatch(/^HTTP\/1\.1 400 /);
    expect(received).toContain('origin not allowed');
  });
  it('AUTH11 a rate-limited socket gets a clear error', async () => {
    const limited = await startServer({ rate: { burst: 3, perSecond: 0.001 } });
    try {
      const d = await createDrill(limited);
      const ic = await join(limited, d.seat('ic'));
      const results = [];
      for (let i = 0; i < 5; i++) results.push(await ic.send({ type: 'hint.request' }));
      expect(results.at(-1)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringContaining('slow down') } });
      ic.close();
    } finally {
      await limited.close();
    }
  });
  it('AUTH12 an oversized frame closes that socket only', async () => {
    const victim = await join(server, drill.seat('deputy'));
    let disconnected = false;
    victim.socket.on('disconnect', () => (disconnected = true));
    // Sent without an ack callback on purpose: the server must drop the connection before reading it.
    (victim.socket as unknown as { emit(event: string, payload: unknown): void }).emit('drill:command', { command: { type: 'timeline.add', text: 'x'.repeat(70 * 1024) }, idempotencyKey: 'big-frame-01' });
    await until(() => disconnected, 'oversized frame disconnects');
    expect(await c.ic?.send({ type: 'hint.request' })).toMatchObject({ ok: true });
  });
});
