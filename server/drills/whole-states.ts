import { replay, replayFrom, viewPatches, type DrillState, type LogEntry, type ViewPatch, type Viewer } from '../../shared/engine/index.ts';
import type { DrillMaster } from '../../shared/master/index.ts';
import type { Clock, Scheduler } from '../clock.ts';
import { after, type MaybePromise } from '../store/maybe.ts';
import type { EventStore } from '../store/types.ts';

/** How long a drill's whole state is kept after a seat last needed it. */
export const WHOLE_STATE_KEPT_MS = 30_000;

/**
 * Whole states of live drills, for whole views (TRIM3). A drill's master keeps its state trimmed and
 * its history is in the log, so a whole view is built from the log folded whole. Seats need whole
 * views in waves: a team joining at the start, every seat of every drill after a restart. The state
 * folded for the first of a wave serves the rest; it is moved on by the entries committed since,
 * read from the log, and let go of once no seat has asked for WHOLE_STATE_KEPT_MS, so a drill keeps
 * its history in memory only while seats are joining. A drill rebuilt from its log (boot, a
 * takeover) starts with the whole state that fold produced, as its seats are about to come back.
 * That first state is kept beside the moved-on one, so a seat that held its view through a restart
 * is sent what changed since (WELCOME-V5), not its whole view again.
 */
interface Kept {
  state: DrillState;
  usedAt: number;
  /** The state the drill was seeded with: the view its seats held when it was created or rebuilt. */
  seeded: DrillState | null;
  /** Each seat's change from `seeded` to the state at `seq`, worked out once for the wave. */
  change: { seq: number; of: (viewer: Viewer) => ViewPatch } | null;
}

export class WholeStates {
  private readonly states = new Map<string, Kept>();
  private sweep: unknown = null;

  constructor(
    private readonly store: Pick<EventStore, 'entries'>,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    private readonly keptMs = WHOLE_STATE_KEPT_MS,
  ) {}

  /** A drill's whole state, folded already (a drill created, or rebuilt from its log). */
  seed(drillId: string, state: DrillState): void {
    if (state.trimmed) return;
    this.states.set(drillId, { state, usedAt: this.clock.now(), seeded: state, change: null });
    this.sweepLater();
  }

  /**
   * Each seat's change from the state the drill was seeded with to its whole state now, when `seq` is
   * the seeded state's seq; null otherwise (that view is not known here, so the whole view is sent).
   */
  changeSince(master: DrillMaster, seq: number): MaybePromise<((viewer: Viewer) => ViewPatch) | null> {
    const seeded = this.states.get(master.id)?.seeded;
    if (!seeded || seeded.seq !== seq || seq >= master.state.seq) return null;
    return after(this.of(master), (state) => {
      // Let go of, or seeded anew (the drill left this node and came back), while the log was read.
      const kept = this.states.get(master.id);
      if (!kept || kept.seeded !== seeded) return null;
      if (kept.change?.seq !== state.seq) {
        const patches = viewPatches(master.compiled, seeded, state);
        // A seat that sees nothing new still learns the seq and clock its view is now current at.
        const unchanged: ViewPatch = { seq: state.seq, clock: state.clock, lifecycle: state.lifecycle, speed: state.speed };
        kept.change = { seq: state.seq, of: (viewer) => patches(viewer) ?? unchanged };
      }
      return kept.change.of;
    });
  }

  /**
   * A live drill's whole state at its master's seq: what its seats have been sent, and no further
   * (an entry durable but not sent yet reaches a seat with its patch). A read that ends short of that
   * seq, because the master moved on while it was under way, is followed by another.
   */
  of(master: DrillMaster): MaybePromise<DrillState> {
    if (!master.state.trimmed) return master.state;
    const kept = this.states.get(master.id)?.state;
    const from = kept && kept.seq <= master.state.seq ? kept : null;
    if (from && from.seq === master.state.seq) return this.keep(master.id, from);
    const foldTo = (entries: LogEntry[]): MaybePromise<DrillState> => {
      const seq = master.state.seq;
      const last = entries.at(-1)?.seq ?? from?.seq ?? -1;
      if (last < seq) {
        return after(this.store.entries(master.id, last), (more) => {
          if (more.length === 0) throw new Error(`drill ${master.id}: its log ends at seq ${last}, before its master's seq ${seq}`);
          return foldTo(entries.concat(more));
        });
      }
      return this.keep(master.id, from ? replayFrom(master.compiled, from, entries, { untilSeq: seq }) : replay(master.compiled, entries, { untilSeq: seq }));
    };
    return after(from ? this.store.entries(master.id, from.seq) : this.store.entries(master.id), foldTo);
  }

  forget(drillId: string): void {
    this.states.delete(drillId);
  }

  close(): void {
    if (this.sweep !== null) this.scheduler.clear(this.sweep);
    this.sweep = null;
    this.states.clear();
  }

  private keep(drillId: string, state: DrillState): DrillState {
    const kept = this.states.get(drillId);
    this.states.set(drillId, { state, usedAt: this.clock.now(), seeded: kept?.seeded ?? null, change: kept?.change ?? null });
    this.sweepLater();
    return state;
  }

  private sweepLater(): void {
    if (this.sweep === null) this.sweep = this.scheduler.set(this.letGo, this.keptMs);
  }

  /** Let go of the states nobody asked for lately; look again when the next one would be due. */
  private readonly letGo = (): void => {
    this.sweep = null;
    const now = this.clock.now();
    let next = Infinity;
    for (const [id, { usedAt }] of this.states) {
      if (now - usedAt >= this.keptMs) this.states.delete(id);
      else next = Math.min(next, usedAt + this.keptMs - now);
    }
    if (next !== Infinity) this.sweep = this.scheduler.set(this.letGo, next);
  };
}
