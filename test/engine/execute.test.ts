import { describe, expect, it } from 'vitest';
import { compiledFixture, DEPUTY, FAC, IC, min, OBSERVER, SCRIBE, SME } from './fixture.ts';
import { TestDrill } from './harness.ts';

const compiled = compiledFixture();
const take = (action: string, target?: string, detail?: string) => ({ type: 'action.take' as const, action, ...(target ? { target } : {}), ...(detail ? { detail } : {}) });

describe('ENG: commands become events', () => {
  it('ENG1 a new drill starts with drill.created at seq 0 and no other event', () => {
    const drill = new TestDrill(compiled);
    expect(drill.entries).toHaveLength(1);
    expect(drill.entries[0]).toMatchObject({ seq: 0, at: 0, event: { type: 'drill.created', scenarioId: 'fixture', seed: 'seed-1' } });
    expect(drill.state.lifecycle).toBe('briefing');
  });

  it('ENG2 starting delivers the minute-0 inject and nothing scheduled later', () => {
    const drill = new TestDrill(compiled).start();
    expect(drill.events('inject.delivered')).toEqual([{ type: 'inject.delivered', injectId: 'alert', trigger: 'schedule' }]);
  });

  it('ENG3 each game minute crossed advances exfiltration and fires scheduled injects, whatever the tick size', () => {
    const coarse = new TestDrill(compiled).start();
    coarse.do(min(6), { role: 'system', seat: 'engine' }, { type: 'clock.tick' });
    const fine = new TestDrill(compiled).start();
    for (let s = 10; s <= 360; s += 10) fine.do(s * 1000, { role: 'system', seat: 'engine' }, { type: 'clock.tick' });
    expect(coarse.state.exfil.records).toBe(6000);
    expect(fine.entries).toEqual(coarse.entries);
    expect(coarse.state.injects.map((i) => i.injectId)).toEqual(['alert', 'secret', 'followup']);
  });

  it('ENG4 a stopping action cuts exfiltration and fires the conditional inject and phase change in the same step', () => {
    const drill = new TestDrill(compiled).start();
    const entries = drill.do(min(2.5), SME, take('network-isolate', 'db'));
    expect(entries.map((e) => e.event.type)).toEqual(['exfil.progressed', 'inject.delivered', 'exfil.progressed', 'action.taken', 'exfil.stopped', 'phase.changed', 'inject.delivered']);
    drill.do(min(10), { role: 'system', seat: 'engine' }, { type: 'clock.tick' });
    expect(drill.state.exfil.records).toBe(2000);
    expect(drill.state.phase).toBe('contained');
  });

  it('ENG5 the drill ends by itself at its duration', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(min(45), { role: 'system', seat: 'engine' }, { type: 'clock.tick' });
    expect(drill.state.lifecycle).toBe('ended');
    expect(drill.entries.at(-1)).toMatchObject({ at: min(30), event: { type: 'drill.ended', reason: 'time-up' } });
  });

  it('ENG6 a noisy action rolls the seeded RNG; an alerted attacker fires the fallback unless prevented', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(min(1), SME, take('kill-sessions', 'app'));
    expect(drill.events('adversary.rolled')).toHaveLength(1);
    drill.do(min(5), { role: 'system', seat: 'engine' }, { type: 'clock.tick' });
    expect(drill.events('adversary.fallbackFired')).toEqual([{ type: 'adversary.fallbackFired', kind: 'wipe', target: 'app' }]);
    expect(drill.state.assets.app?.destroyed).toBe(true);

    const prevented = new TestDrill(compiled).start();
    prevented.do(min(1), SME, take('kill-sessions', 'app'));
    prevented.do(min(2), SME, take('network-isolate', 'app'));
    prevented.do(min(5), { role: 'system', seat: 'engine' }, { type: 'clock.tick' });
    expect(prevented.events('adversary.fallbackFired')).toHaveLength(0);
    expect(prevented.events('adversary.fallbackPrevented')).toHaveLength(1);
  });

  it('ENG7 a tip-off chance of 0 never alerts', () => {
    const quiet = compiledFixture({ adversary: { ...compiledFixture().scenario.adversary, tipOff: { chance: 0, fallbackAfterMinutes: 1, fallback: { kind: 'wipe', target: 'app', description: 'x' }, preventedBy: [{ action: 'block-ips' }] } } });
    const drill = new TestDrill(quiet).start();
    drill.do(min(1), SME, take('kill-sessions', 'app'));
    expect(drill.events('adversary.rolled')).toEqual([expect.objectContaining({ alerted: false })]);
  });

  it('ENG8 set-codename records the codename; assess-insider-threat reads the scenario truth', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(min(1), IC, take('set-codename', undefined, 'blue-heron'));
    drill.do(min(2), SME, take('assess-insider-threat'));
    expect(drill.state.codename).toBe('blue-heron');
    expect(drill.state.insider).toBe('ruled-out');
  });

  it('ENG9 a facilitator can push a facilitator-only inject and write an ad-hoc one', () => {
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

  it('ENG10 an action revealing analysis carries the scenario text', () => {
    const drill = new TestDrill(compiled).start();
    const [entry] = drill.do(0, SME, take('identify-compromised-data'));
    expect(entry?.event).toMatchObject({ type: 'action.taken', reveal: { en: 'Customer records were copied.' } });
  });

  it('ENG11 pause freezes players out; resume lets them back in', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(min(1), FAC, { type: 'drill.pause' });
    expect(drill.refuse(min(1), IC, take('page-ic')).code).toBe('PAUSED');
    drill.do(min(1), FAC, { type: 'drill.resume' });
    drill.do(min(1), IC, take('page-ic'));
    expect(drill.state.facts.icPaged).toBe(min(1));
  });

  it('ENG12 task assignment and hints are logged', () => {
    const drill = new TestDrill(compiled).start();
    drill.do(0, IC, { type: 'task.assign', toRole: 'sme', action: 'capture-memory', target: 'db' });
    drill.do(0, IC, { type: 'hint.request' });
    expect(drill.state.tasks).toEqual([{ at: 0, toRole: 'sme', action: 'capture-memory', target: 'db', note: undefined }]);
    expect(drill.state.hints[0]).toMatchObject({ injectId: 'alert', text: { en: 'Page an IC.' } });
  });
});

