import { describe, expect, it, vi } from 'vitest';
import { CATALOGS } from '../../shared/i18n/catalogs/index.ts';
import type * as Message from '../../shared/i18n/message.ts';
import type { MsgParam } from '../../shared/i18n/message.ts';
import { ACTIONS, CHECKLIST, COMMS_RULES_DATA, OODA, ROLE_DEFS, SECTIONS, SOURCES } from '../../shared/runbook/index.ts';

/*
 * The runbook's words (sources, sections, steps, phases, seats, comms rules, action titles) come from
 * the catalogs: every `runbook.*` text is read when the runbook data is built, so none lies unused,
 * and every text the data carries is a catalog's.
 */

const read = vi.hoisted(() => new Set<string>());

// Notes each catalog key the runbook reads through `localized`, nested messages included.
vi.mock('../../shared/i18n/message.ts', async (importOriginal) => {
  const real = await importOriginal<typeof Message>();
  const note = (p: MsgParam | undefined): void => {
    if (p === undefined || typeof p !== 'object') return;
    if ('key' in p) {
      read.add(p.key);
      Object.values(p.params ?? {}).forEach(note);
    }
  };
  return { ...real, localized: (...args: Parameters<typeof real.localized>) => (note({ key: args[0], params: args[1] }), real.localized(...args)) };
});

describe('I18N: the runbook reads its words from the catalogs', () => {
  it('I18N13 every runbook text in the catalogs is read by the runbook data, and the data carries only catalog text', () => {
    const keys = Object.keys(CATALOGS.en).filter((k) => k.startsWith('runbook.'));
    expect(keys.length).toBeGreaterThan(150);
    expect(keys.filter((k) => !read.has(k)), 'runbook texts nothing reads').toEqual([]);

    const english = new Set(Object.values(CATALOGS.en));
    const texts = [
      ...ACTIONS.map((a) => a.title),
      ...CHECKLIST.flatMap((s) => [s.title, s.summary]),
      ...OODA.flatMap((p) => [p.title, p.description]),
      ...ROLE_DEFS.flatMap((r) => [r.title, ...r.duties]),
      ...COMMS_RULES_DATA.flatMap((r) => [r.title, r.explanation]),
      ...SOURCES.map((s) => s.title),
    ];
    for (const text of texts) expect(english.has(text.en), text.en).toBe(true);
    expect(Object.values(SECTIONS.sectemplates).map((s) => s.en)).toContain('Step 11: Forensics: snapshot, never clean in place');
  });
});
