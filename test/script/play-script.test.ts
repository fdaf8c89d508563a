import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../shared/scenario/index.ts';
import { parsePlayScript, runScript, toPlayScript } from '../../shared/script/index.ts';
import type { CommandEnvelope } from '../../shared/engine/types.ts';
import { readFileSync } from 'node:fs';

/* The play-script format has one writer and one reader, both in shared/script/ (SCRIPT1). */

const at = (minutes: number, seconds = 0, ms = 0) => (minutes * 60 + seconds) * 1000 + ms;

/** One of every step kind, from several seats, at times that are not whole minutes. */
const ENVELOPES: CommandEnvelope[] = [
  { at: 0, actor: { role: 'facilitator', seat: 'facilitator' }, command: { type: 'drill.start' } },
  { at: at(0, 30, 7), actor: { role: 'deputy', seat: 'deputy' }, command: { type: 'action.take', action: 'page-ic' } },
  { at: at(1), actor: { role: 'ic', seat: 'ic' }, command: { type: 'action.take', action: 'set-codename', detail: 'granite-heron' } },
  { at: at(1, 1, 1), actor: { role: 'sme', seat: 'sme-1' }, command: { type: 'action.take', action: 'capture-memory', target: 'app-1' } },
  { at: at(1, 2), actor: { role: 'sme', seat: 'sme-2' }, command: { type: 'action.take', action: 'image-disk', target: 'app-1' } },
  { at: at(2), actor: { role: 'ic', seat: 'ic' }, command: { type: 'task.assign', toSeat: 'sme-1', action: 'network-isolate', target: 'app-1', note: 'now' } },
  { at: at(2, 10), actor: { role: 'ic', seat: 'ic' }, command: { type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: 'Attorney Work Product', body: 'isolate app-1', encrypted: true } } },
  { at: at(3), actor: { role: 'scribe', seat: 'scribe' }, command: { type: 'timeline.add', text: 'Exploit landed on app-1', claimedAt: -at(40) } },
  { at: at(3, 5), actor: { role: 'scribe', seat: 'scribe' }, command: { type: 'timeline.add', text: 'no claim' } },
  { at: at(4), actor: { role: 'facilitator', seat: 'facilitator' }, command: { type: 'inject.push', injectId: 'exec-update' } },
  { at: at(4, 1), actor: { role: 'facilitator', seat: 'facilitator' }, command: { type: 'inject.adhoc', title: 'Reporter calls', body: 'Line 2', audience: ['ic', 'deputy'] } },
  { at: at(4, 2), actor: { role: 'facilitator', seat: 'facilitator' }, command: { type: 'facilitator.note', text: 'slow start' } },
  { at: at(5), actor: { role: 'facilitator', seat: 'facilitator' }, command: { type: 'drill.setSpeed', speed: 2.5 } },
  { at: at(5, 1), actor: { role: 'facilitator', seat: 'facilitator' }, command: { type: 'drill.pause' } },
  { at: at(5, 1), actor: { role: 'facilitator', seat: 'facilitator' }, command: { type: 'drill.resume' } },
  { at: at(6, 0, 999), actor: { role: 'deputy', seat: 'deputy' }, command: { type: 'hint.request' } },
  { at: at(30), actor: { role: 'facilitator', seat: 'facilitator' }, command: { type: 'drill.end', reason: 'debrief' } },
];

describe('SCRIPT: play scripts written and read in one place', () => {
  it('SCRIPT1 parsePlayScript(toPlayScript(seed, envelopes)) gives back the same seed and envelopes, for every kind of step', () => {
    const parsed = parsePlayScript(toPlayScript('7', ENVELOPES));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    expect(parsed.script.seed).toBe('7');
    expect(parsed.envelopes).toEqual(ENVELOPES);
  });

  it('SCRIPT1 clock ticks are not steps: the script leaves them out, and replaying it gives the same log', () => {
    const loaded = loadScenario(readFileSync('scenarios/exfiltration-detected.yaml', 'utf8'), 'exfiltration-detected.yaml');
    if (!loaded.ok) throw new Error('scenario does not load');
    const tick = (ms: number): CommandEnvelope => ({ at: ms, actor: { role: 'system', seat: 'engine' }, command: { type: 'clock.tick' } });
    const withTicks = [ENVELOPES[0]!, tick(at(0, 20)), ...ENVELOPES.slice(1, 8), tick(at(3, 1)), ...ENVELOPES.slice(8)];
    const parsed = parsePlayScript(toPlayScript('7', withTicks));
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    expect(parsed.envelopes).toEqual(ENVELOPES);
    expect(runScript(loaded.compiled, '7', parsed.envelopes).entries).toEqual(runScript(loaded.compiled, '7', withTicks).entries);
  });

  it('SCRIPT1 a claimed time before the drill may be written "-mm:ss"', () => {
    const parsed = parsePlayScript('steps:\n  - { at: 5, as: scribe, log: "Exploit landed", claimedAt: "-40:30" }\n');
    if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
    expect(parsed.envelopes[0]?.command).toEqual({ type: 'timeline.add', text: 'Exploit landed', claimedAt: -at(40, 30) });
    expect(parsePlayScript('steps:\n  - { at: "-1:00", as: scribe, log: "x" }\n').ok).toBe(false);
  });
});
