import { getAction } from '../runbook/actions.ts';
import type { SourceMap } from './load.ts';
import { jsonPath, type Problem } from './problems.ts';
import { BUILT_IN_FACTS, ENTRY, type ActionRef, type Condition, type Learn, type Scenario } from './schema.ts';

/*
 * Cross-reference checks: every id a scenario mentions must exist, and ids must be unique.
 * Run after the schema has passed, so shapes can be trusted here.
 */

type Path = (string | number)[];

export function checkReferences(scenario: Scenario, file: string, map?: Pick<SourceMap, 'lineOf'>): Problem[] {
  const problems: Problem[] = [];
  const report = (path: Path, message: string) => problems.push({ file, line: map?.lineOf(path) ?? 0, path: jsonPath(path), message, severity: 'error' });

  const ids = (list: { id: string }[], where: Path) => {
    const seen = new Map<string, number>();
    list.forEach((item, i) => {
      const first = seen.get(item.id);
      if (first !== undefined) report([...where, i, 'id'], `duplicate id "${item.id}" (first used at ${jsonPath(where)}[${first}])`);
      else seen.set(item.id, i);
    });
    return new Set(list.map((x) => x.id));
  };
  const assets = ids(scenario.assets, ['assets']);
  const stores = ids(scenario.dataStores, ['dataStores']);
  const injects = ids(scenario.injects, ['injects']);
  const phases = ids(scenario.phases.states, ['phases', 'states']);
  const truth = ids(scenario.truth, ['truth']);
  ids(scenario.directory, ['directory']);
  const causes = ids(scenario.claims.causes, ['claims', 'causes']);
  const actors = ids(scenario.claims.actors, ['claims', 'actors']);
  const facts = new Set<string>([...BUILT_IN_FACTS, ...truth]);

  const asset = (id: string, path: Path, allowEntry = false) => {
    if (allowEntry && id === ENTRY) return;
    if (!assets.has(id)) report(path, `no asset "${id}" (assets are: ${[...assets].join(', ')}${allowEntry ? `, or ${ENTRY}` : ''})`);
  };
  const action = (id: string, path: Path) => {
    const def = getAction(id);
    if (!def) report(path, `no action "${id}" in the runbook's action catalog`);
    return def;
  };
  const actionRef = (ref: ActionRef, path: Path) => {
    const def = action(ref.action, [...path, 'action']);
    if (!def || ref.target === undefined) return;
    if (def.target !== 'asset') report([...path, 'target'], `action "${ref.action}" takes no target`);
    else asset(ref.target, [...path, 'target'], true);
  };
  const fact = (id: string, path: Path) => {
    if (!facts.has(id)) report(path, `no fact "${id}" (facts are the truth event ids and ${BUILT_IN_FACTS.join(', ')})`);
  };
  const lesson = (l: Learn, path: Path, targeted: boolean) => {
    if ('fact' in l) return fact(l.fact, [...path, 'fact']);
    if (l.asset === '$target') {
      if (!targeted) report([...path, 'asset'], '$target is only meaningful in the findings of an action that takes a target');
      return;
    }
    asset(l.asset, [...path, 'asset'], true);
  };
  const condition = (c: Condition, path: Path): void => {
    if ('action' in c) actionRef({ action: c.action, target: c.target }, path);
    else if ('delivered' in c && !injects.has(c.delivered)) report([...path, 'delivered'], `no inject "${c.delivered}"`);
    else if ('phase' in c && !phases.has(c.phase)) report([...path, 'phase'], `no phase "${c.phase}"`);
    else if ('known' in c) fact(c.known, [...path, 'known']);
    else if ('decision' in c) {
      const inject = scenario.injects.find((i) => i.id === c.decision);
      if (!inject?.decision) report([...path, 'decision'], `no inject "${c.decision}" that asks a decision`);
      else if (!['answered', 'missed', ...inject.decision.options.map((o) => o.id)].includes(c.is)) {
        report([...path, 'is'], `"${c.is}" is not answered, missed or one of the options (${inject.decision.options.map((o) => o.id).join(', ')})`);
      }
    } else if ('all' in c) c.all.forEach((x, i) => condition(x, [...path, 'all', i]));
    else if ('any' in c) c.any.forEach((x, i) => condition(x, [...path, 'any', i]));
    else if ('not' in c) condition(c.not, [...path, 'not']);
    else if ('after' in c && c.after > scenario.durationMinutes) report([...path, 'after'], `minute ${c.after} is after the drill ends (durationMinutes ${scenario.durationMinutes})`);
  };

  scenario.assets.forEach((a, i) => {
    a.links.forEach((l, j) => asset(l, ['assets', i, 'links', j]));
    for (const id of Object.keys(a.work)) {
      const def = action(id, ['assets', i, 'work', id]);
      if (def && def.target !== 'asset') report(['assets', i, 'work', id], `"${id}" takes no target, so it cannot take longer on one asset; set it under the scenario's work instead`);
    }
  });
  scenario.dataStores.forEach((d, i) => asset(d.asset, ['dataStores', i, 'asset']));
  scenario.directory.forEach((p, i) => {
    if (p.openedBy) action(p.openedBy, ['directory', i, 'openedBy']);
  });
  const adv = scenario.adversary;
  adv.entry.forEach((f, i) => asset(f, ['adversary', 'entry', i]));
  adv.spread.forEach((s, i) => asset(s.asset, ['adversary', 'spread', i, 'asset']));
  for (const [key, set, label] of [['cause', causes, 'cause'], ['actor', actors, 'actor'], ['causeIfNoInsider', causes, 'cause'], ['actorIfNoInsider', actors, 'actor']] as const) {
    const value = adv[key];
    if (value !== undefined && !set.has(value)) report(['adversary', key], `no ${label} "${value}" among claims.${label === 'cause' ? 'causes' : 'actors'}`);
  }
  adv.reads.forEach((r, i) => {
    if (r.ifCompromised) asset(r.ifCompromised, ['adversary', 'reads', i, 'ifCompromised']);
  });
  if (adv.exfiltration) {
    if (!stores.has(adv.exfiltration.from)) report(['adversary', 'exfiltration', 'from'], `no data store "${adv.exfiltration.from}"`);
    adv.exfiltration.stoppedBy.forEach((r, i) => actionRef(r, ['adversary', 'exfiltration', 'stoppedBy', i]));
  }
  if (adv.tipOff) {
    asset(adv.tipOff.fallback.target, ['adversary', 'tipOff', 'fallback', 'target'], true);
    adv.tipOff.preventedBy.forEach((r, i) => actionRef(r, ['adversary', 'tipOff', 'preventedBy', i]));
  }
  for (const id of Object.keys(scenario.work)) action(id, ['work', id]);
  for (const [id, findings] of Object.entries(scenario.findings)) {
    const def = action(id, ['findings', id]);
    findings.forEach((f, i) => {
      if (f.when.target !== undefined && def && def.target !== 'asset') report(['findings', id, i, 'when', 'target'], `"${id}" takes no target`);
      f.when.known?.forEach((k, j) => fact(k, ['findings', id, i, 'when', 'known', j]));
      f.learn.forEach((l, j) => lesson(l, ['findings', id, i, 'learn', j], def?.target === 'asset'));
    });
  }
  scenario.truth.forEach((t, i) => {
    if (t.asset !== undefined) asset(t.asset, ['truth', i, 'asset'], true);
  });
  scenario.injects.forEach((inject, i) => {
    const d = inject.delivery;
    if ('at' in d && d.at > scenario.durationMinutes) report(['injects', i, 'delivery', 'at'], `minute ${d.at} is after the drill ends (durationMinutes ${scenario.durationMinutes})`);
    if ('when' in d) condition(d.when, ['injects', i, 'delivery', 'when']);
    inject.learn.forEach((l, j) => lesson(l, ['injects', i, 'learn', j], false));
    if (inject.decision) ids(inject.decision.options, ['injects', i, 'decision', 'options']);
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