describe('ENG-R: invalid commands are refused and change nothing', () => {
  const running = () => new TestDrill(compiled).start();
  it('ENG-R1 players cannot act before the drill starts', () => {
    expect(new TestDrill(compiled).refuse(0, IC, take('page-ic')).code).toBe('NOT_STARTED');
  });
  it('ENG-R2 a role outside the action catalog entry is refused', () => {
    const error = running().refuse(0, SCRIBE, take('capture-memory', 'db'));
    expect(error).toMatchObject({ code: 'FORBIDDEN' });
    expect(error.message).toContain('capture-memory');
  });
  it('ENG-R3 observers and players cannot run facilitator commands', () => {
    expect(running().refuse(0, OBSERVER, take('page-ic')).code).toBe('FORBIDDEN');
    expect(running().refuse(0, IC, { type: 'drill.pause' }).code).toBe('FORBIDDEN');
    expect(running().refuse(0, DEPUTY, { type: 'inject.push', injectId: 'exec' }).code).toBe('FORBIDDEN');
    expect(running().refuse(0, SME, { type: 'clock.tick' }).code).toBe('FORBIDDEN');
  });
  it('ENG-R4 unknown actions, targets and injects are named in the error', () => {
    expect(running().refuse(0, SME, take('hack-back')).message).toContain('hack-back');
    expect(running().refuse(0, SME, take('capture-memory', 'mainframe')).code).toBe('UNKNOWN_TARGET');
    expect(running().refuse(0, SME, take('capture-memory')).code).toBe('UNKNOWN_TARGET');
    expect(running().refuse(0, SME, take('block-ips', 'db')).code).toBe('UNKNOWN_TARGET');
    expect(running().refuse(0, FAC, { type: 'inject.push', injectId: 'nope' }).code).toBe('UNKNOWN_INJECT');
  });
  it('ENG-R5 impossible actions say why', () => {
    const drill = running();
    drill.do(0, SME, take('shutdown-instance', 'db'));
    expect(drill.refuse(0, SME, take('capture-memory', 'db'))).toMatchObject({ code: 'NOT_POSSIBLE', message: expect.stringContaining('memory is gone') });
    expect(drill.refuse(0, SME, take('shutdown-instance', 'db')).code).toBe('ALREADY_DONE');
    expect(drill.refuse(0, SME, take('restore-from-backup', 'app')).code).toBe('NOT_POSSIBLE');
    expect(drill.refuse(0, IC, take('set-codename')).code).toBe('NOT_POSSIBLE');
  });
  it('ENG-R6 game time never goes backwards', () => {
    const drill = running();
    drill.do(min(3), IC, take('page-ic'));
    expect(drill.refuse(min(2), IC, take('start-bridge')).code).toBe('TIME_WENT_BACKWARDS');
  });
  it('ENG-R7 malformed commands are refused with the path of the problem', () => {
    const drill = running();
    expect(drill.refuse(0, IC, { type: 'message.send', message: { channel: 'pigeon' } } as never)).toMatchObject({ code: 'INVALID_COMMAND', message: expect.stringContaining('message.channel') });
    expect(drill.refuse(0, FAC, { type: 'drill.setSpeed', speed: 50 }).code).toBe('BAD_SPEED');
    expect(drill.refuse(0, IC, { type: 'bogus' } as never).code).toBe('INVALID_COMMAND');
  });
  it('ENG-R8 nothing is accepted after the drill ends', () => {
    const drill = running();
    drill.do(min(1), FAC, { type: 'drill.end', reason: 'done' });
    expect(drill.refuse(min(2), IC, take('page-ic')).code).toBe('ENDED');
  });
});
