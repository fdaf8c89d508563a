import { describe, expect, it } from 'vitest';
import { redactEntryFor, viewFor } from '../../shared/engine/index.ts';
import { compiledFixture, FAC, IC, min, OBSERVER, SME } from './fixture.ts';
import { TestDrill } from './harness.ts';

const compiled = compiledFixture();

function playedDrill() {
  const drill = new TestDrill(compiled).start();
  drill.do(min(1), SME, { type: 'action.take', action: 'kill-sessions', target: 'app' });
  drill.do(min(2), FAC, { type: 'facilitator.note', text: 'team is slow' });
  drill.do(min(2), IC, { type: 'hint.request' });
  drill.do(min(3), { role: 'sme', seat: 'sme-2' }, { type: 'action.take', action: 'network-isolate', target: 'db' });
  drill.tick(min(8));
  return drill;
}

describe('VIEW: each seat sees only what it may', () => {
  it('VIEW1 players never get the RNG, phase, adversary, notes or upcoming injects', () => {
    const drill = playedDrill();
    for (const viewer of [IC, SME, OBSERVER]) {
      const view = viewFor(compiled, drill.state, viewer);
      const json = JSON.stringify(view);
      expect(view.facilitator).toBeUndefined();
      expect(json).not.toContain('"rng"');
      expect(json).not.toContain('team is slow');
      expect(json).not.toContain('For your eyes');
    }
  });

  it('VIEW2 the facilitator sees notes, phase, adversary and upcoming injects', () => {
    const view = viewFor(compiled, playedDrill().state, FAC);
    expect(view.facilitator?.notes.map((n) => n.text)).toEqual(['team is slow']);
    expect(view.facilitator?.phase).toBe('contained');
    expect(view.facilitator?.upcoming.map((u) => u.injectId)).toEqual(['exec', 'restarted']);
    expect(view.injects.map((i) => i.injectId)).toContain('secret');
  });

  it('VIEW3 inject audiences are respected: the scribe does not see an IC+SME inject', () => {
    const drill = playedDrill();
    expect(viewFor(compiled, drill.state, { role: 'scribe', seat: 'scribe' }).injects.map((i) => i.injectId)).not.toContain('isolated');
    expect(viewFor(compiled, drill.state, IC).injects.map((i) => i.injectId)).toContain('isolated');
  });

  it('VIEW4 hints are private to the seat that asked', () => {
    const drill = playedDrill();
    expect(viewFor(compiled, drill.state, IC).hints).toHaveLength(1);
    expect(viewFor(compiled, drill.state, SME).hints).toHaveLength(0);
  });

  it('VIEW5 redaction drops facilitator-only events and hides the seed from players', () => {
    const drill = playedDrill();
    const forSme = drill.entries.map((e) => redactEntryFor(compiled, e, SME)).filter((e) => e !== null);
    const types = forSme.map((e) => e.event.type);
    expect(types).not.toContain('adversary.rolled');
    expect(types).not.toContain('exfil.progressed');
    expect(types).not.toContain('phase.changed');
    expect(types).not.toContain('facilitator.noted');
    expect(types).not.toContain('hint.given');
    expect(JSON.stringify(forSme[0])).not.toContain('seed-1');
    expect(drill.entries.map((e) => redactEntryFor(compiled, e, FAC))).toEqual(drill.entries);
  });
});
