import { localize, type Locale } from '../i18n/locales.ts';
import { getAction } from '../runbook/actions.ts';
import { ROLE_DEFS } from '../runbook/roles.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import { REPORT_LABELS } from './labels.ts';

/* How the report names things: seats by their role, assets, people and actions by the scenario's words, in the report's locale. */

/** A seat by its role's title in the locale: "Scribe", "Subject-Matter Expert 2", "Incident Commander (alice)". */
export function seatName(role: string, seat: string, locale: Locale): string {
  const def = ROLE_DEFS.find((r) => r.id === role);
  if (!def) return seat;
  const title = localize(def.title, locale);
  if (seat === role) return title;
  const n = /^[a-z]+-(\d+)$/.exec(seat)?.[1];
  if (n && seat.startsWith(`${role}-`)) return `${title} ${n}`;
  return `${title}${REPORT_LABELS[locale].paren(seat)}`;
}

/** The role a seat id stands for when the log does not say (sme-2 → sme). */
export const roleOfSeat = (seat: string): string => seat.replace(/-\d+$/, '');

export function assetName(compiled: CompiledScenario, id: string | undefined, locale: Locale): string {
  if (id === undefined) return '';
  const asset = compiled.scenario.assets.find((a) => a.id === id);
  return asset ? localize(asset.name, locale) : id;
}

/** A recipient by the directory's name for it, or as written when the directory does not list it. */
export function recipientName(compiled: CompiledScenario, recipient: string, locale: Locale): string {
  const person = compiled.scenario.directory.find((p) => p.id === recipient || p.address === recipient);
  return person ? localize(person.name, locale) : recipient;
}

export function actionTitle(id: string, locale: Locale): string {
  const def = getAction(id);
  return def ? localize(def.title, locale) : id;
}

/** A claim option (cause or actor) by its label. */
export function claimLabel(compiled: CompiledScenario, id: string, locale: Locale): string {
  const { causes, actors } = compiled.scenario.claims;
  const option = [...causes, ...actors].find((c) => c.id === id);
  return option ? localize(option.label, locale) : id;
}
