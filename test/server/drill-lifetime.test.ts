import { describe, expect, it } from 'vitest';
import { isElsewhere } from '../../server/drills/registry.ts';
import { ENDED_DRILL_IDLE_MS } from '../../server/socket/hub.ts';
import { createDrill, tracked, until, type TestServer } from './harness.ts';

/*
 * How long a drill stays in the server's memory. An ended drill nobody is connected to is let go of
 * after ENDED_DRILL_IDLE_MS; its log stays, so its report is still served and a returning seat
 * finds it as it ended. A running drill, or an ended one someone still has open, is kept.
 */

const { server, client } = tracked();

const connected = (s: TestServer) => s.app.io.of('/').sockets.size;

async function reportOf(s: TestServer, drillId: string, token: string): Promise<{ status: number; total?: number }> {
  const res = await fetch(`${s.url}/drills/${drillId}/report.json?token=${token}`);
  if (res.status !== 200) return { status: res.status };
  const body = (await res.json()) as { score: { total: number } };
  return { status: 200, total: body.score.total };
}

/** A drill the facilitator started and ended; with `leave`, nobody is connected to it any more. */
async function endedDrill(s: TestServer, leave = true) {
  const d = await createDrill(s);
  const fac = await client(s, d.seat('facilitator'));
  expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
  expect(await fac.send({ type: 'drill.end', reason: 'debrief' })).toMatchObject({ ok: true });
  if (leave) {
    fac.close();
    await until(() => connected(s) === 0, 'the facilitator gone');
  }
  return d;
}

describe('LIFE: drills in memory', () => {
  it('LIFE1 an ended drill nobody has open is let go of, and its report and final view are still there', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const ic = await client(s, d.seat('ic'));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    expect(await ic.send({ type: 'action.take', action: 'set-codename', detail: 'blue-heron' })).toMatchObject({ ok: true });
    s.time.advance(60_000);
    await until(() => ic.entries.some((e) => e.event.type === 'action.completed'), 'the codename is set');
    expect(await fac.send({ type: 'drill.end', reason: 'debrief' })).toMatchObject({ ok: true });
    const before = await reportOf(s, d.drillId, d.seat('ic').token);
    const finalSeq = fac.lastSeq();
    fac.close();
    ic.close();
    await until(() => connected(s) === 0, 'both seats gone');
    expect(s.app.registry.peek(d.drillId)).not.toBeNull();
    s.time.advance(ENDED_DRILL_IDLE_MS - 1);
    expect(s.app.registry.peek(d.drillId)).not.toBeNull();
    s.time.advance(1);
    expect(s.app.registry.peek(d.drillId)).toBeNull();

    // The report is read from the log, without bringing the room back.
    expect(await reportOf(s, d.drillId, d.seat('ic').token)).toEqual(before);
    expect(s.app.registry.peek(d.drillId)).toBeNull();
    // A seat that comes back finds the drill as it ended.
    const back = await client(s, d.seat('ic'));
    expect(back.welcome?.view?.lifecycle).toBe('ended');
    expect(back.welcome?.view?.seq).toBe(finalSeq);
    expect(back.welcome?.view?.actionsTaken['set-codename']).toBeDefined();
    expect(s.app.registry.peek(d.drillId)).not.toBeNull();
  });

  it('LIFE4 an ended drill brought back by a handshake that never completes is let go of again', async () => {
    const s = await server();
    const d = await endedDrill(s);
    s.time.advance(ENDED_DRILL_IDLE_MS);
    expect(s.app.registry.peek(d.drillId)).toBeNull();
    // What a handshake does with a valid token: the room is rebuilt before the socket connects.
    const opened = await s.app.registry.open(d.drillId);
    expect(opened && !isElsewhere(opened) ? opened.state.lifecycle : null).toBe('ended');
    s.time.advance(ENDED_DRILL_IDLE_MS);
    expect(s.app.registry.peek(d.drillId)).toBeNull();
  });

  it('LIFE2 an ended drill someone still has open is kept, and so is a running drill nobody has open', async () => {
    const s = await server();
    const ended = await endedDrill(s, false);
    const running = await createDrill(s);
    const other = await client(s, running.seat('facilitator'));
    expect(await other.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    other.close();
    await until(() => connected(s) === 1, 'the running drill has nobody connected');
    s.time.advance(ENDED_DRILL_IDLE_MS * 2);
    expect(s.app.registry.peek(ended.drillId)).not.toBeNull();
    expect(s.app.registry.peek(running.drillId)).not.toBeNull();
  });

  it('LIFE3 a seat that comes back within the wait keeps the drill; the wait starts again when it leaves', async () => {
    const s = await server();
    const d = await endedDrill(s);
    s.time.advance(ENDED_DRILL_IDLE_MS - 1000);
    const back = await client(s, d.seat('facilitator'));
    s.time.advance(ENDED_DRILL_IDLE_MS);
    expect(s.app.registry.peek(d.drillId)).not.toBeNull();
    back.close();
    await until(() => connected(s) === 0, 'the facilitator gone again');
    s.time.advance(ENDED_DRILL_IDLE_MS - 1);
    expect(s.app.registry.peek(d.drillId)).not.toBeNull();
    s.time.advance(1);
    expect(s.app.registry.peek(d.drillId)).toBeNull();
  });
});
