import { resolveAsset } from './truth.ts';
import type { Learn } from '../scenario/schema.ts';
import type { Step } from './step.ts';
import { SYSTEM_ACTOR, type KnowledgeItem, type KnowledgeSource } from './types.ts';

/*
 * What the team knows. Knowledge is learned from injects and from the results of work, recorded in
 * the log with when it was learned, so replay and scoring can tell what the team knew at any moment.
 */

const RANK = { unknown: 0, suspected: 1, cleared: 2, confirmed: 3 } as const;

/** Record something the team learned, unless it knew it already (or knows more). */
export function learn(step: Step, at: number, item: KnowledgeItem, source: KnowledgeSource): void {
  const { knowledge } = step.draft;
  if ('fact' in item) {
    if (knowledge.facts[item.fact] !== undefined) return;
  } else {
    if (!step.compiled.assetsById.has(item.asset)) return;
    const now = knowledge.assets[item.asset]?.level ?? 'unknown';
    // Confirmation is final; otherwise newer evidence replaces older, but a suspicion never undoes a clearance.
    if (now === item.level || now === 'confirmed' || (item.level === 'suspected' && RANK[now] > RANK.suspected)) return;
  }
  step.emit(at, SYSTEM_ACTOR, { type: 'knowledge.learned', item, source });
}

/** A scenario's lessons resolved in the drill's world (`$entry`), as knowledge items. */
export function lessonsOf(step: Step, learnList: readonly Learn[], target?: string): KnowledgeItem[] {
  const items: KnowledgeItem[] = [];
  for (const l of learnList) {
    if ('fact' in l) items.push({ fact: l.fact });
    else {
      const asset = resolveAsset(l.asset, step.draft.truth, target);
      if (asset) items.push({ asset, level: l.level });
    }
  }
  return items;
}
