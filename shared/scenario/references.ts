import { getAction } from '../runbook/actions.ts';
import type { SourceMap } from './load.ts';
import { jsonPath, type Problem } from './problems.ts';
import type { ActionRef, Condition, Scenario } from './schema.ts';

/*
 * Cross-reference checks: every id a scenario mentions must exist, and ids must be unique.
 * Run after the schema has passed, so shapes can be trusted here.
 */

type Path = (string | number)[];

export function checkReferences(scenario: Scenario, file: string, map?: Pick<SourceMap, 'lineOf'>): Problem[] {
  const problems: Problem[] = [];
  const report = (path: Path, message: string) => problems.push({ file, line: map?.lineOf(path) ?? 0, path: jsonPath(path), message, severity: 'error' });

  const ids = (list: { id: string }[], where: string) => {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) report([where, i, 'id'], `duplicate id "${item.id}" (first used at ${where}[${first}])`);
      else seen.set(item.id, i);
    });
    return new Set(list.map((x) => x.id));
  };
  const assets = ids(scenario.assets, 'assets');
  const stores = ids(scenario.dataStores, 'dataStores');
  const injects = ids(scenario.injects, 'injects');
  const phases = ids(scenario.phases.states, 'phases.states');
  ids(scenario.truth, 'truth');

  const asset = (id: string, path: Path) => {
    if (!assets.has(id)) report(path, `no asset "${id}" (assets are: ${[...assets].join(', ')})`);
  };
  const actionRef = (ref: ActionRef, path: Path) => {
    const def = getAction(ref.action);
    if (!def) return report([...path, 'action'], `no action "${ref.action}" in the runbook's action catalog`);
    if (ref.target !== undefined) {
      if (def.target !== 'asset') report([...path, 'target'], `action "${ref.action}" takes no target`);
      else asset(ref.target, [...path, 'target']);
    }
  };
  const condition = (c: Condition, path: Path): void => {
    if ('action' in c) actionRef({ action: c.action, target: c.target }, path);
    else if ('delivered' in c && !injects.has(c.delivered)) report([...path, 'delivered'], `no inject "${c.delivered}"`);
    else if ('phase' in c && !phases.has(c.phase)) report([...path, 'phase'], `no phase "${c.phase}"`);
    else if ('all' in c) c.all.forEach((x, i) => condition(x, [...path, 'all', i]));
    else if ('any' in c) c.any.forEach((x, i) => condition(x, [...path, 'any', i]));
    else if ('not' in c) condition(c.not, [...path, 'not']);
    else if ('after' in c && c.after > scenario.durationMinutes) report([...path, 'after'], `minute ${c.after} is after the drill ends (durationMinutes ${scenario.durationMinutes})`);
  };

  scenario.assets.forEach((a, i) => a.links.forEach((l, j) => asset(l, ['assets', i, 'links', j])));
  scenario.dataStores.forEach((d, i) => asset(d.asset, ['dataStores', i, 'asset']));
  const adv = scenario.adversary;
  adv.foothold.forEach((f, i) => asset(f, ['adversary', 'foothold', i]));
  if (adv.exfiltration) {
    if (!stores.has(adv.exfiltration.from)) report(['adversary', 'exfiltration', 'from'], `no data store "${adv.exfiltration.from}"`);
    adv.exfiltration.stoppedBy.forEach((r, i) => actionRef(r, ['adversary', 'exfiltration', 'stoppedBy', i]));
  }
  if (adv.tipOff) {
    asset(adv.tipOff.fallback.target, ['adversary', 'tipOff', 'fallback', 'target']);
    adv.tipOff.preventedBy.forEach((r, i) => actionRef(r, ['adversary', 'tipOff', 'preventedBy', i]));
  }
  for (const action of Object.keys(scenario.reveals)) {
    if (!getAction(action)) report(['reveals', action], `no action "${action}" in the runbook's action catalog`);
  }
  scenario.injects.forEach((inject, i) => {
    const d = inject.delivery;
    if ('at' in d && d.at > scenario.durationMinutes) report(['injects', i, 'delivery', 'at'], `minute ${d.at} is after the drill ends (durationMinutes ${scenario.durationMinutes})`);
    if ('when' in d) condition(d.when, ['injects', i, 'delivery', 'when']);
  });
  if (!phases.has(scenario.phases.initial)) report(['phases', 'initial'], `no phase "${scenario.phases.initial}"`);
  scenario.phases.states.forEach((phase, i) =>
    phase.transitions.forEach((t, j) => {
      if (!phases.has(t.to)) report(['phases', 'states', i, 'transitions', j, 'to'], `no phase "${t.to}"`);
      condition(t.when, ['phases', 'states', i, 'transitions', j, 'when']);
    }),
  );
  return problems;
}
