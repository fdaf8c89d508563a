import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../shared/bots/index.ts';
import { evolve, replay, trimState, viewFor, type DrillState, type LogEntry, type Viewer } from '../../shared/engine/index.ts';
import { applyViewPatch, viewPatch } from '../../shared/engine/view-patch.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import { bundledScenarioFiles } from '../../server/cli/scenario-files.ts';
import { compiledFixture, DEPUTY, FAC, IC, min, OBSERVER, SCRIBE, SME } from './fixture.ts';
import { TestDrill } from './harness.ts';

/*
 * A client keeps its view current by applying the patch sent with each command's entries. That is
 * only sound if patching never drifts from what the server would send as a whole view.
 */

const VIEWERS: Viewer[] = [FAC, IC, DEPUTY, SCRIBE, SME, OBSERVER];

/** The log cut into batches of 1–4 entries (a command's worth), the same cut every run. */
function batches(entries: LogEntry[], seed: number): LogEntry[][] {
  const out: LogEntry[][] = [];
  let x = seed;
  for (let i = 0; i < entries.length; ) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const n = 1 + (x % 4);
    out.push(entries.slice(i, i + n));
    i += n;
  }
  return out;
}

describe('VIEW-P: views kept current by patches', () => {
  describe.each(bundledScenarioFiles())('%s', (file) => {
    const loaded = loadScenario(readFileSync(file, 'utf8'), file);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    const { compiled } = loaded;

    it.each(['by-the-book', 'reckless', 'random'] as const)('VIEW-P1 %s team: welcome view + every patch = the whole view, for every seat, after every command', (policy) => {
      const { entries } = simulate(compiled, { seed: '3', policy });
      const rest = entries.slice(1);
      let state: DrillState = replay(compiled, entries.slice(0, 1));
      const views = new Map(VIEWERS.map((v) => [v.seat, viewFor(compiled, state, v)]));
      let patched = 0;
      for (const batch of batches(rest, 7)) {
        const before = state;
        for (const entry of batch) state = evolve(compiled, state, entry);
        for (const viewer of VIEWERS) {
          const patch = viewPatch(compiled, before, state, viewer);
          if (patch) {
            patched++;
            views.set(viewer.seat, applyViewPatch(views.get(viewer.seat)!, patch));
          }
          // Fields a patch may leave stale when nothing visible changed: only seq and clock.
          const expected = viewFor(compiled, state, viewer);
          const actual = views.get(viewer.seat)!;
          expect({ ...actual, seq: 0, clock: 0 }, `${viewer.seat} at seq ${state.seq}`).toEqual({ ...expected, seq: 0, clock: 0 });
        }
      }
      expect(patched).toBeGreaterThan(rest.length / 4);
    });

    it.each(['by-the-book', 'reckless', 'random'] as const)('VIEW-P2 TRIM3 %s team: the patches worked out from a trimmed state, as the server keeps it, are those of the whole state', (policy) => {
      const { entries } = simulate(compiled, { seed: '3', policy });
      let whole: DrillState = replay(compiled, entries.slice(0, 1));
      for (const batch of batches(entries.slice(1), 7)) {
        const before = whole;
        // The server decides each command on its trimmed state; the engine's result holds the command's own records.
        const trimmedBefore = trimState(before);
        let trimmedAfter = trimmedBefore;
        for (const entry of batch) {
          whole = evolve(compiled, whole, entry);
          trimmedAfter = evolve(compiled, trimmedAfter, entry);
        }
        for (const viewer of VIEWERS) expect(viewPatch(compiled, trimmedBefore, trimmedAfter, viewer), `${viewer.seat} at seq ${whole.seq}`).toEqual(viewPatch(compiled, before, whole, viewer));
      }
    });
  });
});

describe('VIEW-P: a patch tells each seat only what it may know', () => {
  const compiled = compiledFixture();

  it('VIEW-P2 a facilitator note patches the facilitator and nobody else', () => {
    const drill = new TestDrill(compiled).start();
    const before = drill.state;
    drill.do(0, FAC, { type: 'facilitator.note', text: 'team is slow' });
    expect(viewPatch(compiled, before, drill.state, FAC)?.facilitator?.notes?.map((n) => n.text)).toEqual(['team is slow']);
    for (const viewer of [IC, SME, OBSERVER]) expect(viewPatch(compiled, before, drill.state, viewer)).toBeNull();
  });

  it('VIEW-P3 a hint patches the seat that asked, not the other players', () => {
    const drill = new TestDrill(compiled).start();
    const before = drill.state;
    drill.do(min(1), IC, { type: 'hint.request' });
    expect(viewPatch(compiled, before, drill.state, IC)?.hints).toHaveLength(1);
    expect(viewPatch(compiled, before, drill.state, DEPUTY)?.hints).toBeUndefined();
  });

  it('VIEW-P4 players never get the facilitator block, the RNG or the story phase in a patch', () => {
    const drill = new TestDrill(compiled).start();
    const before = drill.state;
    drill.do(min(1), SME, { type: 'action.take', action: 'kill-sessions', target: 'app' });
    drill.do(min(3), { role: 'sme', seat: 'sme-2' }, { type: 'action.take', action: 'network-isolate', target: 'db' });
    drill.tick(min(8));
    for (const viewer of [IC, SME, OBSERVER]) {
      const patch = viewPatch(compiled, before, drill.state, viewer);
      expect(patch).not.toBeNull();
      expect(patch?.facilitator).toBeUndefined();
      expect(JSON.stringify(patch)).not.toMatch(/"rng"|"phase"|"truth"|"compromised"/);
    }
    expect(viewPatch(compiled, before, drill.state, FAC)?.facilitator?.phase).toBe('contained');
  });
});
