import { gameTimeText } from '../i18n/message.ts';
import { localize, type Locale } from '../i18n/locales.ts';
import type { LogEntry, Truth } from '../engine/types.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import { count } from './format.ts';
import { REPORT_LABELS } from './labels.ts';
import { actionTitle, assetName, claimLabel } from './names.ts';

/*
 * The facilitator's side of the drill, for the facilitator's report only: the notes written during
 * it, the world the seed picked, and what the adversary and the story did out of the players' sight.
 */

export interface Backstage {
  notes: { at: number; text: string }[];
  /** The world the seed picked, one sentence each. */
  world: string[];
  /** What happened out of the players' sight, in order. */
  events: { at: number; text: string }[];
}

/** "network-isolate@app-1" as "Network-isolate the instance (Checkout node app-1)". */
function actionRef(compiled: CompiledScenario, key: string, locale: Locale): string {
  const [action = key, target] = key.split('@');
  const title = actionTitle(action, locale);
  return target ? `${title}${REPORT_LABELS[locale].paren(assetName(compiled, target, locale))}` : title;
}

export function buildBackstage(compiled: CompiledScenario, entries: readonly LogEntry[], truth: Truth | null, locale: Locale): Backstage {
  const L = REPORT_LABELS[locale];
  const { scenario } = compiled;
  const notes: Backstage['notes'] = [];
  const events: Backstage['events'] = [];
  for (const { at, event } of entries) {
    switch (event.type) {
      case 'facilitator.noted':
        notes.push({ at, text: event.text });
        break;
      case 'adversary.rolled':
        if (event.alerted) events.push({ at, text: L.adversaryAlerted(actionTitle(event.action, locale)) });
        break;
      case 'adversary.noticed':
        events.push({ at, text: L.adversaryNoticed });
        break;
      case 'adversary.fallbackFired': {
        const description = scenario.adversary.tipOff ? localize(scenario.adversary.tipOff.fallback.description, locale) : event.kind;
        events.push({ at, text: `${L.fallbackFired(assetName(compiled, event.target, locale))}${L.colon}${description}` });
        break;
      }
      case 'adversary.fallbackPrevented':
        events.push({ at, text: `${L.fallbackPrevented}${L.paren(actionRef(compiled, event.by, locale))}` });
        break;
      case 'exfil.stopped':
        events.push({ at, text: `${L.exfilStopped}${L.paren(actionRef(compiled, event.by, locale))}` });
        break;
      case 'phase.changed': {
        const phase = compiled.phasesById.get(event.to);
        events.push({ at, text: L.phaseChanged(phase ? localize(phase.title, locale) : event.to) });
        break;
      }
      default:
        break;
    }
  }
  const world: string[] = [];
  if (truth) {
    world.push(L.truthEntry(assetName(compiled, truth.entry, locale)));
    for (const [asset, minute] of Object.entries(truth.compromised).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))) {
      if (asset !== truth.entry) world.push(L.truthCompromised(assetName(compiled, asset, locale), gameTimeText(minute * 60_000)));
    }
    if (scenario.directory.some((p) => p.suspect)) world.push(L.truthInsider(truth.insider));
    world.push(L.truthCause(claimLabel(compiled, truth.cause, locale)), L.truthActor(claimLabel(compiled, truth.actor, locale)));
    if (truth.exfilPerMinute !== null) world.push(L.truthExfil(count(truth.exfilPerMinute, locale)));
  }
  return { notes, world, events };
}
