import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../shared/runbook/actions.ts';
import { createDrill, execute, nextDueAt, redactEntryFor, replay, viewFor, EngineVersionError } from '../../shared/engine/index.ts';
import type { CommandEnvelope, DrillState } from '../../shared/engine/types.ts';
import { chat, compiledFixture, DEPUTY, FAC, FIXTURE, fixtureWithAdversary, IC, min, SCRIBE, SME, SME2 } from './fixture.ts';
import { take, TestDrill } from './harness.ts';

const compiled = compiledFixture();

describe('SIM: work takes time and a person', () => {
  it('SIM1 work starts as one event and completes as another; its effects land on completion', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(min(1), SME, 'capture-memory', 'db');
    expect(drill.events('action.started')).toEqual([{ type: 'action.started', workId: 'w1', action: 'capture-memory', target: 'db', seat: 'sme-1', endsAt: min(16) }]);
    expect(drill.state.assets.db?.memoryCaptured).toBe(false);
    drill.tick(min(15.9));
    expect(drill.state.assets.db?.memoryCaptured).toBe(false);
    drill.tick(min(16));
    expect(drill.state.assets.db?.memoryCaptured).toBe(true);
    expect(drill.state.work[0]).toMatchObject({ status: 'success', finishedAt: min(16) });
  });

  it('SIM1 a scenario sets how long work takes on one asset: imaging the database takes longer than the catalog default', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(0, SME, 'image-disk', 'db');
    drill.take(0, SME2, 'image-disk', 'app');
    expect(drill.state.work.map((w) => (w.endsAt - w.startedAt) / 60_000)).toEqual([60, 30]);
  });

  it('SIM2 a seat does one piece of work at a time: a second request is refused with BUSY, naming the work and when it ends', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(0, SME, 'capture-memory', 'db');
    const error = drill.refuse(min(1), SME, take('image-disk', 'db'));
    expect(error.code).toBe('BUSY');
    expect(error.message).toMatch(/sme-1 is busy with "Capture live memory" on db until T\+15:00/);
    drill.take(min(1), SME2, 'image-disk', 'db');
    drill.tick(min(15));
    drill.take(min(15), SME, 'network-isolate', 'app');
  });

  it('SIM2 the same work on the same target cannot run twice at once', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(0, SME, 'capture-memory', 'db');
    expect(drill.refuse(0, SME2, take('capture-memory', 'db')).code).toBe('ALREADY_RUNNING');
  });

  it('SIM3 running work can be cancelled by its seat or a lead, not by anyone else; nothing of it lands', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(0, SME, 'terminate-instance', 'app');
    expect(drill.refuse(min(1), SCRIBE, { type: 'action.cancel', workId: 'w1' }).code).toBe('FORBIDDEN');
    drill.do(min(1), IC, { type: 'action.cancel', workId: 'w1' });
    drill.tick(min(10));
    expect(drill.state.assets.app?.destroyed).toBe(false);
    expect(drill.state.work[0]?.status).toBe('cancelled');
    expect(drill.refuse(min(10), SME, { type: 'action.cancel', workId: 'w1' }).code).toBe('NOT_POSSIBLE');
    expect(drill.refuse(min(10), SME, { type: 'action.cancel', workId: 'w9' }).code).toBe('UNKNOWN_WORK');
  });

  it('SIM4 a scenario may give work seeded chances of failing or only partly succeeding; the outcome is the same for the same seed', () => {
    const flaky = compiledFixture({ work: { 'review-system-logs': { fail: 0.5, partial: 0.3 } } });
    const outcomes = (seed: string) => {
      const drill = new TestDrill(flaky, seed).start();
      drill.take(0, SME, 'review-system-logs', 'app');
      drill.tick(min(20));
      return { outcome: drill.state.work[0]!.status, level: drill.state.knowledge.assets.app?.level, entry: drill.state.knowledge.facts.entry };
    };
    const seen = new Set(Array.from({ length: 30 }, (_, i) => outcomes(`s${i}`).outcome));
    expect(seen).toEqual(new Set(['failed', 'partial', 'success']));
    expect(outcomes('s3')).toEqual(outcomes('s3'));
    for (let i = 0; i < 30; i++) {
      const o = outcomes(`s${i}`);
      // A failure teaches nothing; a partial result only raises a suspicion and establishes no fact.
      if (o.outcome === 'failed') expect(o.level).toBe('suspected');
      if (o.outcome === 'partial') expect([o.level, o.entry]).toEqual(['suspected', undefined]);
      if (o.outcome === 'success') expect(o.level).toBe('confirmed');
    }
  });

  it('SIM5 assigning a task is short but not free: the IC is busy for a minute, and cannot assign while doing hands-on work', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(0, IC, { type: 'task.assign', toSeat: 'sme-1', action: 'capture-memory', target: 'db' });
    expect(drill.refuse(min(0.5), IC, { type: 'task.assign', toSeat: 'sme-2', action: 'image-disk', target: 'db' }).code).toBe('BUSY');
    drill.do(min(1), IC, { type: 'task.assign', toSeat: 'sme-2', action: 'image-disk', target: 'db' });
    const handsOn = new TestDrill(compiled).start();
    handsOn.take(0, IC, 'review-system-logs', 'app');
    expect(handsOn.refuse(min(2), IC, { type: 'task.assign', toSeat: 'sme-1', action: 'capture-memory', target: 'db' }).code).toBe('BUSY');
  });

  it('SIM6 a task becomes the assignee\'s to-do, works while they do it, and is done when the work completes', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(0, IC, { type: 'task.assign', toSeat: 'sme-1', action: 'capture-memory', target: 'db' });
    expect(drill.state.tasks[0]).toMatchObject({ id: 'k1', toSeat: 'sme-1', status: 'open' });
    drill.take(min(1), SME, 'capture-memory', 'db');
    expect(drill.state.tasks[0]?.status).toBe('working');
    drill.tick(min(16));
    expect(drill.state.tasks[0]?.status).toBe('done');
    expect(new TestDrill(compiled).start().refuse(0, IC, { type: 'task.assign', toSeat: 'scribe', action: 'capture-memory', target: 'db' }).code).toBe('FORBIDDEN');
  });

  it('SIM7 a script that tries every catalog action at minute 0 has most of them refused: the seats are busy', () => {
    const created = createDrill(compiled, 'all-at-once');
    let state: DrillState = created.state;
    const run = (e: CommandEnvelope) => {
      const r = execute(compiled, state, e);
      if (r.ok) state = r.state;
      return r;
    };
    run({ at: 0, actor: FAC, command: { type: 'drill.start' } });
    const refusals: string[] = [];
    let tried = 0;
    for (const action of ACTIONS) {
      const role = action.owners[0]!;
      const seat = role === 'sme' ? 'sme-1' : role;
      for (const target of action.target === 'asset' ? ['db', 'app'] : [undefined]) {
        tried++;
        const r = run({ at: 0, actor: { role, seat }, command: take(action.id, target, 'x') });
        if (!r.ok) refusals.push(r.error.code);
      }
    }
    const started = state.work.length;
    expect(started).toBeLessThanOrEqual(state.seats.length);
    expect(refusals.filter((c) => c === 'BUSY').length).toBeGreaterThan(tried * 0.8);
    expect(state.work.filter((w) => w.status === 'running').map((w) => w.seat).sort()).toEqual([...new Set(state.work.map((w) => w.seat))].sort());
  });
});

