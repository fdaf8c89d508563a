import { describe, expect, it } from 'vitest';
import { buildReport, renderHtml, renderJson, renderMarkdown, type Report } from '../../shared/report/index.ts';
import { CHECKLIST } from '../../shared/runbook/checklist.ts';
import { scoreDrill } from '../../shared/scoring/index.ts';
import { msg, renderMsg } from '../../shared/i18n/message.ts';
import { STEP_PRECEDENCE } from '../../shared/report/steps.ts';
import { compiledFixture, FAC, IC, min } from '../engine/fixture.ts';
import { TestDrill } from '../engine/harness.ts';
import { botDrills, handDrill } from './drills.ts';

/*
 * The report model: every section is there and says what the log says. Work is a span with its seat,
 * messages carry their derived audience, decisions their fate; findings, what went well, action
 * items, hotwash questions and the runbook chart never contradict each other.
 */

const d = handDrill();
const report = buildReport(d.compiled, d.entries, { locale: 'en' });
const item = (r: Report, kind: string, title: string) => r.narrative.find((i) => i.kind === kind && i.title.includes(title));

describe('REP3: every section of the model, from a drill written by hand', () => {
  it('REP3 the narrative merges injects, decisions, work, tasks, messages, entries, hints and knowledge, numbered in time order', () => {
    expect(new Set(report.narrative.map((i) => i.kind))).toEqual(new Set(['inject', 'decision', 'work', 'task', 'message', 'entry', 'hint', 'knowledge']));
    expect(report.narrative.map((i) => i.n)).toEqual(report.narrative.map((_, i) => i + 1));
    const times = report.narrative.map((i) => i.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('REP3 work is a span from start to how it ended, with the seat that did it', () => {
    const review = item(report, 'work', 'Review remote system logs');
    expect(review).toMatchObject({ at: 0, end: min(15), status: 'success', lane: { seat: 'sme-1' }, who: 'Subject-Matter Expert 1' });
    expect(review?.detail[0]).toBe('completed: T+0:00 → T+15:00 (15 min)');
    expect(review?.detail).toContain('App server was broken into at 20:30.');
    const image = item(report, 'work', 'disk image');
    expect(image).toMatchObject({ at: min(19), end: min(25), status: 'cancelled', lane: { seat: 'sme-2' } });
    expect(image?.detail).toContain('cancelled by Incident Commander');
    expect(item(report, 'work', 'Capture live memory')).toMatchObject({ status: 'failed', end: min(18) });
    expect(item(report, 'task', 'Capture live memory')).toMatchObject({ at: min(3), lane: { seat: 'ic' }, title: '“Capture live memory” assigned to Subject-Matter Expert 2' });
  });

  it('REP3 work still running when the drill ends is shown unfinished, up to the end', () => {
    const x = new TestDrill(compiledFixture()).start();
    x.take(min(1), { role: 'sme', seat: 'sme-1' }, 'image-disk', 'db');
    x.do(min(10), FAC, { type: 'drill.end', reason: 'time' });
    const r = buildReport(x.compiled, x.entries, { locale: 'en' });
    expect(item(r, 'work', 'disk image')).toMatchObject({ at: min(1), end: min(10), status: 'unfinished' });
  });

  it('REP3 a report of a drill still running shows its work as running; a drill not yet started still renders', () => {
    const x = new TestDrill(compiledFixture()).start();
    x.take(min(1), { role: 'sme', seat: 'sme-1' }, 'image-disk', 'db');
    x.tick(min(5));
    const r = buildReport(x.compiled, x.entries, { locale: 'en' });
    expect(item(r, 'work', 'disk image')).toMatchObject({ at: min(1), end: min(5), status: 'running' });
    expect(r.drill.ended).toBe(false);
    const fresh = new TestDrill(compiledFixture());
    const empty = buildReport(fresh.compiled, fresh.entries, { locale: 'en' });
    expect(empty.narrative).toEqual([]);
    expect(renderHtml(empty)).toContain('<section id="steps"');
    expect(renderMarkdown(empty)).toContain('## Checklist steps');
  });

  it('REP3 a message names its recipients and the audience it reached; a timeline entry its claimed time', () => {
    const message = report.narrative.find((i) => i.kind === 'message');
    expect(message).toMatchObject({ at: min(5), who: 'Incident Commander', title: 'chat to Incident channel' });
    expect(message?.detail[0]).toBe('reached the team');
    expect(message?.detail).toContain('Subject: Attorney Work Product');
    expect(report.narrative.find((i) => i.kind === 'entry')?.detail).toEqual(['says it happened at T-30:00', 'App server']);
  });

  it('REP3 a decision is a window from asked to due, with its answer (late here) or its miss', () => {
    expect(item(report, 'decision', 'Restart?')).toMatchObject({ at: min(4), end: min(9), mark: min(10), status: 'late' });
    expect(item(report, 'decision', 'Restart?')?.detail).toContain('“Hold”, by Incident Commander at T+10:00');
    const x = new TestDrill(compiledFixture()).start();
    x.do(min(1), FAC, { type: 'inject.push', injectId: 'exec' });
    x.tick(min(8));
    const r = buildReport(x.compiled, x.entries, { locale: 'en' });
    expect(item(r, 'decision', 'Restart?')).toMatchObject({ at: min(1), end: min(6), mark: min(6), status: 'missed' });
    expect(r.hotwash.find((q) => q.source === 'decision')?.question).toBe('“Restart?” was due at T+6:00 and went unanswered. What got in the way?');
  });

  it('REP3 knowledge says what the team established and from what, when it did', () => {
    expect(report.narrative.filter((i) => i.kind === 'knowledge' && i.at === min(15)).map((i) => [i.title, i.detail[0]])).toEqual([
      ['App server: confirmed compromised', 'from Review remote system logs (Subject-Matter Expert 1)'],
      ['Attacker logs in to the way in (T-30:00)', 'from Review remote system logs (Subject-Matter Expert 1)'],
      ['The way in: App server', 'from Review remote system logs (Subject-Matter Expert 1)'],
    ]);
    expect(item(report, 'knowledge', 'Data is leaving')?.detail).toEqual(['from Unusual egress']);
  });

  it('REP3 per-seat scores are the scoring\'s, named by role; the team\'s score is the headline unless a seat is asked for', () => {
    const score = scoreDrill(d.compiled, d.entries);
    expect(report.seats.map(({ name: _name, ...s }) => s)).toEqual(score.seats);
    expect(report.seats.map((s) => s.name)).toEqual(['Incident Commander', 'Deputy', 'Scribe', 'Subject-Matter Expert 1', 'Subject-Matter Expert 2']);
    expect(report.headline).toBeNull();
    const solo = buildReport(d.compiled, d.entries, { locale: 'en', headlineSeat: 'sme-2' });
    expect(solo.headline).toEqual(report.seats.find((s) => s.seat === 'sme-2'));
    expect(solo.score).toEqual(report.score);
    expect(() => buildReport(d.compiled, d.entries, { locale: 'en', headlineSeat: 'sme-9' })).toThrow('headlineSeat "sme-9" is not a seat of this drill (its seats: ic, deputy, scribe, sme-1, sme-2)');
  });

  it('REP3 the facilitator\'s report has the notes, the hidden world and what happened out of sight', () => {
    expect(report.backstage?.notes).toEqual([{ at: min(2), text: 'NOTE-the team is slow' }]);
    expect(report.backstage?.world).toEqual(['The attacker came in through App server.', 'Customer database was compromised at T-20:00.', 'There was no insider.', 'Cause: A software vulnerability.', 'Behind it: An outside criminal group.', 'Data left at 1,000 records a minute until the path was cut.']);
    expect(report.backstage?.events).toEqual([
      { at: min(20), text: 'The data stopped leaving (Network-isolate the instance (App server))' },
      { at: min(20), text: 'The story moved to “Contained”' },
    ]);
    expect(report.seed).toBe('seed-1');
  });

  it('REP3 hotwash: a question per decision and per inject with an author\'s note, then one per missed rule, worded as a question', () => {
    const missedRules = [...new Set(report.findings.filter((f) => f.verdict !== 'met').map((f) => f.rule))];
    const fromFindings = report.hotwash.filter((q) => q.source === 'finding');
    expect(fromFindings.map((q) => q.ref).sort()).toEqual(missedRules.sort());
    for (const q of fromFindings) expect(q.question).toMatch(/^What kept the team from “.+”, and what would make it happen next time\?$/);
    expect(report.hotwash[0]).toEqual({ source: 'decision', ref: 'exec', at: min(4), question: 'Asked “Restart?”, the team answered “Hold” at T+10:00, after it was due at T+9:00. What held the answer up?', note: null });
    // An inject with an author's note asks how it was handled; the note goes to the facilitator only.
    const noted = compiledFixture({ injects: compiledFixture().scenario.injects.map((i) => (i.id === 'alert' ? { ...i, facilitatorNote: { en: 'NOTE-page the IC' } } : i)) });
    const x = new TestDrill(noted).start();
    x.tick(min(2));
    const fac = buildReport(noted, x.entries, { locale: 'en' });
    expect(fac.hotwash.filter((q) => q.source === 'inject')).toEqual([{ source: 'inject', ref: 'alert', at: 0, question: 'How did the team handle “Unusual egress”? What did it know then, and what would it do differently?', note: 'NOTE-page the IC' }]);
    expect(buildReport(noted, x.entries, { locale: 'en', viewer: IC }).hotwash.filter((q) => q.source === 'inject')[0]?.note).toBeNull();
  });

  it('REP3 action items: one per rule with a miss, gravest first, each citing every finding of its rule that was not met', () => {
    const byId = new Map(report.findings.map((f) => [f.id, f]));
    const notMet = report.findings.filter((f) => f.verdict !== 'met');
    expect(report.actionItems.map((a) => a.rule).sort()).toEqual([...new Set(notMet.map((f) => f.rule))].sort());
    for (const a of report.actionItems) {
      for (const ref of a.findings) expect(byId.get(ref.id)).toMatchObject({ rule: a.rule, at: ref.at });
      expect(a.findings.map((f) => f.id).sort()).toEqual(notMet.filter((f) => f.rule === a.rule).map((f) => f.id).sort());
    }
    // The destroyed disk (severity 1, 25 points off the total) comes first.
    expect(report.actionItems[0]).toMatchObject({ rule: 'EVD-1', severity: 1, owners: ['Subject-Matter Expert 2'], penalty: 25 });
    const penalties = report.actionItems.map((a) => a.penalty);
    expect(penalties).toEqual([...penalties].sort((a, b) => b - a));
  });

  it('REP3 findings: one per rule instance with net points, penalty and severity; ids F1.. in order', () => {
    const score = scoreDrill(d.compiled, d.entries);
    expect(report.findings.map(({ id: _id, title: _t, message: _m, citation: _c, ...f }) => f)).toEqual(score.findings.map(({ message: _m, ...f }) => f));
    expect(report.findings.map((f) => f.id)).toEqual(report.findings.map((_, i) => `F${i + 1}`));
    for (const f of report.findings) {
      expect(f.points).toBe(f.verdict === 'met' ? f.earned : Math.round((f.earned - f.possible) * 10) / 10);
      expect(f.severity === null).toBe(f.verdict === 'met');
    }
  });
});

describe('REP3: findings, what went well, action items and the runbook chart agree, over bot teams', () => {
  const drills = botDrills(['1', '2']);

  it('REP3 what went well holds only rules all of whose instances were met; no rule is both an action item and went well', () => {
    for (const { compiled, entries, policy, seed } of drills) {
      const r = buildReport(compiled, entries, { locale: 'en' });
      const where = `${compiled.scenario.id} ${policy} ${seed}`;
      const missed = new Set(r.findings.filter((f) => f.verdict !== 'met').map((f) => f.rule));
      for (const w of r.wentWell) {
        const f = r.findings.find((x) => x.message === w && x.verdict === 'met');
        expect(f, `${where}: ${w}`).toBeDefined();
        expect(missed.has(f!.rule), `${where}: ${f!.rule} went well and was missed`).toBe(false);
      }
      expect(r.actionItems.filter((a) => !missed.has(a.rule)), where).toEqual([]);
    }
  }, 60_000);

  it('REP3 the runbook chart: work starts no later than the step is done, and a step is flagged exactly when a step it depends on was done later or never', () => {
    let flagged = 0;
    for (const { compiled, entries, policy, seed } of drills) {
      const r = buildReport(compiled, entries, { locale: 'en' });
      const title = new Map(r.steps.map((s) => [s.step, s.title]));
      const done = new Map(r.steps.map((s) => [s.step, s.doneAt]));
      for (const s of r.steps) {
        const where = `${compiled.scenario.id} ${policy} ${seed} ${s.step}`;
        if (s.startedAt !== null && s.doneAt !== null) expect(s.startedAt, where).toBeLessThanOrEqual(s.doneAt);
        expect(s.dependsOn, where).toEqual((STEP_PRECEDENCE[s.step] ?? []).map((p) => title.get(p)));
        if (s.doneAt === null) expect(s.early, where).toEqual([]);
        else {
          const late = (STEP_PRECEDENCE[s.step] ?? []).filter((p) => { const at = done.get(p); return at === null || at === undefined || at > s.doneAt!; });
          // Equal times are ordered by the log; a dependency done in the same instant after it is also late.
          for (const p of late) expect(s.early, where).toContain(title.get(p));
          flagged += s.early.length;
        }
      }
      expect(r.steps.map((s) => s.number)).toEqual(CHECKLIST.map((c) => c.number));
    }
    expect(flagged).toBeGreaterThan(0);
  }, 60_000);

  it('REP3 the chart and the findings tell one story: "stop the attack" is done exactly when the containment finding says, and "assemble the team" when the IC was paged and a room opened', () => {
    let contained = 0;
    for (const { compiled, entries, policy, seed } of [...drills, { ...handDrill(), policy: 'hand', seed: '-' }]) {
      const r = buildReport(compiled, entries, { locale: 'en' });
      const where = `${compiled.scenario.id} ${policy} ${seed}`;
      const stop = r.steps.find((s) => s.step === 'stop-attack')!;
      const tim2 = r.findings.find((f) => f.rule === 'TIM-2');
      if (tim2) {
        // Never contained: the finding says so; contained (however late): the finding is dated when it was.
        expect(tim2.message === renderMsg(msg('TIM-2.missed'), 'en'), where).toBe(stop.doneAt === null);
        if (stop.doneAt !== null) expect(tim2.at, where).toBe(stop.doneAt);
        if (stop.doneAt !== null) contained++;
      }
      const assemble = r.steps.find((s) => s.step === 'assemble-team')!;
      if (assemble.doneAt !== null) {
        const paged = r.narrative.find((i) => i.kind === 'work' && i.title === 'Page an incident commander' && i.status === 'success');
        expect(paged?.end, where).toBeLessThanOrEqual(assemble.doneAt);
      }
    }
    expect(contained).toBeGreaterThan(0);
  }, 60_000);

  it('REP3 by-the-book stops the attack: the chart marks "stop the attack" done when the theft stopped, begun by the work that stopped it', () => {
    const careful = drills.filter((x) => x.policy === 'by-the-book' && x.compiled.scenario.adversary.exfiltration);
    expect(careful.length).toBeGreaterThan(0);
    for (const { compiled, entries, policy, seed } of careful) {
      const r = buildReport(compiled, entries, { locale: 'en' });
      const stopped = entries.find((e) => e.event.type === 'exfil.stopped');
      const stop = r.steps.find((s) => s.step === 'stop-attack');
      expect(stop?.doneAt, `${policy} ${seed}`).toBe(stopped?.at);
      expect(stop?.startedAt, `${policy} ${seed}`).not.toBeNull();
    }
  }, 60_000);
});

describe('REP1: the same log gives the same report', () => {
  it('REP1 byte-identical JSON, Markdown and HTML, for the facilitator and for a seat, twice over', () => {
    for (const options of [{ locale: 'en' as const }, { locale: 'ja' as const, viewer: IC }, { locale: 'zh-CN' as const, headlineSeat: 'ic' }]) {
      const [a, b] = [buildReport(d.compiled, d.entries, options), buildReport(d.compiled, handDrill().entries, options)];
      expect(renderJson(b)).toBe(renderJson(a));
      expect(renderMarkdown(b)).toBe(renderMarkdown(a));
      expect(renderHtml(b)).toBe(renderHtml(a));
    }
  });
});
