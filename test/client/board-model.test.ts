import { describe, expect, it } from 'vitest';
import { BOX, businessImpact, layers, layout, nodeModels, type Rect } from '../../client/src/game/board-model.ts';
import { BUNDLED } from '../../client/src/scenarios.ts';
import { createDrill, execute } from '../../shared/engine/execute.ts';
import type { Actor, Command, DrillState } from '../../shared/engine/types.ts';
import { viewFor } from '../../shared/engine/view.ts';
import { CRITICALITY_WEIGHT } from '../../shared/scoring/context.ts';

/*
 * What the situation board draws, without a canvas: the team's knowledge (never the truth unless
 * the facilitator's overlay asks for it), work in progress, the business-impact meter, and a layout
 * whose boxes never overlap and stay on the board at desktop and phone widths.
 */

const compiled = BUNDLED.find((c) => c.scenario.id === 'exfiltration-detected')!;
const FAC = { role: 'facilitator', seat: 'facilitator' } as const;
const SME = { role: 'sme', seat: 'sme-1' } as const;

function run(steps: [number, Actor, Command][]): DrillState {
  let state = createDrill(compiled, '3').state;
  for (const [at, actor, command] of steps) {
    const r = execute(compiled, state, { at, actor, command });
    if (!r.ok) throw new Error(`${command.type}: ${r.error.message}`);
    state = r.state;
  }
  return state;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('BOARD: the situation board model', () => {
  it('BOARD1 systems are laid out in layers along their links, boxes apart and inside the board, wide and narrow', () => {
    const assets = compiled.scenario.assets;
    expect(layers(assets)).toEqual([['web-lb'], ['app-1', 'app-2'], ['db-prod', 'bastion'], ['backup-vault']]);
    for (const [w, h] of [[760, 400], [1100, 400], [370, 396], [320, 500]] as const) {
      const rects = [...layout(assets, w, h).values()];
      expect(rects).toHaveLength(assets.length);
      for (const r of rects) {
        expect(r.x, `${w}x${h}`).toBeGreaterThanOrEqual(0);
        expect(r.y, `${w}x${h}`).toBeGreaterThanOrEqual(0);
        expect(r.x + r.w, `${w}x${h}`).toBeLessThanOrEqual(w);
        expect(r.y + r.h, `${w}x${h}`).toBeLessThanOrEqual(h);
        expect(r.w).toBeGreaterThanOrEqual(BOX.minW);
        expect(r.h).toBeGreaterThanOrEqual(BOX.minH);
      }
      for (const a of rects) for (const b of rects) if (a !== b) expect(overlaps(a, b), `${w}x${h}`).toBe(false);
    }
    // A loop in the links does not hang the layout, and every system still gets a place.
    const loop = [{ id: 'a', links: ['b'] }, { id: 'b', links: ['c'] }, { id: 'c', links: ['a'] }];
    expect(layers(loop).flat().sort()).toEqual(['a', 'b', 'c']);
  });

  it('BOARD2 a player’s board shows what the team knows and never the truth; the facilitator’s overlay shows it', () => {
    const state = run([[0, FAC, { type: 'drill.start' }]]);
    const ic = viewFor(compiled, state, { role: 'ic', seat: 'ic' });
    const models = nodeModels(ic, null, 60_000);
    expect(models.find((m) => m.id === 'db-prod')?.knowledge).toBe('suspected');
    expect(models.every((m) => m.truth === null)).toBe(true);
    expect(JSON.stringify(ic)).not.toContain('"compromised"');
    const fac = viewFor(compiled, state, FAC);
    const withTruth = nodeModels(fac, fac.facilitator!.truth, 60_000);
    const entry = fac.facilitator!.truth.entry;
    expect(withTruth.find((m) => m.id === entry)?.truth).toMatchObject({ entry: true });
    expect(withTruth.find((m) => m.id === 'db-prod')?.truth).toMatchObject({ entry: false });
    expect(withTruth.find((m) => m.id === 'backup-vault')?.truth).toBeNull();
  });

  it('BOARD3 work in progress shows on its system; business impact is downtime minutes times criticality', () => {
    const state = run([[0, FAC, { type: 'drill.start' }], [0, SME, { type: 'action.take', action: 'network-isolate', target: 'app-2' }]]);
    const view = viewFor(compiled, state, SME);
    expect(nodeModels(view, null, 60_000).find((m) => m.id === 'app-2')?.work).toMatchObject({ seat: 'sme-1', action: 'network-isolate', endsAt: 4 * 60_000 });
    expect(businessImpact(view, 60_000)).toBe(0);
    const isolated = run([[0, FAC, { type: 'drill.start' }], [0, SME, { type: 'action.take', action: 'network-isolate', target: 'app-2' }], [4 * 60_000, FAC, { type: 'clock.tick' }]]);
    const after = viewFor(compiled, isolated, SME);
    expect(nodeModels(after, null, 4 * 60_000).find((m) => m.id === 'app-2')).toMatchObject({ down: true, flags: ['isolated'], work: null });
    // Down from minute 4: at minute 14 that is 10 minutes of a high-criticality system.
    expect(businessImpact(after, 14 * 60_000)).toBe(10 * CRITICALITY_WEIGHT.high);
  });
});
