import { describe, expect, it } from 'vitest';
import { CREATE_BURST, CREATE_EVERY_MS } from '../../server/http/drill-creation.ts';
import { MAX_WAITING_DRILLS, WAITING_IDLE_MS } from '../../server/drills/waiting-drills.ts';
import { createDrill, metricValue, tracked, type TestServer } from './harness.ts';

/* Who may create drills, how fast, and how many may wait unstarted. */

const { server, client } = tracked();

const post = (s: TestServer, headers: Record<string, string> = {}) =>
  fetch(`${s.url}/api/drills`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ scenarioId: 'exfiltration-detected', seed: '3' }) });
const live = (s: TestServer) => s.app.registry.live().length;

describe('SEC3: the organiser key', () => {
  it('SEC3 with an organiser key configured, creating a drill needs it: 401 without it, 403 with a wrong one', async () => {
    const s = await server({ organiserKey: 'correct horse battery staple' });
    const without = await post(s);
    expect(without.status).toBe(401);
    expect(await without.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringContaining('organiser key') } });
    const wrong = await post(s, { authorization: 'Bearer correct horse battery' });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('organiser key') } });
    expect(live(s)).toBe(0);
    expect((await post(s, { authorization: 'Bearer correct horse battery staple' })).status).toBe(201);
    expect(live(s)).toBe(1);
  });

  it('SEC3 without one configured, anyone who reaches the server may create a drill', async () => {
    const s = await server();
    expect((await post(s)).status).toBe(201);
  });
});

describe('SEC4: creation is rate-limited per address', () => {
  it(`SEC4 an address may create ${CREATE_BURST} drills at once, then one every ${CREATE_EVERY_MS / 1000} s; wrong keys count too`, async () => {
    const s = await server({ creationRate: { burst: CREATE_BURST, everyMs: CREATE_EVERY_MS }, organiserKey: 'k' });
    expect((await post(s, { authorization: 'Bearer guess' })).status).toBe(403);
    for (let i = 1; i < CREATE_BURST; i++) expect((await post(s, { authorization: 'Bearer k' })).status).toBe(201);
    const limited = await post(s, { authorization: 'Bearer k' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe(String(CREATE_EVERY_MS / 1000));
    expect(await limited.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(live(s)).toBe(CREATE_BURST - 1);
    s.time.advance(CREATE_EVERY_MS);
    expect((await post(s, { authorization: 'Bearer k' })).status).toBe(201);
    expect((await post(s, { authorization: 'Bearer k' })).status).toBe(429);
  });
});

describe('SEC5: drills waiting to start', () => {
  it(`SEC5 a waiting drill nobody is connected to is let go of after ${WAITING_IDLE_MS / 60_000} minutes; one with a seat connected, or started, stays`, async () => {
    const s = await server();
    const idle = await createDrill(s);
    const watched = await createDrill(s);
    const started = await createDrill(s);
    await client(s, watched.seat('facilitator'));
    const fac = await client(s, started.seat('facilitator'));
    await fac.send({ type: 'drill.start' });
    fac.close();
    s.time.advance(WAITING_IDLE_MS + 60_000);
    expect(s.app.registry.peek(idle.drillId)).toBeNull();
    expect(s.app.registry.peek(watched.drillId)).not.toBeNull();
    expect(s.app.registry.peek(started.drillId)).not.toBeNull();
    // Let go of, not lost: a seat that comes back rebuilds it from its log.
    const back = await client(s, idle.seat('ic'));
    expect(back.welcome?.drillId).toBe(idle.drillId);
    expect(await metricValue(s.app, 'ttx_drills_live', { lifecycle: 'briefing' })).toBe(2);
  });

  it(`SEC5 past ${MAX_WAITING_DRILLS} waiting drills (here 3), creation lets go of the idle ones, else is refused with 503`, async () => {
    const s = await server({ maxWaitingDrills: 3 });
    // Created between two of the minutely sweeps, so it is the creation that finds them idle.
    s.time.advance(30_000);
    const first = await createDrill(s);
    await createDrill(s);
    await createDrill(s);
    const full = await post(s);
    expect(full.status).toBe(503);
    expect(await full.json()).toMatchObject({ ok: false, error: { code: 'OVERLOADED', message: expect.stringContaining('waiting to start') } });
    // Time passes with a seat connected to the first one only: the other two go idle.
    await client(s, first.seat('facilitator'));
    s.time.advance(WAITING_IDLE_MS + 10_000);
    expect(live(s)).toBe(3);
    expect((await post(s)).status).toBe(201);
    expect(s.app.registry.peek(first.drillId)).not.toBeNull();
    expect(live(s)).toBe(2);
  });
});
