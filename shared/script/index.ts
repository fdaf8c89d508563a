export { parsePlayScript, playScriptSchema, toMs, type PlayScript, type PlayStep, type ScriptParse } from './play-script.ts';
export { toPlayScript } from './to-play-script.ts';
export { runScript, type ScriptRun } from './run-script.ts';
