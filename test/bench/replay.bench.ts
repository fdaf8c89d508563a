import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createDrill, execute, replay } from '../../shared/engine/index.ts';
import type { Command, LogEntry } from '../../shared/engine/types.ts';
import { buildReport, renderHtml, renderMarkdown } from '../../shared/report/index.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import { percentile, progress, report } from './lib/results.ts';

/*
 * Replay speed (events folded per second) and the time to build and render the report of a long
 * drill. Targets: at least 100,000 events/s; a 10,000-event report in at most 200 ms.
 */

const { values } = parseArgs({ options: { events: { type: 'string', default: '10000' }, runs: { type: 'string', default: '20' } } });
const target = Number(values.events);
const runs = Number(values.runs);

const loaded = loadScenario(readFileSync('scenarios/exfiltration-detected.yaml', 'utf8'), 'exfiltration-detected.yaml');
if (!loaded.ok) throw new Error('scenario invalid');
const { compiled } = loaded;

// A long, busy drill: players talk, log and act every few game seconds for the whole duration.
const created = createDrill(compiled, 'bench');
let state = created.state;
const entries: LogEntry[] = [...created.entries];
const run = (at: number, role: 'ic' | 'scribe' | 'sme' | 'facilitator', command: Command) => {
  const r = execute(compiled, state, { at, actor: { role, seat: role === 'sme' ? 'sme-1' : role }, command });
  if (r.ok) {
    state = r.state;
    entries.push(...r.entries);
  }
};
run(0, 'facilitator', { type: 'drill.start' });
const stepMs = Math.max(1, Math.floor((compiled.scenario.durationMinutes * 60_000 - 1000) / target));
for (let i = 0; entries.length < target && state.lifecycle !== 'ended'; i++) {
  const at = i * stepMs;
  if (i % 3 === 0) run(at, 'ic', { type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: 'Attorney Work Product', body: `update ${i}`, encrypted: false } });
  else if (i % 3 === 1) run(at, 'scribe', { type: 'timeline.add', text: `entry ${i}` });
  else run(at, 'sme', { type: 'action.take', action: i % 2 ? 'review-network-logs' : 'review-system-logs' });
}
console.error(`built a drill of ${entries.length} events`);

const replayTimes: number[] = [];
const reportTimes: number[] = [];
const tick = progress('replay+report', runs);
for (let i = 0; i < runs; i++) {
  let t0 = performance.now();
  replay(compiled, entries);
  replayTimes.push(performance.now() - t0);
  t0 = performance.now();
  const r = buildReport(compiled, entries, { locale: 'en' });
  renderHtml(r);
  renderMarkdown(r);
  reportTimes.push(performance.now() - t0);
  tick(i + 1);
}
const replayMs = percentile(replayTimes, 50);
report('replay', {
  events: entries.length,
  runs,
  replayMedianMs: Number(replayMs.toFixed(2)),
  eventsPerSecond: Math.round(entries.length / (replayMs / 1000)),
  reportMedianMs: Number(percentile(reportTimes, 50).toFixed(2)),
  reportP95Ms: Number(percentile(reportTimes, 95).toFixed(2)),
  targets: 'replay>=100000/s report<=200ms',
});
