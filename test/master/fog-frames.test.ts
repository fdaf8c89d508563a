import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BotTeam, botSeats, POLICIES } from '../../shared/bots/index.ts';
import { createDrill, execute, redactEntryFor, viewFor, type Actor, type DrillState, type LogEntry, type Viewer } from '../../shared/engine/index.ts';
import type { DrillView } from '../../shared/engine/view-types.ts';
import type { ViewPatch } from '../../shared/engine/view-patch.ts';
import { fanOut } from '../../shared/master/index.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import { bundledScenarioFiles } from '../../server/cli/scenario-files.ts';

/*
 * FOG-FRAMES: whole drills played by the three bot teams on every bundled scenario, with every frame
 * each player seat would receive (its welcome, then each command's deliveries) checked against
 * what the team knew at that moment. No frame may tell a player the truth: which systems are
 * compromised, the way in, the real data leaving, whether an insider is real, or the adversary's
 * moves, unless the team had learned it.
 */

const PLAYERS: Viewer[] = [
  { role: 'ic', seat: 'ic' },
  { role: 'deputy', seat: 'deputy' },
  { role: 'scribe', seat: 'scribe' },
  { role: 'sme', seat: 'sme-1' },
  { role: 'observer', seat: 'observer-1' },
];
const FACILITATOR_ONLY = ['adversary.rolled', 'adversary.noticed', 'adversary.fallbackFired', 'adversary.fallbackPrevented', 'exfil.progressed', 'exfil.stopped', 'phase.changed', 'facilitator.noted'];

/** What a frame may say about the team's knowledge, checked against the full state at that moment. */
function checkView(view: Partial<DrillView> | ViewPatch, state: DrillState, where: string): void {
  const json = JSON.stringify(view);
  expect(json, where).not.toMatch(/"truth"|"compromised"|"attackerReads":true|"rng"|"alertedAt"/);
  for (const [id, asset] of Object.entries(view.assets ?? {})) {
    expect(asset.knowledge, `${where} asset ${id}`).toBe(state.knowledge.assets[id]?.level ?? 'unknown');
  }
  for (const fact of Object.keys(view.known ?? {})) expect(state.knowledge.facts[fact], `${where} fact ${fact}`).toBeDefined();
  if (view.exfil && view.exfil.stopped !== null) expect(state.knowledge.facts.exfil, `${where} exfil`).toBeDefined();
  if (view.exfil && view.exfil.records !== null) expect(state.knowledge.facts.records, `${where} records`).toBeDefined();
}

function checkEntry(entry: LogEntry, state: DrillState, where: string): void {
  expect(FACILITATOR_ONLY, where).not.toContain(entry.event.type);
  const e = entry.event;
  if (e.type === 'drill.created') expect({ seed: e.seed, entry: e.truth.entry, compromised: e.truth.compromised }, where).toEqual({ seed: '', entry: '', compromised: {} });
  if (e.type === 'message.sent') expect(e.reach.attackerReads, where).toBe(false);
  if (e.type === 'knowledge.learned' && 'asset' in e.item) expect(state.knowledge.assets[e.item.asset]?.level, where).toBe(e.item.level);
}

describe('FOG-FRAMES: the checks can tell', () => {
  it('FOG-FRAMES0 an unredacted log entry or the facilitator\'s view fails them', () => {
    const file = bundledScenarioFiles()[0]!;
    const loaded = loadScenario(readFileSync(file, 'utf8'), file);
    if (!loaded.ok) throw new Error(file);
    const { state, entries } = createDrill(loaded.compiled, '4');
    expect(() => checkEntry(entries[0]!, state, 'raw')).toThrow();
    expect(() => checkView(viewFor(loaded.compiled, state, { role: 'facilitator', seat: 'facilitator' }), state, 'facilitator')).toThrow();
  });
});

describe.each(bundledScenarioFiles())('FOG-FRAMES %s', (file) => {
  const loaded = loadScenario(readFileSync(file, 'utf8'), file);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  const { compiled } = loaded;

  it.each(['by-the-book', 'reckless', 'random'] as const)('FOG-FRAMES1 no frame a %s team\'s players receive tells them more than the team had learned', (policy) => {
    const seed = '4';
    const created = createDrill(compiled, seed);
    let state = created.state;
    for (const viewer of PLAYERS) {
      // The first welcome: nothing is known yet, nothing compromised is shown.
      const welcome = viewFor(compiled, state, viewer);
      checkView(welcome, state, `${viewer.seat} welcome`);
      expect(Object.values(welcome.assets).every((a) => a.knowledge === 'unknown'), `${viewer.seat} welcome`).toBe(true);
      // A seat catching up is sent the log as it may see it.
      for (const entry of created.entries) {
        const seen = redactEntryFor(compiled, entry, viewer);
        if (seen) checkEntry(seen, state, `${viewer.seat} created`);
      }
    }
    const seats = botSeats(compiled);
    const team = new BotTeam(POLICIES[policy], seats, seed);
    const end = compiled.scenario.durationMinutes * 60_000;
    let frames = 0;
    const send = (at: number, actor: Actor, command: Parameters<typeof execute>[2]['command']) => {
      const before = state;
      const result = execute(compiled, state, { at, actor, command });
      if (!result.ok) return false;
      state = result.state;
      for (const delivery of fanOut(compiled, result.entries, before, state, PLAYERS)) {
        frames++;
        const where = `${delivery.seats.join('+')} at seq ${state.seq}`;
        for (const entry of delivery.entries) checkEntry(entry, state, where);
        if (delivery.patch) checkView(delivery.patch, state, where);
      }
      return true;
    };
    send(0, { role: 'facilitator', seat: 'facilitator' }, { type: 'drill.start' });
    for (let at = 0; at < end && state.lifecycle !== 'ended'; at += 30_000) {
      send(at, { role: 'system', seat: 'engine' }, { type: 'clock.tick' });
      for (const seat of seats) {
        const command = team.next(compiled, state, seat, at);
        if (command && !send(at, seat, command)) team.refuse(seat, command);
      }
      // A late joiner's welcome at any moment says no more than the team knew then.
      if (at % (10 * 60_000) === 0) for (const viewer of PLAYERS) checkView(viewFor(compiled, state, viewer), state, `${viewer.seat} late welcome at ${at}`);
    }
    expect(frames).toBeGreaterThan(50);
  });
});
