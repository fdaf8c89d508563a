import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, recordingLogger } from '../../server/log.ts';
import { buildServer } from '../../server/tools/build-server.ts';
import { MemoryStore } from '../../server/store/memory.ts';
import type { CommitItem, CommitRefusals, EventStore } from '../../server/store/types.ts';
import { createDrill, join, metricValue, tracked, until } from './harness.ts';

/* What an operator runs the server with: structured logs and a Prometheus /metrics endpoint. */

const { server, client } = tracked();

/** A logger writing into an array of parsed JSON lines. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines, raw };
}

describe('OPS: logs', () => {
  it('OPS1 server logs are one JSON object a line with a level and a time; security events are structured and carry no token or body', async () => {
    const { log, lines, raw } = capturedLogger();
    const s = await server({ log });
    const d = await createDrill(s);
    const ic = await client(s, d.seat('ic'));
    await ic.send({ type: 'drill.end', reason: 'SECRET-BODY' });
    await expect(join(s, { role: 'ic', seat: 'ic', token: `${d.seat('ic').token}x` })).rejects.toThrow(/not valid/);
    log.error('a failure the server survived', new Error('boom'), { drill: d.drillId });
    await until(() => lines.length >= 3, 'three log lines');
    for (const line of lines) expect(line).toMatchObject({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) });
    const security = lines.filter((l) => l.event === 'security');
    expect(security.map((l) => l.kind)).toEqual(expect.arrayContaining(['forbidden', 'bad-token']));
    expect(security.every((l) => l.level === 'warn')).toBe(true);
    expect(security.find((l) => l.kind === 'forbidden')).toMatchObject({ drill: d.drillId, seat: 'ic', command: 'drill.end' });
    const failure = lines.find((l) => l.msg === 'a failure the server survived') as { level: string; err: { message: string; stack: string } };
    expect(failure.level).toBe('error');
    expect(failure.err.message).toBe('boom');
    for (const line of raw) {
      expect(line).not.toContain('SECRET-BODY');
      for (const seat of d.seats) expect(line).not.toContain(seat.token);
    }
  });
});

/** A memory store whose commits wait until released. */
function heldStore(): { store: MemoryStore; release: () => void; held: () => number } {
  const store = new MemoryStore();
  const commitNow = store.commit.bind(store);
  const waiting: (() => void)[] = [];
  const held: EventStore = store;
  held.commit = (items: CommitItem[]) => new Promise<CommitRefusals>((resolve) => waiting.push(() => resolve(commitNow(items))));
  return { store, release: () => waiting.splice(0).forEach((f) => f()), held: () => waiting.length };
}

describe('OPS: metrics', () => {
  it('OPS2 `GET /metrics` gives live drills, connected seats, commands by outcome, commit latency, shed commands and event-loop lag', async () => {
    const { store, release, held } = heldStore();
    const s = await server({ store, maxCommandsInFlight: 1 });
    const d = await createDrill(s);
    await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const scribe = await client(s, d.seat('scribe'));
    const starting = fac.send({ type: 'drill.start' });
    await until(() => held() === 1, 'the start is at the disk');
    expect(await scribe.socket.emitWithAck('drill:command', { command: { type: 'timeline.add', text: 'shed' }, idempotencyKey: 'scribe-shed-1' })).toMatchObject({ ok: false, error: { code: 'OVERLOADED' } });
    release();
    expect((await starting).ok).toBe(true);
    const observer = await client(s, d.seat('observer-1'));
    expect(await observer.socket.emitWithAck('drill:command', { command: { type: 'drill.pause' }, idempotencyKey: 'observer-pause-1' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const res = await fetch(`${s.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const name of ['ttx_drills_live', 'ttx_seats_connected', 'ttx_commands_total', 'ttx_command_duration_seconds_bucket', 'ttx_commit_duration_seconds_bucket', 'ttx_commands_shed_total', 'ttx_event_loop_lag_seconds_bucket', 'nodejs_eventloop_lag_p99_seconds', 'process_resident_memory_bytes']) {
      expect(text, name).toMatch(new RegExp(`^${name}[{ ]`, 'm'));
    }
    expect(await metricValue(s.app, 'ttx_drills_live', { lifecycle: 'running' })).toBe(1);
    expect(await metricValue(s.app, 'ttx_drills_live', { lifecycle: 'briefing' })).toBe(1);
    expect(await metricValue(s.app, 'ttx_seats_connected')).toBe(3);
    expect(await metricValue(s.app, 'ttx_commands_total', { outcome: 'ok' })).toBe(1);
    expect(await metricValue(s.app, 'ttx_commands_total', { outcome: 'OVERLOADED' })).toBe(1);
    expect(await metricValue(s.app, 'ttx_commands_total', { outcome: 'FORBIDDEN' })).toBe(1);
    expect(await metricValue(s.app, 'ttx_commands_shed_total', { signal: 'in_flight' })).toBe(1);
    expect(await metricValue(s.app, 'ttx_commit_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(await metricValue(s.app, 'ttx_security_events_total', { kind: 'forbidden' })).toBe(1);
  });

  it('OPS7 with a metrics token set, `GET /metrics` needs it: without it or with another the answer is 401 and a security event, with it the metrics', async () => {
    const log = recordingLogger();
    const s = await server({ metricsToken: 'a long random metrics token', log });
    const without = await fetch(`${s.url}/metrics`);
    expect(without.status).toBe(401);
    expect(await without.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/TTX_METRICS_TOKEN/) } });
    expect((await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer a guess' } })).status).toBe(401);
    expect(log.events.filter((e) => e.kind === 'bad-token' && e.details.path === '/metrics')).toHaveLength(2);
    const allowed = await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer a long random metrics token' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toMatch(/^# TYPE ttx_drills_live gauge$/m);
    // Health stays open: a load balancer asks it without credentials.
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });
});

describe('OPS: the product build', () => {
  it('OPS4 `npm run build` builds the client and the server only: no benchmark target is in it', async () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toBe('vite build && node --import tsx server/tools/build-server.ts');
    expect(readFileSync('server/tools/build-server.ts', 'utf8')).not.toMatch(/test\/|bench/);
    const main = await buildServer();
    const built = readdirSync(dirname(main));
    expect(built).toEqual(expect.arrayContaining(['main.mjs', 'sqlite-writer.mjs']));
    expect(built.filter((f) => /bench|floor/.test(f))).toEqual([]);
  });

});
