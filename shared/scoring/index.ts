export { scoreDrill, applyRule, RULES } from './score.ts';
export { buildContext, type ScoringContext } from './context.ts';
export * from './types.ts';
