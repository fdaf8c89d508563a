import { getShortestPaths } from '@xstate/graph';
import { createMachine } from 'xstate';
import { getAction } from '../runbook/actions.ts';
import type { SourceMap } from './load.ts';
import { jsonPath, type Problem } from './problems.ts';
import type { Condition, Scenario } from './schema.ts';

/*
 * Static checks that prove a scenario is playable: every phase is reachable and none is a dead
 * end, every inject can fire, and something starts the story. Run after the reference checks.
 */

/** An abstract machine of the phase graph alone: each transition is its own unguarded event. */
function phaseGraph(scenario: Scenario, initial: string) {
  const states = Object.fromEntries(
    scenario.phases.states.map((p) => [
      p.id,
      p.final ? { type: 'final' as const } : { on: Object.fromEntries(p.transitions.map((t, i) => [`go.${p.id}.${i}`, { target: t.to }])) },
    ]),
  );
  const machine = createMachine({ id: 'phases', initial, states } as never);
  const events = scenario.phases.states.flatMap((p) => p.transitions.map((_, i) => ({ type: `go.${p.id}.${i}` })));
  return { machine, events };
}

/** Phases reachable from `from`, found with @xstate/graph's shortest paths. */
export function reachablePhases(scenario: Scenario, from: string): Set<string> {
  const { machine, events } = phaseGraph(scenario, from);
  const paths = getShortestPaths(machine, { events });
  return new Set(paths.map((p) => String(p.state.value)));
}

export function staticChecks(scenario: Scenario, file: string, map?: Pick<SourceMap, 'lineOf'>): Problem[] {
  const problems: Problem[] = [];
  const report = (path: (string | number)[], message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file, line: map?.lineOf(path) ?? 0, path: jsonPath(path), message, severity });

  // Phases: reachable from the start, and every non-final one can still reach an ending.
  const reachable = reachablePhases(scenario, scenario.phases.initial);
  const finals = new Set(scenario.phases.states.filter((p) => p.final).map((p) => p.id));
  if (finals.size === 0) report(['phases', 'states'], 'no phase is final: mark the phase(s) a drill can finish in with final: true');
  scenario.phases.states.forEach((phase, i) => {
    if (!reachable.has(phase.id)) report(['phases', 'states', i], `phase "${phase.id}" can never be entered from "${scenario.phases.initial}"`);
    if (phase.final) return;
    if (phase.transitions.length === 0) return report(['phases', 'states', i], `phase "${phase.id}" is a dead end: it is not final and has no transitions`);
    const onward = reachablePhases(scenario, phase.id);
    if (![...onward].some((p) => finals.has(p))) report(['phases', 'states', i], `from phase "${phase.id}" no final phase can be reached`);
  });

  // Injects: each one's condition must be satisfiable in some playthrough.
  const injectsById = new Map(scenario.injects.map((inj) => [inj.id, inj]));
  const store = scenario.adversary.exfiltration && scenario.dataStores.find((d) => d.id === scenario.adversary.exfiltration?.from);
  const canFire = new Map<string, boolean>();
  const couldHold = (c: Condition, visiting: Set<string>): boolean => {
    if ('after' in c) return c.after <= scenario.durationMinutes;
    if ('action' in c) return getAction(c.action) !== undefined && (!c.by || (getAction(c.action)?.roles as readonly string[]).includes(c.by));
    if ('delivered' in c) return injectCanFire(c.delivered, visiting);
    if ('exfilAtLeast' in c) return store !== undefined && c.exfilAtLeast <= store.records;
    if ('exfilStopped' in c) return scenario.adversary.exfiltration !== undefined;
    if ('adversary' in c) return scenario.adversary.tipOff !== undefined;
    if ('phase' in c) return reachable.has(c.phase);
    if ('insider' in c) {
      const chance = scenario.adversary.origin === 'insider' ? scenario.adversary.insiderChance : 0;
      return c.insider === 'confirmed' ? chance > 0 : chance < 1;
    }
    if ('known' in c || 'decision' in c || 'message' in c) return true;
    if ('all' in c) return c.all.every((x) => couldHold(x, visiting));
    if ('any' in c) return c.any.some((x) => couldHold(x, visiting));
    return true; // `not`: assumed satisfiable
  };
  const injectCanFire = (id: string, visiting: Set<string>): boolean => {
    const known = canFire.get(id);
    if (known !== undefined) return known;
    const inject = injectsById.get(id);
    if (!inject || visiting.has(id)) return false;
    const d = inject.delivery;
    const result = 'when' in d ? couldHold(d.when, new Set([...visiting, id])) : true;
    if (visiting.size === 0) canFire.set(id, result);
    return result;
  };
  scenario.injects.forEach((inject, i) => {
    if ('when' in inject.delivery && !injectCanFire(inject.id, new Set())) {
      report(['injects', i, 'delivery', 'when'], `inject "${inject.id}" can never fire: its condition cannot be met in this scenario (or it waits on itself)`);
    }
  });
  if (!scenario.injects.some((i) => 'at' in i.delivery)) {
    report(['injects'], 'no inject is scheduled with `at`, so nothing starts the story unless the facilitator pushes one', 'warning');
  }
  return problems;
}
