import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BotTeam, botSeats, POLICIES } from '../../shared/bots/index.ts';
import { createDrill, execute, replay, trimState, viewFor, type Actor, type Command, type DrillState, type ExecuteResult } from '../../shared/engine/index.ts';
import { MS_PER_MINUTE, SYSTEM_ACTOR } from '../../shared/engine/types.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import { bundledScenarioFiles } from '../../server/cli/scenario-files.ts';
import { chat, compiledFixture, FAC, IC, min, SCRIBE, SME } from './fixture.ts';
import { TestDrill } from './harness.ts';

/*
 * A live drill on the server keeps a trimmed state (shared/engine/trim.ts): its history is in the
 * log. Deciding a command on it must give exactly what the whole state gives, or a drill would
 * play differently on the server than in solo mode and in replay.
 */

const FACILITATOR: Actor = { role: 'facilitator', seat: 'facilitator' };

/** What a result says, comparable between the two states. */
const outcome = (r: ExecuteResult) => (r.ok ? { ok: true, entries: JSON.stringify(r.entries) } : { ok: false, error: r.error });

describe('TRIM1: deciding on a trimmed state gives what the whole state gives', () => {
  describe.each(bundledScenarioFiles())('%s', (file) => {
    const loaded = loadScenario(readFileSync(file, 'utf8'), file);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    const { compiled } = loaded;

    it.each(['by-the-book', 'reckless', 'random'] as const)('TRIM1 %s team: every command, and cancellations of work that ended, give the same entries or refusal', (policy) => {
      const created = createDrill(compiled, '4');
      let whole: DrillState = created.state;
      let trimmed: DrillState = trimState(created.state);
      const both = (at: number, actor: Actor, command: Command): boolean => {
        const a = execute(compiled, whole, { at, actor, command });
        const b = execute(compiled, trimmed, { at, actor, command });
        expect(outcome(b), `${command.type} at ${at}`).toEqual(outcome(a));
        if (a.ok && b.ok) {
          whole = a.state;
          trimmed = trimState(b.state);
          expect(trimmed, `state after ${command.type} at ${at}`).toEqual(trimState(whole));
        }
        return a.ok;
      };
      both(0, FACILITATOR, { type: 'drill.start' });
      const team = new BotTeam(POLICIES[policy], botSeats(compiled), '4');
      const endAt = compiled.scenario.durationMinutes * MS_PER_MINUTE;
      // A function, so the checks see the state as the commands leave it.
      const running = () => whole.lifecycle === 'running';
      for (let at = 0; at < endAt && whole.lifecycle !== 'ended'; at += 30_000) {
        both(at, SYSTEM_ACTOR, { type: 'clock.tick' });
        for (const seat of team.seats) {
          if (running()) {
            const command = team.next(compiled, whole, seat, at);
            if (command && !both(at, seat, command)) team.refuse(seat, command);
          }
        }
        // Cancelling work that ended, or that never was, is refused alike (the trimmed state keeps only running work).
        const lead: Actor = { role: 'ic', seat: 'ic' };
        for (const workId of [`w${whole.made.work}`, 'w1', 'w0', `w${whole.made.work + 1}`]) if (running()) both(at, lead, { type: 'action.cancel', workId });
      }
      expect(whole.made.messages + whole.made.work).toBeGreaterThan(0);
    });
  });

  it('TRIM1 a scenario condition on a message sent holds on the trimmed state as on the whole one', () => {
    const d = new TestDrill(compiledFixture()).start();
    d.do(min(1), IC, { type: 'message.send', message: chat('status', ['soc']) });
    const whole = d.state;
    const trimmed = trimState(whole);
    expect(trimmed.messages).toEqual([]);
    expect(trimmed.sentKinds).toEqual(whole.sentKinds);
    expect(whole.sentKinds).toContainEqual({ channel: 'chat', kind: null, org: null });
  });

  it('TRIM1 a cancelled piece of work is refused again by its status, and an unknown one as unknown', () => {
    const d = new TestDrill(compiledFixture()).start();
    d.take(min(1), SME, 'review-system-logs', 'app');
    d.do(min(2), SME, { type: 'action.cancel', workId: 'w1' });
    const trimmed = trimState(d.state);
    expect(trimmed.work).toEqual([]);
    const again = execute(d.compiled, trimmed, { at: min(3), actor: SME, command: { type: 'action.cancel', workId: 'w1' } });
    expect(again).toEqual({ ok: false, error: { code: 'NOT_POSSIBLE', message: 'work w1 is not running (it is cancelled)' } });
    expect(execute(d.compiled, trimmed, { at: min(3), actor: SME, command: { type: 'action.cancel', workId: 'w01' } })).toMatchObject({ ok: false, error: { code: 'UNKNOWN_WORK' } });
  });
});

