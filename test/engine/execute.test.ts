import { describe, expect, it } from 'vitest';
import { chat, compiledFixture, DEPUTY, FAC, IC, min, OBSERVER, SCRIBE, SME } from './fixture.ts';
import { take, TestDrill } from './harness.ts';

const compiled = compiledFixture();

describe('ENG: commands become events', () => {
  it('ENG4 a new drill starts with drill.created at seq 0, carrying the engine version, the team and the world', () => {
    const drill = new TestDrill(compiled);
    expect(drill.entries).toHaveLength(1);
    expect(drill.entries[0]).toMatchObject({ seq: 0, at: 0, event: { type: 'drill.created', engine: 2, scenarioId: 'fixture', seed: 'seed-1', truth: { entry: 'app' } } });
    expect(drill.state.seats.map((s) => s.seat)).toEqual(['ic', 'deputy', 'scribe', 'sme-1', 'sme-2']);
    expect(drill.state.lifecycle).toBe('briefing');
  });

  it('ENG7 starting delivers the minute-0 inject and nothing scheduled later', () => {
    const drill = new TestDrill(compiled).start();
    expect(drill.events('inject.delivered')).toEqual([{ type: 'inject.delivered', injectId: 'alert', trigger: 'schedule' }]);
  });

  it('ENG3 what falls due happens in time order, whatever the tick size', () => {
    const coarse = new TestDrill(compiled).start();
    coarse.take(min(0.5), SME, 'review-system-logs', 'app');
    coarse.tick(min(20));
    const fine = new TestDrill(compiled).start();
    fine.take(min(0.5), SME, 'review-system-logs', 'app');
    for (let s = 40; s <= 1200; s += 10) fine.tick(s * 1000);
    expect(fine.entries).toEqual(coarse.entries);
    expect(coarse.state.exfil.records).toBe(20_000);
    expect(coarse.state.injects.map((i) => i.injectId)).toEqual(['alert', 'secret', 'followup']);
    const times = coarse.entries.map((e) => e.at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('ENG7 completing a stopping action cuts exfiltration and fires the conditional inject and phase change', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(min(2.5), SME, 'network-isolate', 'db');
    const entries = drill.tick(min(7));
    expect(entries.map((e) => e.event.type)).toEqual(['exfil.progressed', 'exfil.progressed', 'exfil.progressed', 'inject.delivered', 'exfil.progressed', 'action.completed', 'exfil.stopped', 'phase.changed', 'inject.delivered']);
    drill.tick(min(20));
    expect(drill.state.exfil.records).toBe(6000);
    expect(drill.state.phase).toBe('contained');
  });

  it('ENG9 the drill ends by itself at its duration', () => {
    const drill = new TestDrill(compiled).start();
    drill.tick(min(200));
    expect(drill.state.lifecycle).toBe('ended');
    expect(drill.entries.at(-1)).toMatchObject({ at: min(120), event: { type: 'drill.ended', reason: 'time-up' } });
  });

  it('COST6 a noisy action on a compromised asset rolls the seeded RNG; an alerted attacker reacts unless prevented', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(min(1), SME, 'kill-sessions', 'app');
    expect(drill.events('adversary.rolled')).toHaveLength(1);
    drill.tick(min(5));
    expect(drill.events('adversary.fallbackFired')).toEqual([{ type: 'adversary.fallbackFired', kind: 'wipe', target: 'app' }]);
    expect(drill.state.assets.app?.destroyed).toBe(true);

    const prevented = new TestDrill(compiled).start();
    prevented.take(min(0), SME, 'network-isolate', 'app');
    prevented.take(min(1.5), { role: 'sme', seat: 'sme-2' }, 'kill-sessions', 'app');
    prevented.tick(min(5));
    expect(prevented.events('adversary.fallbackFired')).toHaveLength(0);
    expect(prevented.events('adversary.fallbackPrevented')).toHaveLength(1);
  });

  it('COST7 noise on a clean asset, or a tip-off chance of 0, never alerts', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(min(1), SME, 'kill-sessions', 'app2');
    expect(drill.events('adversary.rolled')).toHaveLength(0);
    const quiet = compiledFixture({ adversary: { ...compiledFixture().scenario.adversary, tipOff: { chance: 0, fallbackAfterMinutes: 1, fallback: { kind: 'wipe', target: 'app', description: 'x' }, preventedBy: [{ action: 'block-ips' }] } } });
    const q = new TestDrill(quiet).start();
    q.take(min(1), SME, 'kill-sessions', 'app');
    expect(q.events('adversary.rolled')).toEqual([expect.objectContaining({ alerted: false })]);
  });

  it('SIM1 set-codename records the codename when it completes', () => {
    const drill = new TestDrill(compiled).start();
    drill.take(min(1), IC, 'set-codename', undefined, 'blue-heron');
    expect(drill.state.codename).toBeNull();
    drill.tick(min(2));
    expect(drill.state.codename).toBe('blue-heron');
  });

  it('FAC1 a facilitator can push a facilitator-only inject and write an ad-hoc one', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(min(1), FAC, { type: 'inject.push', injectId: 'exec' });
    drill.do(min(1), FAC, { type: 'inject.adhoc', title: 'Reporter calls', body: 'A journalist is on line 2.', audience: 'all' });
    expect(drill.state.injects.map((i) => [i.injectId, i.trigger])).toEqual([
      ['alert', 'schedule'],
      ['secret', 'schedule'],
      ['exec', 'facilitator'],
      ['adhoc-1', 'facilitator'],
    ]);
  });

  it('FAC2 pause freezes players out; resume lets them back in', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(min(1), FAC, { type: 'drill.pause' });
    expect(drill.refuse(min(1), IC, take('page-ic')).code).toBe('PAUSED');
    drill.do(min(1), FAC, { type: 'drill.resume' });
    drill.take(min(1), IC, 'page-ic');
    drill.tick(min(4));
    expect(drill.state.facts.icPaged).toBe(min(3));
  });

  it('FAC3 hints are logged for the seat that asked', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(0, IC, { type: 'hint.request' });
    expect(drill.state.hints[0]).toMatchObject({ injectId: 'alert', text: { en: 'Page an IC.' } });
  });

  it('ENG9 a command at or after the end of the drill is refused with the reason, and the end is not lost', () => {
    const drill = new TestDrill(compiled).start();
    const error = drill.refuse(min(120), IC, take('page-ic'));
    expect(error).toMatchObject({ code: 'ENDED', message: expect.stringContaining('time up') });
    drill.tick(min(121));
    expect(drill.state.lifecycle).toBe('ended');
    expect(drill.refuse(min(125), IC, take('page-ic')).code).toBe('ENDED');
  });
});