describe('FOG: the team sees only what it has found out', () => {
  it('FOG1 players\' views carry no truth: no compromise, entry point or data before anything revealed it', () => {
    const drill = new TestDrill(compiled);
    for (const viewer of [IC, SME, SCRIBE]) {
      const view = viewFor(compiled, drill.state, viewer);
      const json = JSON.stringify(view);
      expect(json).not.toContain('"compromised"');
      expect(json).not.toContain('"truth"');
      expect(json).not.toMatch(/"entry"/);
      expect(Object.values(view.assets).map((a) => a.knowledge)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
      expect(view.exfil).toEqual({ records: null, stopped: null });
    }
    expect(viewFor(compiled, drill.state, FAC).facilitator?.truth.entry).toBe('app');
  });

  it('FOG2 an inject teaches what it says, recorded in the log with when it was learned', () => {
    const drill = new TestDrill(compiled).start();
    expect(drill.events('knowledge.learned')).toEqual([
      { type: 'knowledge.learned', item: { fact: 'exfil' }, source: { inject: 'alert' } },
      { type: 'knowledge.learned', item: { asset: 'db', level: 'suspected' }, source: { inject: 'alert' } },
      { type: 'knowledge.learned', item: { asset: 'app', level: 'suspected' }, source: { inject: 'alert' } },
    ]);
    const view = viewFor(compiled, drill.state, IC);
    expect(view.assets.db?.knowledge).toBe('suspected');
    expect(view.exfil).toEqual({ records: null, stopped: false });
  });

  it('FOG7 the count of records taken shows only once the team has worked out what is being taken', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(0, SME, 'review-system-logs', 'db');
    drill.tick(min(20));
    expect(drill.state.exfil.records).toBeGreaterThan(0);
    expect(viewFor(compiled, drill.state, IC).exfil).toEqual({ records: null, stopped: false });
    drill.take(min(20), SME, 'identify-compromised-data');
    drill.tick(min(60));
    expect(drill.state.knowledge.facts.records).toBeDefined();
    expect(viewFor(compiled, drill.state, IC).exfil).toEqual({ records: drill.state.exfil.records, stopped: false });
  });

  it('FOG3 work reveals what the world holds: the entry point\'s logs show the break-in and its time; a clean host is cleared', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(0, SME, 'review-system-logs', 'app');
    drill.take(0, SME2, 'review-system-logs', 'app2');
    drill.tick(min(15));
    const [app, app2] = drill.state.work;
    expect(app?.reveal?.en).toBe('App server was broken into at 20:30.');
    expect(app2?.reveal?.en).toBe('Nothing on Second app server.');
    const view = viewFor(compiled, drill.state, SCRIBE);
    expect(view.assets.app?.knowledge).toBe('confirmed');
    expect(view.assets.app2?.knowledge).toBe('cleared');
    expect(view.known.access).toEqual({ at: min(15), kind: 'initial-access', asset: 'app', minute: -30 });
    expect(view.known.entry).toEqual({ at: min(15), asset: 'app' });
  });

  it('FOG4 analysis before its facts are known teaches nothing', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(0, SME, 'identify-compromised-data');
    drill.tick(min(20));
    expect(drill.state.work[0]?.reveal?.en).toBe('Not enough is known yet.');
    expect(drill.state.knowledge.facts.data).toBeUndefined();
  });

  it('FOG5 what only the facilitator is told teaches the team nothing', () => {
    const drill = new TestDrill(compiled).start();
    drill.tick(min(2));
    expect(drill.state.injects.map((i) => i.injectId)).toContain('secret');
    expect(drill.state.knowledge.facts.entry).toBeUndefined();
  });

  it('FOG6 players receive the log without the seed, the world, the real exfiltration or the adversary\'s moves', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(min(1), SME, 'kill-sessions', 'app');
    drill.tick(min(10));
    const forSme = drill.entries.map((e) => redactEntryFor(compiled, e, SME)).filter((e) => e !== null);
    const json = JSON.stringify(forSme);
    expect(json).not.toContain('seed-1');
    expect(json).not.toContain('"app":-30');
    expect(forSme.map((e) => e.event.type)).not.toEqual(expect.arrayContaining(['exfil.progressed']));
    expect(forSme.map((e) => e.event.type)).not.toContain('adversary.rolled');
    expect(forSme.map((e) => e.event.type)).not.toContain('adversary.fallbackFired');
  });
});

