import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { drillOfToken, PROTOCOL_VERSION } from '../../shared/protocol/index.ts';
import { FIXTURE } from '../engine/fixture.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import { redactEntryFor } from '../../shared/engine/view.ts';
import type { LogEntry } from '../../shared/engine/index.ts';
import { TestClient, tempDb, until, type ClientSocket } from './harness.ts';

/*
 * Crash safety with a real process: SIGKILL the server in the middle of a burst of commands, restart
 * it on the same database, and check that nothing acknowledged was lost, seqs have no gaps or
 * duplicates, the inject that fell due while it was down fired exactly once, and clients resync.
 */

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

function startChild(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--dev'], { env: { ...process.env, PORT: '0', TTX_DB: db }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      // The server logs JSON lines; the one that says it is serving carries its port.
      const port = /"port":(\d+)[^\n]*"msg":"serving"/.exec(out)?.[1];
      if (port) resolve({ child, url: `http://127.0.0.1:${port}` });
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
}

async function joinUrl(url: string, token: string, lastSeq?: number): Promise<TestClient> {
  const socket: ClientSocket = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false, query: { drill: drillOfToken(token) ?? '' }, auth: { token, protocolVersion: PROTOCOL_VERSION, ...(lastSeq !== undefined ? { lastSeq } : {}) } });
  const client = new TestClient(socket, 'x');
  await new Promise<void>((resolve, reject) => {
    socket.once('drill:welcomed', () => resolve());
    socket.once('connect_error', reject);
  });
  return client;
}

describe('CRASH: SIGKILL mid-drill', () => {
  it('CRASH1 no acknowledged event is lost, no gaps or duplicates, overdue injects fire once, clients resync', { timeout: 60_000 }, async () => {
    const db = tempDb();
    let server = await startChild(db);
    // A scenario whose second inject falls due one game minute in (6 s of wall time at 10×).
    const scenario = { ...FIXTURE, injects: [...FIXTURE.injects.filter((i) => i.id !== 'followup'), { id: 'followup', title: 'Follow-up', body: 'Egress continues.', delivery: { at: 1 } }] };
    const res = await fetch(`${server.url}/api/drills`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioText: JSON.stringify(scenario), fileName: 'crash.json', seed: '3', speed: 10 }) });
    const created = (await res.json()) as { data: { drillId: string; seats: { seat: string; token: string }[] } };
    const token = (seat: string) => created.data.seats.find((s) => s.seat === seat)?.token ?? '';
    const fac = await joinUrl(server.url, token('facilitator'));
    const scribe = await joinUrl(server.url, token('scribe'));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    const startedAt = Date.now();
    const first = server.child;

    // Fire a burst of timeline entries and kill the server while they are in flight.
    const acked = new Set<string>();
    const sends: Promise<void>[] = [];
    for (let i = 0; i < 200; i++) {
      const text = `entry-${i}`;
      sends.push(
        scribe.send({ type: 'timeline.add', text }).then((r) => {
          if (r.ok) acked.add(text);
          if (acked.size === 20) first.kill('SIGKILL');
        }),
      );
    }
    await Promise.all(sends);
    await until(() => first.exitCode !== null || first.signalCode !== null, 'the first server is dead');
    expect(first.signalCode).toBe('SIGKILL');
    const seenBefore = scribe.lastSeq();
    fac.close();
    scribe.close();
    expect(acked.size).toBeGreaterThan(0);

    // Stay down past the minute-1 deadline, then restart on the same database.
    await until(() => Date.now() - startedAt > 7_000, 'the minute-1 deadline passes while the server is down', 15_000);
    server = await startChild(db);
    const back = await joinUrl(server.url, token('scribe'), seenBefore);
    const facBack = await joinUrl(server.url, token('facilitator'));
    const res2 = await fetch(`${server.url}/drills/${created.data.drillId}/events.jsonl?token=${token('facilitator')}`);
    const log = (await res2.text()).trim().split('\n').map((l) => JSON.parse(l) as { seq: number; event: { type: string; text?: string; injectId?: string } });

    const seqs = log.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i));
    const logged = log.filter((e) => e.event.type === 'timeline.added').map((e) => e.event.text ?? '');
    for (const text of acked) expect(logged, `acknowledged ${text} is in the log`).toContain(text);
    expect(new Set(logged).size).toBe(logged.length);
    expect(log.filter((e) => e.event.type === 'inject.delivered' && e.event.injectId === 'followup')).toHaveLength(1);
    // The scribe catches up on exactly the entries after its last seq that a scribe may see.
    const loaded = loadScenario(JSON.stringify(scenario), 'crash.json');
    if (!loaded.ok) throw new Error('the crash scenario loads');
    const { compiled } = loaded;
    const scribeSeat = { seat: 'scribe', role: 'scribe' } as const;
    const visibleAfter = (log as unknown as LogEntry[]).filter((e) => e.seq > seenBefore && redactEntryFor(compiled, e, scribeSeat) !== null).map((e) => e.seq);
    const missedSeqs = (back.welcome?.missed ?? []).map((e) => e.seq);
    expect(missedSeqs).toEqual(visibleAfter);
    expect(facBack.welcome?.view?.seq).toBe(seqs.at(-1));
    console.log(`crash: ${acked.size} of 200 commands acknowledged before SIGKILL, all in the log; ${logged.length - acked.size} more were committed but never acknowledged; ${seqs.length} events, no gaps`);
    back.close();
    facBack.close();
  });
});
