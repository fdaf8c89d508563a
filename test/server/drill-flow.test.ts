import { afterEach, describe, expect, it } from 'vitest';
import { createDrill, join, startServer, take, until, type TestClient, type TestServer } from './harness.ts';

let server: TestServer;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
});
const open = async (...cs: Promise<TestClient>[]) => {
  const list = await Promise.all(cs);
  clients.push(...list);
  return list;
};

describe('NET: a whole drill over real sockets', () => {
  it('NET1 a facilitator and four role clients run a drill from creation to report', async () => {
    server = await startServer();
    const drill = await createDrill(server);
    const [fac, ic, deputy, scribe, sme, sme2, sme3] = await open(...['facilitator', 'ic', 'deputy', 'scribe', 'sme-1', 'sme-2', 'sme-3'].map((s) => join(server, drill.seat(s))));
    if (!fac || !ic || !deputy || !scribe || !sme || !sme2 || !sme3) throw new Error('clients');
    expect(fac.welcome?.presence.filter((p) => p.connected).length).toBeGreaterThanOrEqual(1);

    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    await until(() => sme.entries.some((e) => e.event.type === 'inject.delivered'), 'first inject reaches the SME');
    expect(await deputy.send(take('page-ic'))).toMatchObject({ ok: true });
    // The deputy is busy paging: work takes a person's time.
    expect(await deputy.send(take('open-private-channel'))).toMatchObject({ ok: false, error: { code: 'BUSY' } });
    server.time.advance(2 * 60_000);
    await until(() => ic.view?.facts.icPaged !== undefined, 'the page completes');
    expect(await ic.send(take('set-codename', undefined, 'sapphire-unicorn'))).toMatchObject({ ok: true });
    expect(await deputy.send(take('open-private-channel'))).toMatchObject({ ok: true });
    expect(await ic.send({ type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: 'Attorney Work Product', body: 'sapphire-unicorn: capture evidence first', encrypted: false } })).toMatchObject({ ok: true });
    server.time.advance(60_000);
    expect(await sme.send(take('capture-memory', 'app-1'))).toMatchObject({ ok: true });
    expect(await sme2.send(take('image-disk', 'app-1'))).toMatchObject({ ok: true });
    expect(await sme3.send(take('network-isolate', 'app-1'))).toMatchObject({ ok: true });
    server.time.advance(20 * 60_000);
    await until(() => sme.entries.some((e) => e.event.type === 'action.completed'), 'work completes by the clock');
    expect(await scribe.send({ type: 'timeline.add', text: 'Exploit landed on app-1', claimedAt: -40 * 60_000 })).toMatchObject({ ok: true });
    await until(() => scribe.entries.some((e) => e.event.type === 'message.sent'), 'the IC message reaches the scribe');
    expect(await fac.send({ type: 'drill.end', reason: 'debrief' })).toMatchObject({ ok: true });
    await until(() => [ic, deputy, scribe, sme].every((c) => c.entries.some((e) => e.event.type === 'drill.ended')), 'everyone sees the end');
    expect(fac.scores).toBeGreaterThan(0);

    for (const seat of ['ic', 'scribe', 'observer-1']) {
      const res = await fetch(`${server.url}/drills/${drill.drillId}/report.json?token=${drill.seat(seat).token}`);
      expect(res.status).toBe(200);
      const report = (await res.json()) as { score: { total: number }; findings: unknown[] };
      expect(report.score.total).toBeGreaterThan(0);
      expect(report.findings.length).toBeGreaterThan(0);
    }
    const md = await fetch(`${server.url}/drills/${drill.drillId}/report.md?token=${drill.seat('deputy').token}`);
    expect(await md.text()).toContain('| Category | Score |');
    const html = await fetch(`${server.url}/drills/${drill.drillId}/report.html`, { headers: { authorization: `Bearer ${drill.seat('sme-1').token}` } });
    expect(await html.text()).toContain('<svg');
  });

  it('NET2 every client sees the same gapless seqs the server committed', async () => {
    server = await startServer();
    const drill = await createDrill(server);
    const [fac, ic] = await open(join(server, drill.seat('facilitator')), join(server, drill.seat('ic')));
    if (!fac || !ic) throw new Error('clients');
    await fac.send({ type: 'drill.start' });
    for (let i = 0; i < 10; i++) {
      await ic.send({ type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: '', body: `note ${i}`, encrypted: false } });
      server.time.advance(30_000);
    }
    const committed = server.store.entries(drill.drillId).map((e) => e.seq);
    expect(committed).toEqual(committed.map((_, i) => i));
    await until(() => fac.lastSeq() === committed.at(-1), 'facilitator caught up');
    expect(fac.entries.map((e) => e.seq)).toEqual(committed.filter((s) => s > (fac.welcome?.view?.seq ?? 0)));
  });
});