describe('WORLD: the seed picks the world', () => {
  const varied = fixtureWithAdversary({ entry: ['app', 'app2'], spread: [{ asset: 'db', atMinute: { min: -40, max: -10 } }], exfiltration: { from: 'customers', perMinute: { min: 500, max: 2000 }, startsAtMinute: 0, stoppedBy: [{ action: 'network-isolate', target: '$entry' }] } });

  it('WORLD1 different seeds give different entry points, timings and rates; the same seed the same world', () => {
    const worlds = Array.from({ length: 20 }, (_, i) => createDrill(varied, String(i + 1)).state.truth);
    expect(new Set(worlds.map((w) => w.entry))).toEqual(new Set(['app', 'app2']));
    expect(new Set(worlds.map((w) => `${w.entry}@${w.compromised.db}`)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(worlds.map((w) => w.exfilPerMinute)).size).toBeGreaterThan(5);
    expect(createDrill(varied, '7').state.truth).toEqual(createDrill(varied, '7').state.truth);
  });

  it('WORLD2 the data leaves through the real way in: isolating the other node does not stop it', () => {
    const seed = Array.from({ length: 20 }, (_, i) => String(i)).find((s) => createDrill(varied, s).state.truth.entry === 'app2')!;
    const drill = new TestDrill(varied, seed).start();
    drill.take(0, SME, 'network-isolate', 'app');
    drill.tick(min(10));
    expect(drill.state.exfil.stoppedAt).toBeNull();
    drill.take(min(10), SME, 'network-isolate', 'app2');
    drill.tick(min(20));
    expect(drill.state.exfil.stoppedAt).toBe(min(14));
  });

  it('ENG10 a log recorded by another engine version is refused, saying why', () => {
    const drill = new TestDrill(compiled).start();
    const old = [{ ...drill.entries[0]!, event: { ...(drill.entries[0]!.event as object), engine: 1 } }, ...drill.entries.slice(1)] as typeof drill.entries;
    expect(() => replay(compiled, old)).toThrow(EngineVersionError);
    expect(() => replay(compiled, old)).toThrow(/recorded by engine version 1.*cannot be replayed/);
  });
});

describe('COST: every choice has a price', () => {
  it('COST1 taking a system out of service costs downtime until it is restored', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(0, SME, 'network-isolate', 'app2');
    drill.tick(min(4));
    expect(drill.state.assets.app2).toMatchObject({ isolated: true, downSince: min(4), downMs: 0 });
    drill.take(min(4), SME, 'deploy-clean-instance', 'app2');
    drill.tick(min(34));
    expect(drill.state.assets.app2).toMatchObject({ restored: true, downSince: null, downMs: min(30) });
  });

  it('COST2 a message over a channel the attacker reads tips it off', () => {
    const reads = fixtureWithAdversary({ reads: [{ channel: 'email' }] });
    const drill = new TestDrill(reads).start();
    drill.do(min(1), IC, { type: 'message.send', message: { channel: 'email', recipients: ['counsel'], subject: 'x', body: 'we are breached', encrypted: false } });
    expect(drill.events('adversary.noticed')).toEqual([{ type: 'adversary.noticed', messageId: 'm1' }]);
    drill.tick(min(5));
    expect(drill.state.assets.app?.destroyed).toBe(true);
  });

  it('COST3 a message the suspect\'s account reads tips off whoever controls it, insider or session thief; in an outsider scenario it is only a message', () => {
    for (const insiderChance of [1, 0]) {
      const drill = new TestDrill(fixtureWithAdversary({ origin: 'insider', insiderChance })).start();
      drill.do(min(1), IC, { type: 'message.send', message: chat('heads up, we are looking at the sync logs', ['eng']) });
      expect(drill.events('adversary.noticed'), `insiderChance ${insiderChance}`).toHaveLength(1);
    }
    const outsider = new TestDrill(compiled).start();
    outsider.do(min(1), IC, { type: 'message.send', message: chat('heads up', ['eng']) });
    expect(outsider.events('adversary.noticed')).toHaveLength(0);
  });

  it('COST5 an inject can tip the adversary off as it arrives', () => {
    const alerting = compiledFixture({ injects: [...FIXTURE.injects, { id: 'confront', title: 'Manager confronts', body: 'In the open channel.', delivery: { at: 2 }, alertsAdversary: true }] });
    const drill = new TestDrill(alerting).start();
    drill.tick(min(2));
    expect(drill.events('adversary.noticed')).toEqual([{ type: 'adversary.noticed', injectId: 'confront' }]);
  });

  it('COST4 an inject can change the world: a restart nobody stopped wipes the memory of the way in', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(min(1), FAC, { type: 'inject.push', injectId: 'exec' });
    drill.tick(min(7));
    expect(drill.events('decision.missed')).toEqual([{ type: 'decision.missed', injectId: 'exec' }]);
    expect(drill.state.assets.app?.rebooted).toBe(true);
    expect(drill.refuse(min(7), SME, take('capture-memory', 'app')).code).toBe('NOT_POSSIBLE');
  });
});

