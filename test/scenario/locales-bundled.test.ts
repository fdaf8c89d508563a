import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/i18n/locales.ts';
import { ACTIONS } from '../../shared/runbook/actions.ts';
import { loadScenario } from '../../shared/scenario/index.ts';

/*
 * Localisation of shipped content: bundled scenarios are complete in every locale, a timeline
 * written in Japanese or Chinese is recognised, and every catalog action has a title in each.
 */

const FILES = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

describe('L10N-S: bundled content in three languages', () => {
  it('L10N-S1 every bundled scenario is complete in en, ja and zh-CN (strict locale check)', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(3);
    for (const file of FILES) {
      const loaded = loadScenario(readFileSync(`scenarios/${file}`, 'utf8'), file, { strictLocales: true });
      expect(loaded.ok ? loaded.warnings : loaded.problems, file).toEqual([]);
    }
  });


  it('L10N-S2 every catalog action has a title in each locale, translated rather than copied', () => {
    for (const action of ACTIONS) {
      for (const locale of LOCALES) expect(action.title[locale]?.trim(), `${action.id} ${locale}`).toBeTruthy();
      expect(action.title.ja).not.toBe(action.title.en);
      expect(action.title['zh-CN']).not.toBe(action.title.en);
    }
  });
});
