import { afterAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../client/src/i18n/index.ts';
import { BUNDLED } from '../../client/src/scenarios.ts';
import { scenarioTitle } from '../../client/src/ui/scenario-title.ts';
import { localize } from '../../shared/i18n/locales.ts';

/* The landing page's past drills name each scenario by its title in the reader's language. */

describe('L10N-T: scenario titles in the past-drills table', () => {
  afterAll(() => initI18n('en'));

  it('L10N-T1 a bundled scenario id becomes its title in each language', () => {
    const leak = BUNDLED.find((c) => c.scenario.id === 'reporter-leak')?.scenario;
    if (!leak) throw new Error('the reporter-leak scenario is not bundled');
    for (const locale of ['en', 'ja', 'zh-CN'] as const) {
      initI18n(locale);
      const title = scenarioTitle('reporter-leak');
      expect(title, locale).toBe(localize(leak.title, locale));
      expect(title, locale).not.toBe('reporter-leak');
    }
  });

  it('L10N-T2 a scenario that is not bundled (uploaded, or since removed) keeps its id', () => {
    expect(scenarioTitle('uploaded-drill')).toBe('uploaded-drill');
    expect(scenarioTitle('reporter-leak', [])).toBe('reporter-leak');
  });
});
