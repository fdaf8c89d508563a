import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { redactEntryFor } from '../../shared/engine/index.ts';
import { createApp } from '../../server/app.ts';
import { ManualTime } from '../../server/clock.ts';
import { liveScore, scoreDrill } from '../../shared/scoring/index.ts';
import { loadBundled } from '../../server/http/scenarios.ts';
import { silentLogger } from '../../server/log.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { scenarioHash } from '../../server/store/scenario-hash.ts';
import { readValidatedScenarios, validatedScenarioOf, writeValidatedScenarios } from '../../server/drills/validated-scenarios.ts';
import { createDrill, join, sqliteStore, startServer, take, tempDb, tracked, until, type TestServer } from './harness.ts';

const { server, client } = tracked();
const delivered = (s: TestServer, drillId: string) => s.store.entries(drillId).filter((e) => e.event.type === 'inject.delivered').map((e) => (e.event as { injectId: string }).injectId);

describe('TIME: the server owns game time', () => {
  it('TIME1 scheduled injects fire as game minutes pass, at the facilitator’s speed', async () => {
    const s = await server();
    const drill = await createDrill(s, { speed: 2 });
    const fac = await client(s, drill.seat('facilitator'));
    await fac.send({ type: 'drill.start' });
    expect(delivered(s, drill.drillId)).toEqual(['egress-alert']);
    s.time.advance(3 * 60_000); // 6 game minutes at 2×
    await until(() => delivered(s, drill.drillId).includes('owner-asks'), 'the minute-6 inject');
    expect(s.app.registry.peek(drill.drillId)?.state.clock).toBe(6 * 60_000);
  });

  it('TIME2 paused time never counts against the team', async () => {
    const s = await server();
    const drill = await createDrill(s);
    const fac = await client(s, drill.seat('facilitator'));
    await fac.send({ type: 'drill.start' });
    s.time.advance(60_000);
    await until(() => s.app.registry.peek(drill.drillId)?.state.clock === 60_000, 'minute 1');
    await fac.send({ type: 'drill.pause' });
    s.time.advance(30 * 60_000);
    expect(s.app.registry.peek(drill.drillId)?.gameTime()).toBe(60_000);
    await fac.send({ type: 'drill.resume' });
    s.time.advance(5 * 60_000);
    await until(() => delivered(s, drill.drillId).includes('owner-asks'), 'minute 6 after resume');
    const state = s.app.registry.peek(drill.drillId)?.state;
    expect(state?.exfil.records).toBe(6 * (state?.truth.exfilPerMinute ?? 0));
  });

  it('TIME3 the facilitator can push a scheduled inject early and write an ad-hoc one', async () => {
    const s = await server();
    const drill = await createDrill(s);
    const [fac, sme] = [await client(s, drill.seat('facilitator')), await client(s, drill.seat('sme-1'))];
    await fac.send({ type: 'drill.start' });
    expect(await fac.send({ type: 'inject.push', injectId: 'regulator' })).toMatchObject({ ok: true });
    expect(await fac.send({ type: 'inject.adhoc', title: 'Reporter on line 2', body: 'They want a comment.', audience: ['ic'] })).toMatchObject({ ok: true });
    await until(() => sme.entries.some((e) => e.event.type === 'inject.delivered' && e.event.injectId === 'regulator'), 'pushed inject');
    expect(sme.entries.some((e) => e.event.type === 'inject.adhocDelivered')).toBe(false);
  });

  it('TIME4 after a restart, injects that fell due while down fire exactly once and clocks are re-armed', async () => {
    const db = tempDb();
    const time = new ManualTime();
    const first = await server({ store: new SqliteStore(db), time });
    const drill = await createDrill(first);
    const fac = await client(first, drill.seat('facilitator'));
    await fac.send({ type: 'drill.start' });
    fac.close();
    await first.close();

    time.advance(6 * 60_000); // the server is down for six game minutes
    const second = await server({ store: new SqliteStore(db), time });
    expect(delivered(second, drill.drillId)).toEqual(['egress-alert', 'owner-asks']);
    const third = await second.close().then(() => server({ store: new SqliteStore(db), time }));
    expect(delivered(third, drill.drillId)).toEqual(['egress-alert', 'owner-asks']);
    time.advance(60 * 60_000);
    await until(() => delivered(third, drill.drillId).includes('customer-email'), 're-armed clock fires the minute-60 inject');
    const seqs = third.store.entries(drill.drillId).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i));
  });
});

