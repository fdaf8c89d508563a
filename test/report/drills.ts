import { readdirSync, readFileSync } from 'node:fs';
import { simulate, type PolicyId } from '../../shared/bots/index.ts';
import type { LogEntry } from '../../shared/engine/types.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { chat, compiledFixture, DEPUTY, FAC, IC, min, SCRIBE, SME, SME2 } from '../engine/fixture.ts';
import { TestDrill } from '../engine/harness.ts';

/*
 * Drills the report tests read: one written by hand on the engine fixture that holds every kind of
 * narrative item (and hostile text), and bot teams on the bundled scenarios for breadth.
 */

/** Text a player could type that must stay text in every report. */
export const HOSTILE = '<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>';

/**
 * On the fixture: the alert, a hint, an inject for the IC alone, a facilitator-only inject, a note,
 * work that completes, is cancelled or destroys evidence, a task, a message, a timeline entry, a
 * decision answered late, the theft cut, and the end.
 */
export function handDrill(compiled: CompiledScenario = compiledFixture()): TestDrill {
  const d = new TestDrill(compiled).start();
  d.take(0, DEPUTY, 'page-ic');
  d.take(0, SME, 'review-system-logs', 'app');
  d.do(min(1), IC, { type: 'hint.request' });
  d.do(min(1), FAC, { type: 'inject.adhoc', title: 'IC-ONLY briefing', body: 'Only you know this.', audience: ['ic'] });
  d.do(min(1), FAC, { type: 'inject.adhoc', title: 'BACKSTAGE-only', body: 'For the facilitator.', audience: 'facilitator' });
  d.do(min(2), FAC, { type: 'facilitator.note', text: 'NOTE-the team is slow' });
  d.take(min(2), DEPUTY, 'open-private-channel');
  d.do(min(3), IC, { type: 'task.assign', toSeat: SME2.seat, action: 'capture-memory', target: 'app', note: 'before anything else' });
  d.take(min(3), SME2, 'capture-memory', 'app');
  d.do(min(4), FAC, { type: 'inject.push', injectId: 'exec' });
  d.do(min(5), IC, { type: 'message.send', message: chat(`Status: ${HOSTILE}`, ['incident-room'], { subject: 'Attorney Work Product' }) });
  d.do(min(6), SCRIBE, { type: 'timeline.add', text: `Way in ${HOSTILE}`, claimedAt: -min(30), asset: 'app', kind: 'initial-access' });
  d.do(min(10), IC, { type: 'decision.answer', injectId: 'exec', option: 'hold' });
  d.tick(min(15));
  d.take(min(16), SME, 'network-isolate', 'app');
  d.tick(min(18));
  d.take(min(19), SME2, 'image-disk', 'db');
  d.do(min(25), IC, { type: 'action.cancel', workId: d.state.work.at(-1)!.id });
  d.take(min(26), SME2, 'terminate-instance', 'db');
  d.tick(min(29));
  d.do(min(30), FAC, { type: 'drill.end', reason: 'done' });
  return d;
}

/**
 * The bundled scenarios the engine plays. A file still in the previous format (formatVersion 1) is
 * left out with a warning that names it; any other problem fails the test run.
 */
export function playableScenarios(): CompiledScenario[] {
  const out: CompiledScenario[] = [];
  for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort()) {
    const text = readFileSync(`scenarios/${file}`, 'utf8');
    const loaded = loadScenario(text, file);
    if (loaded.ok) out.push(loaded.compiled);
    else if (/^formatVersion: 1$/m.test(text)) console.warn(`report tests leave out scenarios/${file}: it is still in scenario format 1`);
    else throw new Error(`bundled scenario ${file} does not load: ${loaded.problems.map((p) => p.message).join('; ')}`);
  }
  return out;
}

export interface BotDrill {
  compiled: CompiledScenario;
  policy: PolicyId;
  seed: string;
  entries: LogEntry[];
}

/** Every playable bundled scenario by every bot policy, on the given seeds. */
export function botDrills(seeds: readonly string[], policies: readonly PolicyId[] = ['by-the-book', 'reckless', 'random']): BotDrill[] {
  return playableScenarios().flatMap((compiled) => policies.flatMap((policy) => seeds.map((seed) => ({ compiled, policy, seed, entries: simulate(compiled, { seed, policy }).entries }))));
}