describe('MSG: messages go to people, not labels', () => {
  it('MSG1 the audience is worked out from the recipients, never declared', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(0, DEPUTY, 'open-private-channel');
    drill.tick(min(2));
    drill.do(min(2), IC, { type: 'message.send', message: chat('status', ['incident-room']) });
    drill.do(min(2), IC, { type: 'message.send', message: chat('all hands', ['all-staff']) });
    drill.do(min(2), IC, { type: 'message.send', message: chat('fyi', ['partner@elsewhere.example']) });
    drill.do(min(2), IC, { type: 'message.send', message: chat('fyi', ['desk@news.example']) });
    expect(drill.state.messages.map((m) => m.reach.audience)).toEqual(['team', 'internal', 'external', 'public']);
    expect(drill.state.messages[3]?.reach).toMatchObject({ orgs: ['press'], people: ['reporter'] });
  });

  it('MSG2 unknown recipients and channels that do not exist yet are refused, naming them', () => {
    const drill = new TestDrill(compiled).start();
    expect(drill.refuse(0, IC, { type: 'message.send', message: chat('hi', ['the-team']) })).toMatchObject({ code: 'UNKNOWN_RECIPIENT', message: expect.stringContaining('"the-team"') });
    expect(drill.refuse(0, IC, { type: 'message.send', message: chat('hi', ['incident-room']) })).toMatchObject({ code: 'NOT_POSSIBLE', message: expect.stringContaining('Open a private incident channel') });
    expect(drill.refuse(0, IC, { type: 'message.send', message: chat('hi', []) }).code).toBe('INVALID_COMMAND');
  });

  it('MSG3 a public statement carries its kind and structured claims, checked against the scenario', () => {
    const drill = new TestDrill(compiled).start();
    const statement = (claims: object) => ({ type: 'message.send' as const, message: { channel: 'statement' as const, recipients: [], subject: 'Update', body: 'We are investigating.', encrypted: false, statement: { kind: 'holding' as const, claims } } });
    expect(drill.refuse(0, IC, { type: 'message.send', message: { channel: 'statement', recipients: [], subject: 'x', body: 'y', encrypted: false } }).code).toBe('INVALID_COMMAND');
    expect(drill.refuse(0, IC, statement({ cause: 'aliens' })).message).toContain('vuln, phishing');
    drill.do(0, IC, statement({ data: ['customers'], cause: 'vuln' }));
    expect(drill.state.messages[0]).toMatchObject({ reach: { audience: 'public' }, statement: { kind: 'holding', claims: { data: ['customers'], cause: 'vuln' } } });
  });
});