describe('SYNC: reconnection from the log', () => {
  it('SYNC1 a client offline for a long stretch catches up without gaps or duplicates', async () => {
    const s = await server();
    const drill = await createDrill(s);
    const fac = await client(s, drill.seat('facilitator'));
    const ic = await client(s, drill.seat('ic'));
    await fac.send({ type: 'drill.start' });
    await until(() => ic.entries.length > 0, 'ic sees the start');
    const seen = ic.lastSeq();
    ic.close();
    s.time.advance(40 * 60_000); // forty game minutes of exfiltration and injects while away
    await until(() => (s.app.registry.peek(drill.drillId)?.state.clock ?? 0) >= 40 * 60_000, 'server reached minute 40');
    const back = await client(s, drill.seat('ic'), { lastSeq: seen });
    const missed = back.welcome?.missed ?? [];
    // Injects, what they taught, a decision gone by and its consequence; the theft itself is the facilitator's to see.
    expect(missed.length).toBeGreaterThan(5);
    const seqs = missed.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    const master = s.app.registry.peek(drill.drillId)!;
    const expected = s.store.entries(drill.drillId, seen).filter((e) => redactEntryFor(master.compiled, e, { role: 'ic', seat: 'ic' }) !== null).map((e) => e.seq);
    expect(seqs).toEqual(expected);
  });

  it('SYNC2 drill:sync returns missed entries, or a snapshot when far behind', async () => {
    const s = await server();
    const drill = await createDrill(s);
    const fac = await client(s, drill.seat('facilitator'));
    const scribe = await client(s, drill.seat('scribe'));
    await fac.send({ type: 'drill.start' });
    for (let i = 0; i < 5; i++) await scribe.send({ type: 'timeline.add', text: `t${i}` });
    const near = await scribe.socket.emitWithAck('drill:sync', { lastSeq: 2 });
    expect(near).toMatchObject({ ok: true, data: { entries: expect.any(Array) } });
    if (near.ok && 'entries' in near.data) expect(near.data.entries[0]?.seq).toBe(3);
    for (let i = 0; i < 520; i++) await scribe.send({ type: 'timeline.add', text: `bulk ${i}` });
    const far = await scribe.socket.emitWithAck('drill:sync', { lastSeq: 0 });
    expect(far).toMatchObject({ ok: true, data: { snapshot: { seq: expect.any(Number) } } });
  });
});

describe('LEAK: a player never receives what its view excludes', () => {
  it('LEAK1 across a scripted drill, player sockets never see facilitator-only data', async () => {
    const s = await server();
    const drill = await createDrill(s);
    const fac = await client(s, drill.seat('facilitator'));
    const players = await Promise.all(['ic', 'deputy', 'scribe', 'sme-1', 'observer-1'].map((seat) => client(s, drill.seat(seat))));
    const [ic, deputy, , sme] = players;
    await fac.send({ type: 'drill.start' });
    await fac.send({ type: 'facilitator.note', text: 'SECRET-FACILITATOR-NOTE' });
    await deputy?.send(take('page-ic'));
    await sme?.send(take('kill-sessions', 'app-1'));
    await ic?.send({ type: 'hint.request' });
    s.time.advance(10 * 60_000);
    await sme?.send(take('network-isolate', 'app-1'));
    await fac.send({ type: 'drill.end', reason: 'done' });
    await until(() => players.every((p) => p.entries.some((e) => e.event.type === 'drill.ended')), 'all players saw the end');
    for (const p of players) {
      const all = p.raw.join('\n');
      expect(all, p.name).not.toContain('"rng"');
      expect(all, p.name).not.toContain('SECRET-FACILITATOR-NOTE');
      expect(all, p.name).not.toContain('"facilitator":{');
      expect(all, p.name).not.toContain('adversary.rolled');
      expect(all, p.name).not.toContain('phase.changed');
      expect(all, p.name).not.toContain('"seed":"7"');
      expect(all, p.name).not.toContain('facilitatorNote');
      expect(p.scores, p.name).toBe(0);
      if (p.name !== 'ic') expect(all, p.name).not.toContain('hint.given');
    }
    expect(fac.raw.join('\n')).toContain('SECRET-FACILITATOR-NOTE');
  });
});