describe('ENG6: invalid commands are refused and change nothing', () => {
  const running = () => new TestDrill(compiled).start();
  it('ENG6 players cannot act before the drill starts', () => {
    expect(new TestDrill(compiled).refuse(0, IC, take('page-ic')).code).toBe('NOT_STARTED');
  });
  it('ENG6 a role outside the action catalog entry is refused', () => {
    const error = running().refuse(0, SCRIBE, take('capture-memory', 'db'));
    expect(error).toMatchObject({ code: 'FORBIDDEN' });
    expect(error.message).toContain('capture-memory');
  });
  it('ENG6 observers and players cannot run facilitator commands; seats not in the drill are refused', () => {
    expect(running().refuse(0, OBSERVER, take('page-ic')).code).toBe('FORBIDDEN');
    expect(running().refuse(0, IC, { type: 'drill.pause' }).code).toBe('FORBIDDEN');
    expect(running().refuse(0, DEPUTY, { type: 'inject.push', injectId: 'exec' }).code).toBe('FORBIDDEN');
    expect(running().refuse(0, SME, { type: 'clock.tick' }).code).toBe('FORBIDDEN');
    expect(running().refuse(0, { role: 'sme', seat: 'sme-9' }, take('capture-memory', 'db')).code).toBe('UNKNOWN_SEAT');
  });
  it('ENG6 unknown actions, targets and injects are named in the error', () => {
    expect(running().refuse(0, SME, take('hack-back')).message).toContain('hack-back');
    expect(running().refuse(0, SME, take('capture-memory', 'mainframe')).code).toBe('UNKNOWN_TARGET');
    expect(running().refuse(0, SME, take('capture-memory')).code).toBe('UNKNOWN_TARGET');
    expect(running().refuse(0, SME, take('block-ips', 'db')).code).toBe('UNKNOWN_TARGET');
    expect(running().refuse(0, FAC, { type: 'inject.push', injectId: 'nope' }).code).toBe('UNKNOWN_INJECT');
  });
  it('ENG6 impossible actions say why', () => {
    const drill = running();
    drill.take(0, SME, 'shutdown-instance', 'db');
    drill.tick(min(5));
    expect(drill.refuse(min(5), SME, take('capture-memory', 'db'))).toMatchObject({ code: 'NOT_POSSIBLE', message: expect.stringContaining('memory is gone') });
    expect(drill.refuse(min(5), SME, take('shutdown-instance', 'db')).code).toBe('ALREADY_DONE');
    expect(drill.refuse(min(5), SME, take('restore-from-backup', 'app')).code).toBe('NOT_POSSIBLE');
    expect(drill.refuse(min(5), IC, take('set-codename')).code).toBe('NOT_POSSIBLE');
  });
  it('ENG2 game time never goes backwards', () => {
    const drill = running();
    drill.take(min(3), IC, 'page-ic');
    expect(drill.refuse(min(2), DEPUTY, take('start-bridge')).code).toBe('TIME_WENT_BACKWARDS');
  });
  it('ENG6 malformed commands are refused with the path of the problem', () => {
    const drill = running();
    expect(drill.refuse(0, IC, { type: 'message.send', message: { channel: 'pigeon' } } as never)).toMatchObject({ code: 'INVALID_COMMAND', message: expect.stringContaining('message.channel') });
    expect(drill.refuse(0, FAC, { type: 'drill.setSpeed', speed: 50 }).code).toBe('BAD_SPEED');
    expect(drill.refuse(0, IC, { type: 'bogus' } as never).code).toBe('INVALID_COMMAND');
  });
  it('ENG9 nothing is accepted after the drill ends', () => {
    const drill = running();
    drill.do(min(1), FAC, { type: 'drill.end', reason: 'done' });
    expect(drill.refuse(min(2), IC, take('page-ic')).code).toBe('ENDED');
    expect(drill.refuse(min(2), IC, { type: 'message.send', message: chat('hello') }).code).toBe('ENDED');
  });
});
