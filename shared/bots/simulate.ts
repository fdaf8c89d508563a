import seedrandom from 'seedrandom';
import { createDrill, defaultSeats, execute } from '../engine/execute.ts';
import type { Actor, Command, DrillState, LogEntry } from '../engine/types.ts';
import { MS_PER_MINUTE, SYSTEM_ACTOR } from '../engine/types.ts';
import { viewFor } from '../engine/view.ts';
import type { CompiledScenario } from '../scenario/compiled.ts';
import { byTheBook } from './by-the-book.ts';
import type { Policy, PolicyId } from './policy.ts';
import { randomPolicy } from './random.ts';
import { reckless } from './reckless.ts';

export const POLICIES: Record<PolicyId, Policy> = { 'by-the-book': byTheBook, reckless, random: randomPolicy };

/** The seats a bot team fills: the scenario's default team. */
export const botSeats = (compiled: CompiledScenario): Actor[] => defaultSeats(compiled).map((s) => ({ role: s.role, seat: s.seat }));
const FACILITATOR: Actor = { role: 'facilitator', seat: 'facilitator' };

/**
 * A team of bots sharing one policy: each seat gets a deterministic random stream and remembers
 * what the engine refused it. Each bot decides from its own seat's view, so it acts only on what
 * the team knows. Solo mode uses the same class for the seats the trainee leaves empty, asking each
 * seat's move (next) and sending it through the drill master as that seat.
 */
export class BotTeam {
  private readonly streams = new Map<string, () => number>();
  private readonly refused = new Map<string, Set<string>>();

  constructor(
    readonly policy: Policy,
    readonly seats: readonly Actor[],
    seed: string,
  ) {
    for (const seat of seats) {
      this.streams.set(seat.seat, seedrandom.alea(`${seed}:bot:${seat.seat}`));
      this.refused.set(seat.seat, new Set());
    }
  }

  /** The next command of one bot seat at game time `at`, decided from its view of `state`, or null. */
  next(compiled: CompiledScenario, state: DrillState, seat: Actor, at: number): Command | null {
    const refused = this.refused.get(seat.seat) ?? new Set<string>();
    const random = this.streams.get(seat.seat) ?? (() => 0);
    const view = viewFor(compiled, state, { role: seat.role === 'system' ? 'observer' : seat.role, seat: seat.seat });
    return this.policy.next({ view, seat, at, random, refused });
  }

  /** Remember a refusal, so the bot does not try the same command again. */
  refuse(seat: Actor, command: Command): void {
    this.refused.get(seat.seat)?.add(JSON.stringify(command));
  }

  /** Let every bot seat make at most one move at game time `at`; returns the entries they caused. */
  play(compiled: CompiledScenario, state: DrillState, at: number): { state: DrillState; entries: LogEntry[] } {
    const entries: LogEntry[] = [];
    for (const seat of this.seats) {
      if (state.lifecycle !== 'running') break;
      const command = this.next(compiled, state, seat, at);
      if (!command) continue;
      const result = execute(compiled, state, { at, actor: seat, command });
      if (result.ok) {
        state = result.state;
        entries.push(...result.entries);
      } else {
        this.refuse(seat, command);
      }
    }
    return { state, entries };
  }
}

export interface SimulationOptions {
  seed: string;
  policy: PolicyId;
  /** Game time between bot turns. */
  stepMs?: number;
}

/** Facilitator-only injects are pushed at evenly spaced moments, so simulations exercise them too. */
function facilitatorSchedule(compiled: CompiledScenario): Map<number, string> {
  const manual = compiled.scenario.injects.filter((i) => 'facilitator' in i.delivery);
  const schedule = new Map<number, string>();
  manual.forEach((inject, i) => {
    const minute = Math.round((compiled.scenario.durationMinutes * (i + 1)) / (manual.length + 4));
    schedule.set(minute * MS_PER_MINUTE, inject.id);
  });
  return schedule;
}

/** Play a whole drill with bots in every seat. Deterministic for a given scenario, seed and policy. */
export function simulate(compiled: CompiledScenario, options: SimulationOptions): { state: DrillState; entries: LogEntry[] } {
  const stepMs = options.stepMs ?? 30_000;
  const created = createDrill(compiled, options.seed);
  const entries = [...created.entries];
  let state = created.state;
  const run = (at: number, actor: Actor, command: Command) => {
    const result = execute(compiled, state, { at, actor, command });
    if (result.ok) {
      state = result.state;
      entries.push(...result.entries);
    }
    return result.ok;
  };
  run(0, FACILITATOR, { type: 'drill.start' });
  const team = new BotTeam(POLICIES[options.policy], botSeats(compiled), options.seed);
  const pushes = facilitatorSchedule(compiled);
  const endAt = compiled.scenario.durationMinutes * MS_PER_MINUTE;
  let closedAt: number | null = null;
  for (let at = 0; at < endAt && state.lifecycle !== 'ended'; at += stepMs) {
    run(at, SYSTEM_ACTOR, { type: 'clock.tick' });
    const push = pushes.get(at);
    if (push && state.lifecycle === 'running') run(at, FACILITATOR, { type: 'inject.push', injectId: push });
    const turn = team.play(compiled, state, at);
    state = turn.state;
    entries.push(...turn.entries);
    if (state.facts.closed !== undefined && closedAt === null) closedAt = at;
    // The facilitator wraps up once the team has closed out (or a few minutes after a close without a postmortem).
    if (closedAt !== null && (state.facts.postmortemScheduled !== undefined || at - closedAt >= 5 * MS_PER_MINUTE)) {
      run(at, FACILITATOR, { type: 'drill.end', reason: 'team closed the incident' });
    }
  }
  if (state.lifecycle !== 'ended') run(Math.max(state.clock, endAt), SYSTEM_ACTOR, { type: 'clock.tick' });
  return { state, entries };
}