describe('BOOT: rebuilding the running drills', () => {
  it('BOOT2 each drill\'s log is parsed just before its drill is folded, not a batch at a time', async () => {
    const db = tempDb();
    const time = new ManualTime();
    const first = await startServer({ store: sqliteStore(db), time });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const drill = await createDrill(first, { seed: String(i) });
      const fac = await join(first, drill.seat('facilitator'));
      expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
      fac.close();
      ids.push(drill.drillId);
    }
    await first.close();

    const store = sqliteStore(db);
    const order: string[] = [];
    const read = store.entriesOf.bind(store);
    store.entriesOf = async (asked) => (await read(asked)).map((reader, i) => () => (order.push(`parse ${asked[i]}`), reader()));
    const app = createApp({ store, clock: time, scheduler: time, log: silentLogger, staticDir: null });
    // Each drill is folded by the registry's rebuild (private), with its log in hand.
    const registry = app.registry as unknown as { rebuild: (id: string, ...rest: unknown[]) => unknown };
    const rebuild = registry.rebuild.bind(registry);
    registry.rebuild = (id, ...rest) => (order.push(`fold ${id}`), rebuild(id, ...rest));
    try {
      expect(await app.registry.boot()).toBe(3);
      // All three drills come in one batch; each is parsed only when its turn to be folded comes.
      const folded = order.filter((step) => step.startsWith('fold ')).map((step) => step.slice('fold '.length));
      expect(new Set(folded)).toEqual(new Set(ids));
      expect(order).toEqual(folded.flatMap((id) => [`parse ${id}`, `fold ${id}`]));
      for (const id of ids) expect(app.registry.peek(id)?.state.lifecycle).toBe('running');
    } finally {
      await app.close();
    }
  });

  it('LIVE11 LIVE13 after a restart, the scoring thread reads each drill\'s log from the file; a facilitator is welcomed at once and sent the score of the whole log after', async () => {
    const db = tempDb();
    const first = await startServer({ store: sqliteStore(db) });
    const drill = await createDrill(first, { seed: 'from-file' });
    const fac = await join(first, drill.seat('facilitator'));
    const deputy = await join(first, drill.seat('deputy'));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    expect(await deputy.send({ type: 'action.take', action: 'page-ic' })).toMatchObject({ ok: true });
    const heldSeq = fac.score?.seq ?? -1;
    fac.close();
    deputy.close();
    await first.close();

    const second = await startServer({ store: sqliteStore(db), scoring: 'thread' });
    try {
      const master = second.app.registry.peek(drill.drillId)!;
      const back = await join(second, drill.seat('facilitator'), { scoreSeq: heldSeq });
      // From the thread, the welcome does not carry the score: it follows as a push to this console.
      expect(back.welcome?.score).toBeUndefined();
      await until(() => back.scores === 1, 'the score after the welcome');
      const entries = second.store.entries(drill.drillId);
      expect(back.score).toEqual(JSON.parse(JSON.stringify(liveScore(scoreDrill(master.compiled, entries), 'en', entries.at(-1)!.seq))));
      // A player's welcome never carries a score, and no push follows it.
      const player = await join(second, drill.seat('deputy'));
      expect(player.welcome?.score).toBeUndefined();
      expect(player.scores).toBe(0);
      back.close();
      player.close();
    } finally {
      await second.close();
    }
  });

  /** A server with one running drill of a bundled scenario, stopped and started again on its database. */
  async function restartedWithRunningDrill(onFirst: (first: TestServer, drillId: string) => void = () => undefined) {
    const db = tempDb();
    const first = await startServer({ store: sqliteStore(db) });
    const drill = await createDrill(first);
    onFirst(first, drill.drillId);
    const fac = await join(first, drill.seat('facilitator'));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    fac.close();
    await first.close();
    return { drill, second: await startServer({ store: sqliteStore(db) }) };
  }

  it('BOOT1 a drill of a bundled scenario, created and then rebuilt after a restart, shares the compiled machine of the bundled scenario', async () => {
    const { drill, second } = await restartedWithRunningDrill((first, drillId) => {
      const bundled = first.app.bundled.list().find((b) => b.id === 'exfiltration-detected');
      expect(first.app.registry.peek(drillId)?.compiled).toBe(bundled?.compiled);
    });
    try {
      const rebuilt = second.app.registry.peek(drill.drillId);
      expect(rebuilt?.state.lifecycle).toBe('running');
      expect(rebuilt?.compiled).toBe(second.app.bundled.list().find((b) => b.id === 'exfiltration-detected')?.compiled);
    } finally {
      await second.close();
    }
  });

  it('BOOT3 a restart compiles only the scenarios its running drills use; the bundled list is loaded on first request and shares them', async () => {
    const { drill, second } = await restartedWithRunningDrill();
    try {
      const rebuilt = second.app.registry.peek(drill.drillId);
      expect(rebuilt?.state.lifecycle).toBe('running');
      // Listening, with the running drill rebuilt, and no bundled file parsed for it.
      expect(second.app.bundled.isLoaded).toBe(false);
      const res = await fetch(`${second.url}/api/scenarios`);
      const body = (await res.json()) as { ok: boolean; data: { id: string }[] };
      expect(body.data.map((d) => d.id)).toEqual(['exfiltration-detected', 'insider-suspected', 'reporter-leak']);
      expect(second.app.bundled.isLoaded).toBe(true);
      expect(second.app.bundled.list().find((b) => b.id === 'exfiltration-detected')?.compiled).toBe(rebuilt?.compiled);
    } finally {
      await second.close();
    }
  });

  it('BOOT5 the bundled scenarios the build wrote are each exactly what validating its text gives, by the text\'s hash', () => {
    const dir = mkdtempSync(joinPath(tmpdir(), 'ttx-validated-'));
    try {
      expect(readValidatedScenarios(dir).size).toBe(0);
      const bundled = loadBundled();
      writeValidatedScenarios(dir, bundled.map(({ text, compiled }) => ({ text, scenario: compiled.scenario })));
      const validated = readValidatedScenarios(dir);
      expect(validated.size).toBe(bundled.length);
      for (const { text, compiled } of bundled) expect(validatedScenarioOf(validated, text)).toStrictEqual(compiled.scenario);
      expect(validatedScenarioOf(validated, `${bundled[0]!.text}\n`)).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('BOOT5 a text the build validated is compiled from its validated scenario, without being parsed; any other text is validated', async () => {
    const [bundled] = loadBundled();
    const stand = 'not: [a scenario';
    const app = createApp({ store: sqliteStore(':memory:'), log: silentLogger, staticDir: null, validatedScenarios: new Map([[scenarioHash(stand), bundled!.compiled.scenario]]) });
    try {
      const loaded = app.registry.load(stand, 'stand-in.yaml');
      expect(loaded.ok && loaded.compiled.scenario).toStrictEqual(bundled!.compiled.scenario);
      expect(app.registry.load('not: [a scenario either', 'other.yaml')).toMatchObject({ ok: false });
    } finally {
      await app.close();
    }
  });

  it('BOOT4 a bundled scenario that does not load is refused with its file and problems (what `npm run build` runs)', () => {
    const refuse = () => ({ ok: false as const, problems: [{ file: 'x.yaml', line: 3, path: 'injects[0].at', message: 'must be a number', severity: 'error' as const }] });
    expect(() => loadBundled(refuse)).toThrow(/bundled scenario .*exfiltration-detected\.yaml is invalid:\nx\.yaml:3: injects\[0\]\.at: must be a number/);
  });
});
