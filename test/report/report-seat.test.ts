import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../shared/engine/view-types.ts';
import { buildReport, renderHtml, renderJson, renderMarkdown, type Report } from '../../shared/report/index.ts';
import { localize } from '../../shared/i18n/locales.ts';
import { compiledFixture, IC, min, OBSERVER, SCRIBE, SME } from '../engine/fixture.ts';
import { botDrills, handDrill } from './drills.ts';

/*
 * A player's or observer's report tells what that seat was shown, and the team's score: no
 * facilitator note, no hidden world, no seed, no inject meant for another role, no other seat's
 * hint, no sign of which messages the attacker read. The facilitator's tells everything.
 */

const d = handDrill();
const full = buildReport(d.compiled, d.entries, { locale: 'en' });
const reportFor = (viewer: Viewer) => buildReport(d.compiled, d.entries, { locale: 'en', viewer });
/** Bot teams, played once when the file loads (not inside a test's time limit). */
const bots = botDrills(['1']);
const everything = (r: Report) => [renderJson(r), renderMarkdown(r), renderHtml(r)].join('\n');

describe('REP2: a seat\'s report holds what the seat was shown', () => {
  it('REP2 an observer\'s report has no note, no hidden world, no seed, no inject for others, no facilitator-only inject and no one\'s hint', () => {
    const r = reportFor(OBSERVER);
    const text = everything(r);
    for (const hidden of ['IC-ONLY briefing', 'BACKSTAGE-only', 'Facilitator only', 'For your eyes', 'NOTE-the team is slow', 'seed-1', 'Page an IC.', 'Behind the scenes', "Facilitator's notes", 'The attacker came in through', 'The data stopped leaving', 'The story moved']) {
      expect(text, hidden).not.toContain(hidden);
    }
    expect(r.backstage).toBeNull();
    expect(r.seed).toBe('');
    expect(r.hints).toEqual([]);
    expect(r.viewer).toEqual({ seat: 'observer-1', name: 'Observer 1' });
  });

  it('REP2 the IC\'s report has the inject meant for the IC and the IC\'s own hint; the SME\'s has neither', () => {
    const ic = reportFor(IC);
    expect(ic.narrative.filter((i) => i.kind === 'inject').map((i) => i.title)).toContain('IC-ONLY briefing');
    expect(ic.narrative.filter((i) => i.kind === 'hint').map((i) => i.title)).toEqual(['Page an IC.']);
    expect(ic.ooda.map((o) => o.title)).toContain('IC-ONLY briefing');
    const sme = reportFor(SME);
    expect(everything(sme)).not.toContain('IC-ONLY briefing');
    expect(sme.narrative.some((i) => i.kind === 'hint')).toBe(false);
    // The inject that says the theft stopped was for the IC and the SMEs: the scribe never saw it.
    expect(sme.narrative.some((i) => i.title === 'DB isolated')).toBe(true);
    expect(reportFor(SCRIBE).narrative.some((i) => i.title === 'DB isolated')).toBe(false);
  });

  it('REP2 knowledge from an inject a seat was not sent is shown without naming that inject', () => {
    // "DB isolated" goes to the IC and the SMEs; here it also confirms the database. The scribe learns that, not from what.
    const compiled = compiledFixture({ injects: compiledFixture().scenario.injects.map((i) => (i.id === 'isolated' ? { ...i, learn: [{ asset: 'db', level: 'confirmed' as const }] } : i)) });
    const x = handDrill(compiled);
    const learned = (viewer: Viewer) => buildReport(compiled, x.entries, { locale: 'en', viewer }).narrative.find((i) => i.kind === 'knowledge' && i.title === 'Customer database: confirmed compromised');
    expect(learned(SCRIBE)).toMatchObject({ at: min(20), detail: [] });
    expect(learned(SME)?.detail).toEqual(['from DB isolated']);
  });

  it('REP2 every seat\'s report has the team\'s score, findings, steps and action items, from the whole log', () => {
    for (const viewer of [IC, SME, SCRIBE, OBSERVER]) {
      const r = reportFor(viewer);
      expect(r.score).toEqual(full.score);
      expect(r.seats).toEqual(full.seats);
      expect(r.findings).toEqual(full.findings);
      expect(r.steps).toEqual(full.steps);
      expect(r.actionItems).toEqual(full.actionItems);
      expect(r.drill.dataLost).toEqual(full.drill.dataLost);
    }
  });

  it('REP2 over bot teams: no seat\'s report names a facilitator note of an inject, the hidden world, or an inject it was not sent', () => {
    for (const { compiled, entries, policy } of bots) {
      const notes = compiled.scenario.injects.flatMap((i) => (i.facilitatorNote ? [localize(i.facilitatorNote, 'en')] : []));
      const profile = localize(compiled.scenario.adversary.profile, 'en');
      const fac = buildReport(compiled, entries, { locale: 'en' });
      expect(fac.hotwash.some((q) => q.note !== null), policy).toBe(true);
      for (const seat of ['ic', 'sme-1', 'scribe']) {
        const viewer = { role: seat.replace(/-\d+$/, '') as Viewer['role'], seat };
        const r = buildReport(compiled, entries, { locale: 'en', viewer });
        const text = everything(r);
        for (const note of notes) expect(text, `${policy} ${seat}`).not.toContain(note);
        expect(text).not.toContain(profile);
        expect(r.hotwash.every((q) => q.note === null)).toBe(true);
        for (const i of r.narrative.filter((x) => x.kind === 'inject')) {
          const inject = compiled.scenario.injects.find((x) => localize(x.title, 'en') === i.title);
          if (inject && inject.audience !== 'all') expect(inject.audience, `${policy} ${seat} ${inject.id}`).toContain(viewer.role);
        }
      }
    }
  }, 60_000);
});
