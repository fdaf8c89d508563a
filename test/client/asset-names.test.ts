import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../client/src/i18n/index.ts';
import { BUNDLED } from '../../client/src/scenarios.ts';
import { assetName } from '../../client/src/ui/asset-name.ts';
import { describeEntry, workTitle } from '../../client/src/ui/describe.ts';
import { createDrill } from '../../shared/engine/execute.ts';
import type { DrillEvent, LogEntry } from '../../shared/engine/types.ts';
import { viewFor } from '../../shared/engine/view.ts';
import { localize } from '../../shared/i18n/locales.ts';
import { getAction } from '../../shared/runbook/actions.ts';

/*
 * The war room names systems the way the scenario does, in the reader's language: events and tasks
 * carry asset ids ("web-lb"), which are protocol identifiers and not for people.
 */

const compiled = BUNDLED.find((c) => c.scenario.id === 'exfiltration-detected');
if (!compiled) throw new Error('the exfiltration-detected scenario is not bundled');
const view = viewFor(compiled, createDrill(compiled, '1').state, { role: 'ic', seat: 'ic' });
const name = (id: string, locale: 'en' | 'ja' | 'zh-CN') => {
  const asset = compiled.scenario.assets.find((a) => a.id === id);
  if (!asset) throw new Error(`no asset ${id}`);
  return localize(asset.name, locale);
};
const entry = (event: DrillEvent): LogEntry => ({ seq: 1, at: 60_000, actor: { role: 'sme', seat: 'sme-1' }, event });

describe('L10N-A: asset names in the war room', () => {
  beforeAll(() => initI18n('ja'));
  afterAll(() => initI18n('en'));

  it('L10N-A1 an asset id becomes the scenario name in the reader’s language; an unknown id stays as it is', () => {
    expect(assetName(view, 'web-lb')).toBe(name('web-lb', 'ja'));
    expect(assetName(view, 'no-such-host')).toBe('no-such-host');
    expect(assetName(null, 'web-lb')).toBe('web-lb');
  });

  it('L10N-A2 the activity feed names the system of an action, a task, a fallback and what prevented it', () => {
    const lb = name('web-lb', 'ja');
    const app = name('app-1', 'ja');
    const action = describeEntry(entry({ type: 'action.started', workId: 'w1', action: 'capture-memory', target: 'web-lb', seat: 'sme-1', endsAt: 900_000 }), view) ?? '';
    expect(action).toContain(lb);
    expect(action).not.toContain('web-lb');
    const task = describeEntry(entry({ type: 'task.assigned', taskId: 'k1', toSeat: 'sme-1', toRole: 'sme', action: 'capture-memory', target: 'web-lb', busyUntil: 120_000 }), view) ?? '';
    expect(task).toContain(lb);
    expect(task).not.toContain('web-lb');
    expect(describeEntry(entry({ type: 'adversary.fallbackFired', kind: 'wipe', target: 'app-1' }), view)).toContain(app);
    expect(describeEntry(entry({ type: 'adversary.fallbackPrevented', by: 'network-isolate@app-1' }), view)).toContain(app);
  });

  it('L10N-A3 a piece of work names its system, in each language', () => {
    for (const locale of ['en', 'ja', 'zh-CN'] as const) {
      initI18n(locale);
      const line = workTitle(view, 'capture-memory', 'web-lb');
      expect(line, locale).toContain(name('web-lb', locale));
      expect(line, locale).not.toContain('web-lb');
      expect(line, locale).toContain(localize(getAction('capture-memory')!.title, locale));
    }
    // Work on no system reads without one.
    initI18n('en');
    expect(workTitle(view, 'page-ic')).toBe(getAction('page-ic')?.title.en);
  });
});
