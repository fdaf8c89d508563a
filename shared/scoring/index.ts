export { scoreDrill, scoreContext, applyRule, RULES } from './score.ts';
export { buildContext, emptyContext, foldEntry, ruleContext, type ContextKeeps, type RuleContext, type ScoringContext } from './context.ts';
export * from './types.ts';
export { liveScore, type LiveScore, type LiveFinding } from './live.ts';
