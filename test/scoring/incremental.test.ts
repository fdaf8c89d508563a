import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../shared/bots/index.ts';
import { execute, type Command, type DrillState, type LogEntry } from '../../shared/engine/index.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import { buildContext, emptyContext, foldEntry, scoreContext, scoreDrill, type ScoringContext } from '../../shared/scoring/index.ts';
import { bundledScenarioFiles } from '../../server/cli/scenario-files.ts';
import { chat, compiledFixture, FAC, IC, min, SCRIBE, SME } from '../engine/fixture.ts';
import { TestDrill } from '../engine/harness.ts';

/*
 * The server keeps a live drill's scoring context and folds each new entry into it rather than
 * re-reading the log. That is only sound if folding is exactly scoring the prefix, and if the
 * context the server keeps (only what the rules read) scores as the whole one does.
 */

describe('SCO-INC: incremental scoring', () => {
  for (const policy of ['by-the-book', 'reckless', 'random'] as const) {
    it(`SCO-INC1 folding entries one at a time equals scoring each prefix of the log (${policy})`, () => {
      const loaded = loadScenario(readFileSync('scenarios/exfiltration-detected.yaml', 'utf8'), 'exfiltration-detected.yaml');
      if (!loaded.ok) throw new Error('bundled scenario does not load');
      const { entries } = simulate(loaded.compiled, { seed: '11', policy });
      const ctx = emptyContext(loaded.compiled);
      entries.forEach((entry, i) => {
        foldEntry(ctx, entry);
        if (i % 7 === 0 || i === entries.length - 1) expect(scoreContext(ctx)).toEqual(scoreDrill(loaded.compiled, entries.slice(0, i + 1)));
      });
    });
  }
});

describe('SCO-MEM: what a live score keeps', () => {
  describe.each(bundledScenarioFiles())('%s', (file) => {
    const loaded = loadScenario(readFileSync(file, 'utf8'), file);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    const { compiled } = loaded;
    it.each(['by-the-book', 'reckless', 'random'] as const)('SCO-MEM1 %s team: a context that keeps only what the rules read scores every prefix as the whole log does', (policy) => {
      const { entries } = simulate(compiled, { seed: '12', policy });
      const ctx = emptyContext(compiled, 'scored');
      entries.forEach((entry, i) => {
        foldEntry(ctx, entry);
        if (i % 11 === 0 || i === entries.length - 1) expect(scoreContext(ctx)).toEqual(scoreDrill(compiled, entries.slice(0, i + 1)));
      });
    });
  });

  /** `rounds` of the load bench's pace on the fixture: a review started and cancelled, a message, a timeline entry, an ad-hoc inject. */
  function played(rounds: number): LogEntry[] {
    const d = new TestDrill(compiledFixture()).start();
    let state: DrillState = d.state;
    const entries = [...d.entries];
    const run = (at: number, actor: typeof IC, command: Command) => {
      const r = execute(d.compiled, state, { at, actor, command });
      if (!r.ok) throw new Error(`${command.type}: ${r.error.message}`);
      state = r.state;
      entries.push(...r.entries);
    };
    for (let i = 0; i < rounds; i++) {
      const at = min(1) + i * 10_000;
      run(at, SME, { type: 'action.take', action: 'review-system-logs', target: 'app' });
      run(at + 1, IC, { type: 'message.send', message: chat(`unmistakable-body-${i} status on the bridge`, ['soc']) });
      run(at + 2, SCRIBE, { type: 'timeline.add', text: `unmistakable-log-${i}` });
      run(at + 3, FAC, { type: 'inject.adhoc', title: `unmistakable-inject-${i}`, body: 'A load-test inject.', audience: 'all' });
      run(at + 4, SME, { type: 'action.cancel', workId: `w${state.made.work}` });
    }
    return entries;
  }

  /** Every string reachable from the context, the compiled scenario aside. */
  function stringsIn(ctx: ScoringContext): string[] {
    const out: string[] = [];
    const seen = new Set<unknown>([ctx.compiled]);
    const walk = (x: unknown): void => {
      if (typeof x === 'string') return void out.push(x);
      if (x === null || typeof x !== 'object' || seen.has(x)) return;
      seen.add(x);
      const values = x instanceof Map ? [...x.keys(), ...x.values()] : Object.values(x);
      for (const v of values) walk(v);
    };
    walk(ctx);
    return out;
  }

  it('SCO-MEM1 a message is a row and its words are not kept; work and timeline entries no rule reads are not kept at all', () => {
    const entries = played(100);
    const ctx = buildContext(compiledFixture(), entries, 'scored');
    expect(ctx.messageRows.length).toBe(100);
    expect(ctx.workRows.length).toBe(0);
    expect(ctx.running.size).toBe(0);
    expect(ctx.timeline).toEqual([]);
    expect(ctx.injects.every((i) => !i.injectId.startsWith('adhoc-'))).toBe(true);
    expect(stringsIn(ctx).filter((s) => s.includes('unmistakable'))).toEqual([]);
    // Reports keep every piece of work and inject.
    const all = buildContext(compiledFixture(), entries, 'all');
    expect(all.workRows.length).toBe(100);
    expect(all.injects.filter((i) => i.injectId.startsWith('adhoc-'))).toHaveLength(100);
  });

  it('SCO-MEM1 what a context keeps per message and per piece of work is the same for 50 rounds as for 500', () => {
    const kept = (rounds: number) => {
      const ctx = buildContext(compiledFixture(), played(rounds), 'scored');
      return { reaches: ctx.reaches.values.length, actors: ctx.actors.values.length, statements: ctx.statements.size, subjects: ctx.subjects.size, details: ctx.details.size, actions: ctx.actions.length, timeline: ctx.timeline.length, work: ctx.workRows.length, running: ctx.running.size };
    };
    expect(kept(500)).toEqual(kept(50));
  });
});
