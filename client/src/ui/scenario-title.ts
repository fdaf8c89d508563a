import type { Localized } from '../../../shared/i18n/locales.ts';
import { loc } from '../i18n/index.ts';
import { BUNDLED } from '../scenarios.ts';

/**
 * A scenario's title in the reader's language, looked up by id in the bundled scenarios (the same
 * files the server offers at GET /api/scenarios, already built into the page, so no request is
 * needed). The past-drills list uses it only when the server sent no title (a drill it could not
 * load); an id that is not bundled either stays an id, still a name the facilitator can recognise.
 */
export function scenarioTitle(id: string, scenarios: readonly { scenario: { id: string; title: Localized } }[] = BUNDLED): string {
  const found = scenarios.find((c) => c.scenario.id === id);
  return found ? loc(found.scenario.title) : id;
}
