import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ACTIONS } from '../../shared/runbook/actions.ts';
import { CHECKLIST } from '../../shared/runbook/checklist.ts';
import { PROJECT_ROOT } from '../paths.ts';

/*
 * `npm run docs:protocol`: write PROTOCOL.md's action catalog from the catalog itself
 * (shared/runbook/actions.ts), between the two markers below. A test fails when it is out of date.
 */

export const CATALOG_START = '<!-- action-catalog:start (npm run docs:protocol writes this section) -->';
export const CATALOG_END = '<!-- action-catalog:end -->';
export const PROTOCOL_MD = resolve(PROJECT_ROOT, 'PROTOCOL.md');

const roles = (list: readonly string[]) => list.map((r) => `\`${r}\``).join(', ');

/** The catalog as a Markdown table, one row per action, in catalog order. */
export function actionCatalog(): string {
  const rows = ACTIONS.map((a) => {
    const step = a.step === null ? '—' : `${CHECKLIST.find((s) => s.id === a.step)?.number ?? '?'} \`${a.step}\``;
    const target = a.target === 'asset' ? 'an asset id' : 'none';
    const once = a.once ? (a.target === 'asset' ? 'once per asset' : 'once') : 'repeatable';
    return `| \`${a.id}\` | ${a.title.en} | ${a.minutes} | ${roles(a.roles)} | ${roles(a.owners)} | ${target} | ${once} | ${step} | ${a.ooda} |`;
  });
  return [
    `${ACTIONS.length} actions. *May* is who the engine lets take it (anyone else gets \`FORBIDDEN\`); *should* is who owns it (another allowed role costs role-discipline points). *Minutes*: how long the work usually takes (a scenario may say otherwise, for an action or for an action on one asset). *Target*: \`an asset id\` means \`target\` must name one of the scenario's assets, \`none\` that it must be left out (\`UNKNOWN_TARGET\` otherwise). *Once*: taking it again (on the same asset) is \`ALREADY_DONE\`. *Checklist step*: the step of the security-incident checklist it serves, by number and id (none for set-up and closing work).`,
    '',
    '| action | title | minutes | may | should | target | once | checklist step | OODA |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** PROTOCOL.md with its catalog section rewritten; throws if the markers are missing. */
export function withCatalog(doc: string): string {
  const start = doc.indexOf(CATALOG_START);
  const end = doc.indexOf(CATALOG_END);
  if (start < 0 || end < start) throw new Error(`PROTOCOL.md must hold the markers ${CATALOG_START} and ${CATALOG_END}`);
  return `${doc.slice(0, start + CATALOG_START.length)}\n${actionCatalog()}\n${doc.slice(end)}`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const doc = readFileSync(PROTOCOL_MD, 'utf8');
  const next = withCatalog(doc);
  if (next !== doc) writeFileSync(PROTOCOL_MD, next);
  process.stdout.write(next === doc ? 'PROTOCOL.md is up to date\n' : 'PROTOCOL.md: action catalog rewritten\n');
}
