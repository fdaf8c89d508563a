import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as pathJoin } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { createDrill, tempDb, tracked, type TestServer } from './harness.ts';

const { server, client } = tracked();
const post = (s: TestServer, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${s.url}/api/drills`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('HTTP: API', () => {
  it('HTTP1 health and the bundled scenario list', async () => {
    const s = await server();
    expect(await (await fetch(`${s.url}/healthz`)).json()).toMatchObject({ ok: true });
    const list = (await (await fetch(`${s.url}/api/scenarios`)).json()) as { data: Record<string, unknown>[] };
    expect(list.data.map((d) => d.id)).toEqual(expect.arrayContaining(['exfiltration-detected', 'reporter-leak']));
    for (const d of list.data) for (const key of ['id', 'title', 'brief', 'difficulty', 'durationMinutes']) expect(d, String(d.id)).toHaveProperty(key);
  });

  it('HTTP2 creating a drill returns the facilitator token and a link and token per seat', async () => {
    const s = await server();
    const res = await post(s, { scenarioId: 'reporter-leak', seed: 'abc', speed: 3, smeCount: 2 });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { data: { drillId: string; facilitatorToken: string; seed: string; seats: { seat: string; role: string; token: string; link: string }[] } };
    expect(body.data.seats.map((x) => x.seat)).toEqual(['facilitator', 'ic', 'deputy', 'scribe', 'sme-1', 'sme-2', 'observer-1']);
    expect(body.data.facilitatorToken).toBe(body.data.seats[0]?.token);
    for (const seat of body.data.seats) {
      expect(seat.token).toMatch(new RegExp(`^${body.data.drillId}\\.[A-Za-z0-9_-]{32}$`));
      expect(seat.link).toBe(`${s.url}/?join=${seat.token}`);
    }
    expect(body.data.seed).toBe('abc');
    expect(s.app.registry.peek(body.data.drillId)?.state.speed).toBe(3);
    // Only hashes are stored: no token appears anywhere in the store.
    const stored = JSON.stringify(s.store.seats(body.data.drillId));
    for (const seat of body.data.seats) expect(stored).not.toContain(seat.token);
  });

  it('HTTP3 an invalid upload is refused with file:line: path: message lines', async () => {
    const s = await server();
    const res = await post(s, { scenarioText: 'formatVersion: 1\nid: Bad Id\nversion: x\n', fileName: 'mine.yaml' });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; problems: string[] } };
    expect(body.error.code).toBe('INVALID_SCENARIO');
    expect(body.error.problems.length).toBeGreaterThan(0);
    for (const line of body.error.problems) expect(line).toMatch(/^mine\.yaml:\d+: [^:]*: .+/);
    expect(body.error.problems.some((l) => l.startsWith('mine.yaml:2: id:'))).toBe(true);
  });

  it('HTTP4 bad creation requests name what is wrong', async () => {
    const s = await server();
    const speed = (await (await post(s, { scenarioId: 'reporter-leak', speed: 11 })).json()) as { error: { message: string } };
    expect(speed.error.message).toMatch(/^speed: /);
    const unknown = await post(s, { scenarioId: 'no-such-scenario' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain('reporter-leak');
    const notJson = await fetch(`${s.url}/api/drills`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
  });

  it('HTTP5 past drills are listed for the host key or a facilitator token, never for a player token', async () => {
    const s = await server();
    const a = await createDrill(s);
    const b = await createDrill(s, { hostKey: a.hostKey });
    const other = await createDrill(s);
    const ids = async (auth: Record<string, string>, query = '') => {
      const res = await fetch(`${s.url}/api/drills${query}`, { headers: auth });
      return res.status === 200 ? ((await res.json()) as { data: { drillId: string }[] }).data.map((d) => d.drillId) : res.status;
    };
    expect(await ids({ authorization: `Bearer ${a.hostKey}` })).toEqual(expect.arrayContaining([a.drillId, b.drillId]));
    expect(await ids({ authorization: `Bearer ${a.hostKey}` })).not.toContain(other.drillId);
    expect(await ids({}, `?token=${b.facilitatorToken}`)).toEqual(expect.arrayContaining([a.drillId, b.drillId]));
    expect(await ids({}, `?token=${a.seat('ic').token}`)).toBe(401);
    expect(await ids({})).toBe(401);
    // Each drill names its scenario the way the drill knew it, in every language it has.
    const listed = (await (await fetch(`${s.url}/api/drills`, { headers: { authorization: `Bearer ${a.hostKey}` } })).json()) as { data: { scenarioTitle: Record<string, string> | null }[] };
    for (const d of listed.data) expect(d.scenarioTitle?.en).toMatch(/\S/);
  });

  it('HTTP5 the past-drills list carries the total of ended drills only, equal to the report', async () => {
    const s = await server();
    const running = await createDrill(s);
    const ended = await createDrill(s, { hostKey: running.hostKey });
    const fac = await client(s, ended.seat('facilitator'));
    await fac.send({ type: 'drill.start' });
    await fac.send({ type: 'drill.end', reason: 'done' });
    const list = (await (await fetch(`${s.url}/api/drills`, { headers: { authorization: `Bearer ${running.hostKey}` } })).json()) as { data: { drillId: string; lifecycle: string; score: number | null }[] };
    const byId = new Map(list.data.map((d) => [d.drillId, d]));
    expect(byId.get(running.drillId)?.score).toBeNull();
    const report = (await (await fetch(`${s.url}/drills/${ended.drillId}/report.json`, { headers: { authorization: `Bearer ${ended.facilitatorToken}` } })).json()) as { score: { total: number } };
    expect(byId.get(ended.drillId)).toMatchObject({ lifecycle: 'ended', score: report.score.total });
  });

  it('HTTP5 listing past drills does not bring them live: after a restart they are summarised from their logs and left on disk', async () => {
    const db = tempDb();
    const first = await server({ store: new SqliteStore(db) });
    const briefing = await createDrill(first);
    const ended = await createDrill(first, { hostKey: briefing.hostKey });
    const fac = await client(first, ended.seat('facilitator'));
    await fac.send({ type: 'drill.start' });
    await fac.send({ type: 'drill.end', reason: 'done' });
    const before = (await (await fetch(`${first.url}/api/drills`, { headers: { authorization: `Bearer ${briefing.hostKey}` } })).json()) as { data: unknown[] };
    fac.close();
    await first.close();
    const second = await server({ store: new SqliteStore(db) });
    const list = async () => (await (await fetch(`${second.url}/api/drills`, { headers: { authorization: `Bearer ${briefing.hostKey}` } })).json()) as { data: { drillId: string; lifecycle: string; events: number; score: number | null }[] };
    const after = await list();
    expect(second.app.registry.live()).toHaveLength(0);
    expect(after.data).toEqual(before.data);
    expect(after.data.find((d) => d.drillId === briefing.drillId)).toMatchObject({ lifecycle: 'briefing', events: 1, score: null });
    expect(after.data.find((d) => d.drillId === ended.drillId)?.lifecycle).toBe('ended');
    expect((await list()).data).toEqual(after.data);
  });

  it('HTTP6 reports: facilitator only while running, any participant once ended; the log is facilitator only', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    await fac.send({ type: 'drill.start' });
    const get = (path: string, token: string) => fetch(`${s.url}/drills/${d.drillId}/${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await get('report.json', d.seat('ic').token)).status).toBe(403);
    expect((await get('report.json', d.facilitatorToken)).status).toBe(200);
    expect((await get('report.json', 'forged-token-forged-token')).status).toBe(401);
    expect((await get('events.jsonl', d.seat('ic').token)).status).toBe(403);
    const other = await createDrill(s);
    expect((await get('report.json', other.facilitatorToken)).status).toBe(401);
    await fac.send({ type: 'drill.end', reason: 'done' });
    const md = await get('report.md', d.seat('observer-1').token);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    const html = await get('report.html', d.seat('ic').token);
    expect(html.headers.get('content-type')).toContain('text/html');
    const log = await get('events.jsonl', d.facilitatorToken);
    expect(log.headers.get('content-type')).toContain('application/x-ndjson');
    const seqs = (await log.text()).trim().split('\n').map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(seqs).toEqual(s.store.entries(d.drillId).map((e) => e.seq));
  });
});