describe('TRIM2: a trimmed state does not grow with the drill\'s history', () => {
  /** `rounds` of what a player does at the load bench's pace: start work and cancel it, write, log, and an ad-hoc inject. */
  function played(rounds: number): DrillState {
    const d = new TestDrill(compiledFixture()).start();
    let state = trimState(d.state);
    const run = (at: number, actor: typeof IC, command: Command) => {
      const r = execute(d.compiled, state, { at, actor, command });
      if (!r.ok) throw new Error(`${command.type}: ${r.error.message}`);
      state = trimState(r.state);
    };
    for (let i = 0; i < rounds; i++) {
      const at = min(1) + i * 10_000;
      run(at, SME, { type: 'action.take', action: 'review-system-logs', target: 'app' });
      run(at + 1, IC, { type: 'message.send', message: chat(`status ${i}`, ['soc']) });
      run(at + 2, SCRIBE, { type: 'timeline.add', text: `log ${i}` });
      run(at + 3, FAC, { type: 'inject.adhoc', title: `load ${i}`, body: 'A load-test inject.', audience: 'all' });
      run(at + 4, FAC, { type: 'facilitator.note', text: `note ${i}` });
      run(at + 5, SME, { type: 'action.cancel', workId: `w${state.made.work}` });
    }
    return state;
  }

  it('TRIM2 after 10 or 200 rounds it holds the same records: no messages, timeline, notes or ad-hoc injects, and no work that ended', () => {
    const short = played(10);
    const long = played(200);
    const lists = (s: DrillState) => ({ messages: s.messages.length, timeline: s.timeline.length, notes: s.notes.length, work: s.work.length, tasks: s.tasks.length, hints: s.hints.length, sentKinds: s.sentKinds.length });
    expect(lists(long)).toEqual(lists(short));
    expect(lists(long)).toMatchObject({ messages: 0, timeline: 0, notes: 0, work: 0 });
    // Injects: only the scenario's own, which it bounds (more of them fall due in a longer drill).
    expect(long.injects.every((i) => !i.adhoc)).toBe(true);
    expect(long.injects.length).toBeLessThanOrEqual(compiledFixture().scenario.injects.length);
    expect(long.made).toMatchObject({ work: 200, messages: 200, timeline: 200, adhoc: 200 });
    // How each piece of work ended is one byte a piece.
    expect(long.workEnds.byteLength).toBe(200);
  });

  it('TRIM2 the whole state folded from the log still holds every record', () => {
    const d = new TestDrill(compiledFixture()).start();
    d.do(min(1), IC, { type: 'message.send', message: chat('status', ['soc']) });
    d.do(min(1) + 1, SCRIBE, { type: 'timeline.add', text: 'log' });
    const whole = replay(d.compiled, d.entries);
    expect(whole.messages).toHaveLength(1);
    expect(whole.timeline).toHaveLength(1);
    expect(() => viewFor(d.compiled, trimState(whole), IC)).toThrow(/trimmed/);
  });
});
