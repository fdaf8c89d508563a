import type { Lifecycle, LogEntry } from '../../shared/engine/index.ts';
import type { Localized } from '../../shared/i18n/locales.ts';
import { scoreDrill } from '../../shared/scoring/index.ts';
import type { DrillRegistry } from '../drills/registry.ts';
import { after, type MaybePromise } from '../store/maybe.ts';
import type { DrillRecord, EventStore } from '../store/types.ts';

export interface PastDrillSummary {
  drillId: string;
  scenarioId: string;
  scenarioTitle: Localized | null;
  seed: string;
  createdAt: number;
  lifecycle: Lifecycle | 'unknown';
  events: number;
  /** The total, once the drill has ended. */
  score: number | null;
}

/**
 * The facilitator's list of past drills, without bringing them live: a drill that is not live is
 * folded from its log and dropped, and an ended drill's summary, which can no longer change, is
 * kept once it is known.
 */
export class PastDrills {
  private readonly ended = new Map<string, PastDrillSummary>();

  constructor(
    private readonly store: EventStore,
    private readonly registry: DrillRegistry,
  ) {}

  summary(d: DrillRecord): MaybePromise<PastDrillSummary> {
    const known = this.ended.get(d.id);
    if (known) return known;
    const base = { drillId: d.id, scenarioId: d.scenarioId, seed: d.seed, createdAt: d.createdAt };
    const live = this.registry.peek(d.id);
    return after(live?.compiled ?? this.registry.compiled(d.id), (compiled) => {
      if (!compiled) return { ...base, scenarioTitle: null, lifecycle: 'unknown', events: 0, score: null };
      // A live drill's state is at hand; its log is read only to score it once it has ended.
      const log = live && live.state.lifecycle !== 'ended' ? null : this.store.entries(d.id);
      return after(log, (entries) => {
        const state = live?.state ?? this.registry.fold(d.id, compiled, entries ?? []);
        // Recorded by an older engine: listed, but it can be neither replayed nor scored.
        if (!state) return { ...base, scenarioTitle: compiled.scenario.title, lifecycle: 'unknown', events: entries?.length ?? 0, score: null };
        const summarise = (scored: readonly LogEntry[] | null): PastDrillSummary => {
          const summary: PastDrillSummary = {
            ...base,
            // The title the drill was played under (uploaded scenarios have no bundled title to look up).
            scenarioTitle: compiled.scenario.title,
            lifecycle: state.lifecycle,
            events: state.seq + 1,
            // Ended drills carry their total so a facilitator can compare runs at a glance.
            score: scored ? scoreDrill(compiled, scored).total : null,
          };
          if (summary.lifecycle === 'ended') this.ended.set(d.id, summary);
          return summary;
        };
        if (state.lifecycle !== 'ended') return summarise(null);
        return entries ? summarise(entries) : after(this.store.entries(d.id), summarise);
      });
    });
  }
}
