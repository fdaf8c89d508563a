export * from './types.ts';
export { ACTIONS, ACTIONS_BY_ID, getAction } from './actions.ts';
export { SOURCES, SECTIONS } from './sources.ts';
export { CHECKLIST, OODA, stepById } from './checklist.ts';
export { ROLE_DEFS } from './roles.ts';
export { COMMS_RULES_DATA } from './comms-rules.ts';
export { describeRef, isKnownRef, parseRef } from './cite.ts';