describe('HTTP: the built client', () => {
  function builtClient(): string {
    const dir = mkdtempSync(pathJoin(tmpdir(), 'ttx-static-'));
    mkdirSync(pathJoin(dir, 'assets'));
    writeFileSync(pathJoin(dir, 'index.html'), '<!doctype html><title>ttx</title>');
    writeFileSync(pathJoin(dir, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(pathJoin(dir, 'assets', 'app-1234.css'), 'body{}');
    return dir;
  }

  it('HTTP7 serves index.html and assets with the right types, falls back for pages, 404s missing assets', async () => {
    const s = await server({ staticDir: builtClient() });
    const index = await fetch(`${s.url}/`);
    expect(index.headers.get('content-type')).toMatch(/^text\/html; ?charset=utf-8$/);
    expect(await index.text()).toContain('<title>ttx</title>');
    const js = await fetch(`${s.url}/assets/app-1234.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${s.url}/assets/app-1234.css`)).headers.get('content-type')).toMatch(/^text\/css/);
    const deep = await fetch(`${s.url}/some/client/route`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<title>ttx</title>');
    expect((await fetch(`${s.url}/assets/gone-0000.js`)).status).toBe(404);
    expect((await fetch(`${s.url}/%E0%A4%A`)).status).toBe(400);
    const traversal = await fetch(`${s.url}/..%2f..%2fetc%2fpasswd`);
    expect(await traversal.text()).not.toContain('root:');
    expect((await fetch(`${s.url}/api/nothing`)).status).toBe(404);
  });
});
