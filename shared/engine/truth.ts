import seedrandom from 'seedrandom';
import { LOCALES, type Locale, type Localized } from '../i18n/locales.ts';
import { msg, renderMsg } from '../i18n/message.ts';
import { ENTRY } from '../scenario/constants.ts';
import type { AssetRef, Range, Scenario } from '../scenario/schema.ts';
import type { Truth } from './types.ts';

/*
 * The world a drill's seed picks from a scenario's possibilities: the way in, when the attacker
 * moved, how fast data leaves, whether the insider is real. It has a random stream of its own
 * (`<seed>:world`), so the drill's RNG is untouched, and it is written into drill.created, so a log
 * replays the same world even if this function changes.
 */

const pick = (random: () => number, range: Range): number =>
  typeof range === 'number' ? range : range.min + Math.floor(random() * (range.max - range.min + 1));

export function drawTruth(scenario: Scenario, seed: string): Truth {
  const random = seedrandom.alea(`${seed}:world`);
  const adv = scenario.adversary;
  const insider = adv.origin === 'insider' && random() < adv.insiderChance;
  const entry = adv.entry[Math.floor(random() * adv.entry.length)] ?? adv.entry[0]!;
  const times: Record<string, number> = {};
  for (const event of scenario.truth) {
    if (event.ifInsider !== undefined && event.ifInsider !== insider) continue;
    times[event.id] = pick(random, event.atMinute);
  }
  const access = scenario.truth.find((e) => e.kind === 'initial-access' && times[e.id] !== undefined);
  const compromised: Record<string, number> = { [entry]: access ? times[access.id]! : -60 };
  for (const move of adv.spread) if (compromised[move.asset] === undefined) compromised[move.asset] = pick(random, move.atMinute);
  const exfilPerMinute = adv.exfiltration ? pick(random, adv.exfiltration.perMinute) : null;
  const noInsiderQuestionOrReal = adv.origin !== 'insider' || insider;
  return {
    entry,
    compromised,
    insider,
    times,
    cause: noInsiderQuestionOrReal ? adv.cause : (adv.causeIfNoInsider ?? adv.cause),
    actor: noInsiderQuestionOrReal ? adv.actor : (adv.actorIfNoInsider ?? adv.actor),
    exfilPerMinute,
  };
}

/** An asset reference resolved in a drill's world: `$entry` is the entry point, `$target` the work's target. */
export function resolveAsset(ref: AssetRef | '$target', truth: Truth, target?: string): string | undefined {
  if (ref === ENTRY) return truth.entry;
  if (ref === '$target') return target;
  return ref;
}

/** Whether an asset is compromised in the drill's world at game time `at`. */
export function isCompromised(truth: Truth, asset: string | undefined, at: number): boolean {
  if (asset === undefined) return false;
  const since = truth.compromised[asset];
  return since !== undefined && since * 60_000 <= at;
}

/** HH:MM of a game minute, given the scenario's local time at minute 0. */
export function clockTime(startsAt: string, minute: number): string {
  const [h, m] = startsAt.split(':').map(Number) as [number, number];
  const total = (((h * 60 + m + Math.round(minute)) % 1440) + 1440) % 1440;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/**
 * A true event's local time as a text names it: the clock time, and which day when it is not the
 * drill's own (an insider's preparation weeks before reads "14:12, 18 days before"), so a player can
 * put it on the timeline at its true moment.
 */
export function localTimeText(startsAt: string, minute: number, locale: Locale): string {
  const [h, m] = startsAt.split(':').map(Number) as [number, number];
  const day = Math.floor((h * 60 + m + Math.round(minute)) / 1440);
  const time = clockTime(startsAt, minute);
  if (day === 0) return time;
  if (day === -1) return renderMsg(msg('time.dayBefore', { time }), locale);
  if (day === 1) return renderMsg(msg('time.dayAfter', { time }), locale);
  return renderMsg(msg(day < 0 ? 'time.daysBefore' : 'time.daysAfter', { time, days: Math.abs(day) }), locale);
}

export interface TextContext {
  scenario: Scenario;
  truth: Truth;
  target?: string;
}

/**
 * Fill a scenario text's placeholders for one drill: {entry} and {target} become asset names,
 * {time:<truth id>} the local time that event happened. Unknown placeholders are left as written.
 */
export function renderText(text: Localized, ctx: TextContext): Localized {
  if (!text.en.includes('{')) return text;
  const out: Localized = { en: fill(text.en, 'en', ctx) };
  for (const locale of LOCALES) {
    if (locale === 'en') continue;
    const value = text[locale];
    if (value !== undefined) out[locale] = fill(value, locale, ctx);
  }
  return out;
}

function fill(s: string, locale: (typeof LOCALES)[number], ctx: TextContext): string {
  const assetName = (id: string | undefined) => {
    const asset = id ? ctx.scenario.assets.find((a) => a.id === id) : undefined;
    return asset ? ((asset.name as Localized)[locale] ?? asset.name.en) : (id ?? '?');
  };
  return s.replace(/\{(entry|target|time:[a-z0-9-]+)\}/g, (whole, key: string, offset: number) => {
    if (key === 'time' || key.startsWith('time:')) {
      const minute = ctx.truth.times[key.slice(5)];
      return minute === undefined ? whole : localTimeText(ctx.scenario.startsAt, minute, locale);
    }
    const name = assetName(key === 'entry' ? ctx.truth.entry : ctx.target);
    return locale === 'en' ? name : spacedBetween(s[offset - 1], name, s[offset + whole.length]);
  });
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]/;
const LATIN = /[A-Za-z0-9)]/;

/** A Latin name set into Japanese or Chinese text gets a space on the side where it meets a CJK character, as the catalogs space Latin words from kana and han. */
function spacedBetween(before: string | undefined, name: string, after: string | undefined): string {
  const lead = before && CJK.test(before) && LATIN.test(name[0] ?? '') ? ' ' : '';
  const tail = after && CJK.test(after) && LATIN.test(name.at(-1) ?? '') ? ' ' : '';
  return `${lead}${name}${tail}`;
}