describe('DEC: injects that need a decision', () => {
  it('DEC1 a decision is due by a time; an answer in time is recorded, a later one is marked late', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(min(1), FAC, { type: 'inject.push', injectId: 'exec' });
    expect(drill.refuse(min(2), SME, { type: 'decision.answer', injectId: 'exec', option: 'hold' }).code).toBe('FORBIDDEN');
    expect(drill.refuse(min(2), IC, { type: 'decision.answer', injectId: 'exec', option: 'maybe' }).code).toBe('INVALID_COMMAND');
    drill.do(min(2), IC, { type: 'decision.answer', injectId: 'exec', option: 'hold' });
    drill.tick(min(10));
    expect(drill.state.decisions[0]).toMatchObject({ dueAt: min(6), answer: { option: 'hold', late: false }, missedAt: null });
    expect(drill.state.injects.map((i) => i.injectId)).not.toContain('restarted');
    expect(drill.refuse(min(10), IC, { type: 'decision.answer', injectId: 'exec', option: 'restart' }).code).toBe('ALREADY_DONE');
  });

  it('DEC2 the engine schedules the deadline: nextDueAt names it, and the consequence follows without any command', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(min(1.5), FAC, { type: 'inject.push', injectId: 'exec' });
    expect(nextDueAt(compiled, drill.state, min(2.2))).toBe(min(3));
    drill.tick(min(6));
    expect(nextDueAt(compiled, drill.state, min(6.2))).toBe(min(6.5));
    drill.tick(min(6.5));
    expect(drill.state.injects.map((i) => i.injectId)).toContain('restarted');
  });

  it('ENG8 nextDueAt is the earliest of the next minute, a completion and a deadline; null while not running', () => {
    const drill = new TestDrill(compiled);
    expect(nextDueAt(compiled, drill.state)).toBeNull();
    drill.start();
    drill.take(min(0.2), SME, 'network-isolate', 'db');
    expect(nextDueAt(compiled, drill.state, min(0.3))).toBe(min(1));
    drill.tick(min(4));
    expect(nextDueAt(compiled, drill.state, min(4.1))).toBe(min(4.2));
  });
});
