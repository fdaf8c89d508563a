import { createDrill, execute, trimState, type DrillState, type LogEntry, type SeatDef, type ViewPatch, type Viewer } from '../../shared/engine/index.ts';
import { compileScenario, loadScenario, type LoadResult } from '../../shared/scenario/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { foldRecorded } from './fold.ts';
import { after, isPromise, type MaybePromise } from '../store/maybe.ts';
import type { ClockAnchor, EventStore, ReadLog, SeatRecord } from '../store/types.ts';
import { DrillMaster, type MasterDeps } from '../../shared/master/index.ts';
import { SoleLeases, type DrillLeases } from './lease.ts';
import { hashToken, newDrillId, newSeatToken } from './tokens.ts';
import { validatedScenarioOf, type ValidatedScenarios } from './validated-scenarios.ts';
import { WholeStates } from './whole-states.ts';

/** Uploaded scenarios whose compiled form is kept for drills yet to be created or rebuilt (see DrillRegistry). */
export const COMPILED_TEXTS_KEPT = 16;

export interface CreateDrillInput {
  scenarioText: string;
  scenarioFile: string;
  seed: string;
  speed: number;
  /** SME seats; absent, the team the scenario is balanced for. */
  smeCount?: number;
  observerCount: number;
  hostKey: string;
}

export interface CreatedDrill {
  drillId: string;
  seats: (Viewer & { token: string })[];
}

/** Another node runs the drill: connect again after retryAfterMs (through the proxy). */
export interface Elsewhere {
  elsewhere: true;
  retryAfterMs: number;
}

/** What opening a drill gives: its live master, word that another node runs it, or null (no such drill). */
export type Opened = DrillMaster | Elsewhere | null;

export const isElsewhere = (opened: Opened): opened is Elsewhere => opened !== null && 'elsewhere' in opened;

/** What the registry tells the rest of the server. */
export interface RegistryHooks {
  /** A drill became live here, with its log so far, so others can fold it without reading it again. */
  onLive?(master: DrillMaster, entries: readonly LogEntry[]): void;
  /** This node stops running the drill (its lease moved): its connections must go to the node that runs it. */
  onLetGo?(drillId: string): void;
}

/** A drill this node is letting go of: its connections are told to come back after this long. */
const LEAVING_RETRY_MS = 500;
/** How long a refusal (another node holds the lease) is answered without asking the database again. */
const ELSEWHERE_CACHE_MS = 1_000;
/** A takeover is tried this long after the lease should have lapsed (the database's clock decides). */
const TAKEOVER_MARGIN_MS = 100;

/** A drill as it stands in the log, for reading only (see DrillRegistry.read). */
export interface DrillSnapshot {
  compiled: CompiledScenario;
  state: DrillState;
}

/** What the registry needs: the event store (drills, seats, logs) and what every drill master needs. */
export interface RegistryDeps extends MasterDeps {
  store: EventStore;
  /** Scenarios the build validated, compiled without parsing their text again (validated-scenarios.ts). */
  validated?: ValidatedScenarios;
}

/** Drills per log read on boot, and how many reads may be outstanding (see DrillRegistry.logsOf). */
const BOOT_READ_BATCH = 50;
const BOOT_READS_AHEAD = 3;

/**
 * Live drills by id, each run by a drill master (shared/master/), made live on demand (open) and, in
 * one process, re-armed on boot. A drill
 * is live only on the node that holds its lease (lease.ts): open() takes the lease before it reads
 * the log, so no drill ever has two clocks or two command queues, and `read` serves any drill from
 * its log without making it live.
 */
export class DrillRegistry {
  private readonly masters = new Map<string, DrillMaster>();
  /** Drills an older engine recorded, already logged as refused (see fold). */
  private readonly refusedOld = new Map<string, string>();
  /** Drills being opened (a lease asked for, a log read): the handshakes that arrive meanwhile share it. */
  private readonly opening = new Map<string, Promise<Opened>>();
  /** Drills being let go of (see letGo): their connections are told to come back in a moment. */
  private readonly leaving = new Set<string>();
  /** Drills another node holds: when to ask the database again, and when their lease lapses unless renewed. */
  private readonly elsewhere = new Map<string, { askAgainAt: number; lapsesAt: number }>();
  /** Attempts to take a drill over when its lease lapses (see takeOverWhenLapsed). */
  private readonly takeovers = new Map<string, ReturnType<typeof setTimeout>>();
  private closed = false;
  /**
   * Compiled scenarios by their text: drills of the same scenario share one (it is immutable). The
   * bundled ones stay (adopt); of the others (uploaded scenarios) the most recently used
   * COMPILED_TEXTS_KEPT are kept, so a server that has seen many uploads does not keep them all:
   * a live master holds its own, and any other is parsed again when next needed.
   */
  private readonly compiledByText = new Map<string, CompiledScenario>();
  private readonly pinnedTexts = new Set<string>();
  /** Whole states of live drills, kept while seats are joining (whole-states.ts). */
  private readonly wholeStates: WholeStates;

  constructor(
    private readonly deps: RegistryDeps,
    private readonly hooks: RegistryHooks = {},
    readonly leases: DrillLeases = new SoleLeases(),
  ) {
    leases.onLost = (drillId, why) => void this.letGo(drillId, why === 'wanted');
    this.wholeStates = new WholeStates(deps.store, deps.clock, deps.scheduler);
  }

  /**
   * Write a new drill down. Any node may create one; in one process it is live at once, and with
   * leases the node its first connection reaches takes it (the proxy routes by drill id, and the
   * creating request named none).
   */
  create(input: CreateDrillInput, compiled: CompiledScenario): MaybePromise<CreatedDrill> {
    const drillId = newDrillId();
    const base: Viewer[] = [
      { role: 'facilitator', seat: 'facilitator' },
      { role: 'ic', seat: 'ic' },
      { role: 'deputy', seat: 'deputy' },
      { role: 'scribe', seat: 'scribe' },
      ...Array.from({ length: input.smeCount ?? compiled.scenario.team.smes }, (_, i) => ({ role: 'sme' as const, seat: `sme-${i + 1}` })),
      ...Array.from({ length: input.observerCount }, (_, i) => ({ role: 'observer' as const, seat: `observer-${i + 1}` })),
    ];
    const seats = base.map((s) => ({ ...s, token: newSeatToken(drillId) }));
    const players = base.filter((s): s is Viewer & { role: SeatDef['role'] } => s.role !== 'facilitator' && s.role !== 'observer').map((s) => ({ seat: s.seat, role: s.role }));
    let { state, entries } = createDrill(compiled, input.seed, players);
    // The chosen speed is part of creation (one transaction), not a command sent to a master that
    // may live on another node.
    if (input.speed !== 1) {
      const sped = execute(compiled, state, { at: 0, actor: { role: 'facilitator', seat: 'facilitator' }, command: { type: 'drill.setSpeed', speed: input.speed } });
      if (!sped.ok) throw new Error(`speed ${input.speed} refused: ${sped.error.message}`);
      state = sped.state;
      entries = [...entries, ...sped.entries];
    }
    const anchor: ClockAnchor = { wallMs: this.deps.clock.now(), gameMs: 0, speed: state.speed, running: false };
    const records: SeatRecord[] = seats.map((s) => ({ role: s.role, seat: s.seat, tokenHash: hashToken(s.token) }));
    const written = this.deps.store.createDrill(
      { id: drillId, scenarioId: compiled.scenario.id, scenarioVersion: compiled.scenario.version, scenarioText: input.scenarioText, scenarioFile: input.scenarioFile, seed: input.seed, hostKeyHash: hashToken(input.hostKey), createdAt: this.deps.clock.now() },
      records,
      entries,
      anchor,
    );
    return after(written, () => {
      if (this.leases.sole) {
        this.wholeStates.seed(drillId, state);
        this.makeLive(new DrillMaster(drillId, compiled, trimState(state), anchor, this.deps), entries);
      }
      return { drillId, seats };
    });
  }

  /**
   * Validate and compile a scenario, once per distinct text: a thousand drills of one bundled
   * scenario share one compiled machine instead of holding a thousand copies.
   */
  load(text: string, file: string): LoadResult {
    const cached = this.compiledByText.get(text);
    if (cached) {
      if (!this.pinnedTexts.has(text)) {
        // Most recently used last (a Map keeps insertion order).
        this.compiledByText.delete(text);
        this.compiledByText.set(text, cached);
      }
      return { ok: true, compiled: cached, warnings: [] };
    }
    const validated = this.deps.validated && validatedScenarioOf(this.deps.validated, text);
    const loaded: LoadResult = validated ? { ok: true, compiled: compileScenario(validated), warnings: [] } : loadScenario(text, file);
    if (loaded.ok) {
      this.compiledByText.set(text, loaded.compiled);
      let unpinned = this.compiledByText.size - this.pinnedTexts.size;
      for (const key of this.compiledByText.keys()) {
        if (unpinned <= COMPILED_TEXTS_KEPT) break;
        if (this.pinnedTexts.has(key)) continue;
        this.compiledByText.delete(key);
        unpinned--;
      }
    }
    return loaded;
  }

  /**
   * A scenario already validated and compiled elsewhere (the bundled ones, loaded at start): drills
   * of it, created or rebuilt on boot, use it instead of parsing and validating the text again
   * (about 100 ms for the three bundled files, on every start).
   */
  adopt(text: string, compiled: CompiledScenario): void {
    if (!this.compiledByText.has(text)) this.compiledByText.set(text, compiled);
    this.pinnedTexts.add(text);
  }

  /** The master of a drill if it is live here, without opening it. */
  peek(drillId: string): DrillMaster | null {
    return this.masters.get(drillId) ?? null;
  }

  /**
   * The master of a drill: live, or rebuilt from its log once this node holds the drill's lease (a
   * running drill then processes what fell due meanwhile, once, and its clock is re-armed). When
   * another node holds the lease, says when to come back; null if there is no such drill.
   *
   * A refusal is remembered for a moment (ELSEWHERE_CACHE_MS), so the clients of a drill whose node
   * died, retrying until its lease lapses, do not each ask the database; and when the lease is due
   * to lapse this node tries to take the drill by itself, so the clients find it live when they
   * come back (LEASE1).
   */
  open(drillId: string): MaybePromise<Opened> {
    const live = this.masters.get(drillId);
    if (live) return live;
    if (this.leaving.has(drillId)) return { elsewhere: true, retryAfterMs: LEAVING_RETRY_MS };
    const known = this.elsewhere.get(drillId);
    if (known) {
      // Lease timing is the database's wall clock, not game time: real time here, not deps.clock.
      const now = Date.now();
      if (now < known.askAgainAt) return { elsewhere: true, retryAfterMs: Math.max(0, known.lapsesAt - now) };
      this.elsewhere.delete(drillId);
    }
    return this.take(drillId, true);
  }

  /** Ask for the drill's lease and, once held, rebuild its master (concurrent callers share one attempt). */
  private take(drillId: string, takeOverLater: boolean): MaybePromise<Opened> {
    const pending = this.opening.get(drillId);
    if (pending) return pending;
    const opened = after(this.leases.acquire(drillId), (lease): MaybePromise<Opened> => {
      if (!lease.held) {
        if (takeOverLater) {
          const now = Date.now();
          this.elsewhere.set(drillId, { askAgainAt: now + Math.min(lease.retryAfterMs, ELSEWHERE_CACHE_MS), lapsesAt: now + lease.retryAfterMs });
          this.takeOverWhenLapsed(drillId, lease.retryAfterMs);
        }
        return { elsewhere: true, retryAfterMs: lease.retryAfterMs };
      }
      this.elsewhere.delete(drillId);
      return after(this.rebuild(drillId, lease.fence, true), (master) => {
        // No such drill (a token of a deleted drill): the lease taken for it goes back.
        if (!master && lease.fence !== undefined) return after(this.leases.release(drillId, lease.fence), () => null);
        return master;
      });
    });
    if (!isPromise(opened)) return opened;
    const shared = opened.finally(() => this.opening.delete(drillId));
    this.opening.set(drillId, shared);
    return shared;
  }

  /**
   * A drill's connections reach this node but its lease is held elsewhere: try once to take it when
   * that lease would lapse. If its holder is alive and renewing, the attempt is refused and nothing
   * more is tried until a connection asks again.
   */
  private takeOverWhenLapsed(drillId: string, inMs: number): void {
    if (this.takeovers.has(drillId)) return;
    const timer = setTimeout(() => {
      this.takeovers.delete(drillId);
      this.elsewhere.delete(drillId);
      if (this.closed || this.masters.has(drillId)) return;
      const taken = this.take(drillId, false);
      if (isPromise(taken)) taken.catch((error: Error) => this.deps.logger.error(`drill ${drillId}: taking it over failed: ${error.message}`));
    }, inMs + TAKEOVER_MARGIN_MS);
    timer.unref();
    this.takeovers.set(drillId, timer);
  }

  /**
   * Rebuild a drill's master from its log (read after the lease was taken, so it holds every commit of
   * the node that ran it before). With `resume`, a running drill ticks at once and re-arms its clock.
   */
  private rebuild(drillId: string, fence: number | undefined, resume: boolean, known?: { anchor: ClockAnchor; compiled: CompiledScenario; log?: ReadLog }): MaybePromise<DrillMaster | null> {
    return after(known?.anchor ?? this.deps.store.anchor(drillId), (anchor) => {
      if (!anchor) return null;
      return after(known?.compiled ?? this.compiled(drillId), (compiled) => {
        if (!compiled) return null;
        return after(known?.log?.entries ?? this.deps.store.entries(drillId), (entries) => {
          const raced = this.masters.get(drillId);
          if (raced) return raced;
          const state = this.fold(drillId, compiled, entries);
          if (!state) return null;
          // Its seats are about to come back, and the whole state is at hand: it serves their whole views.
          this.wholeStates.seed(drillId, state);
          const master = this.makeLive(new DrillMaster(drillId, compiled, trimState(state), anchor, this.deps, fence), entries);
          if (resume && anchor.running) {
            void master
              .tick()
              .catch((error: Error) => this.deps.logger.error(`drill ${drillId}: catch-up tick failed: ${error.message}`))
              .finally(() => master.arm());
          }
          return master;
        });
      });
    });
  }

  private makeLive(master: DrillMaster, entries: readonly LogEntry[]): DrillMaster {
    this.masters.set(master.id, master);
    this.hooks.onLive?.(master, entries);
    return master;
  }

  /**
   * Any drill as the log has it, to read: the live master's state if this node runs it (trimmed: its
   * lifecycle and clock, not its history), else a fold of its log that is not kept (reports and
   * views asked of a node that does not run the drill).
   */
  read(drillId: string): MaybePromise<DrillSnapshot | null> {
    // Peek, not open: reading an ended drill's report must not bring its master back to life.
    const live = this.peek(drillId);
    if (live) return { compiled: live.compiled, state: live.state };
    return after(this.compiled(drillId), (compiled) => {
      if (!compiled) return null;
      return after(this.deps.store.entries(drillId), (entries) => {
        const state = entries.length > 0 ? this.fold(drillId, compiled, entries) : null;
        return state ? { compiled, state } : null;
      });
    });
  }

  /** Any drill's whole state, for a whole view: a live one's log folded up to what its master has sent. */
  readWhole(drillId: string): MaybePromise<DrillSnapshot | null> {
    const live = this.peek(drillId);
    if (live) return after(this.wholeState(live), (state) => ({ compiled: live.compiled, state }));
    return this.read(drillId);
  }

  /**
   * A live drill's whole state, for whole views: its master keeps the state trimmed (trim.ts) and the
   * history is in the log, so this is the log folded up to what the master has sent (whole-states.ts).
   */
  wholeState(master: DrillMaster): MaybePromise<DrillState> {
    return this.wholeStates.of(master);
  }

  /** Each seat's change since the view it held at `seq`, when that is the state the drill was rebuilt (or created) with; else null. */
  viewChangeSince(master: DrillMaster, seq: number): MaybePromise<((viewer: Viewer) => ViewPatch) | null> {
    return this.wholeStates.changeSince(master, seq);
  }

  /** Why a drill that exists cannot be opened (an older engine recorded it), once a fold found out. */
  refusal(drillId: string): string | undefined {
    return this.refusedOld.get(drillId);
  }

  /** A drill's log folded, or null (logged once per drill) when an older engine recorded it. */
  fold(drillId: string, compiled: CompiledScenario, entries: readonly LogEntry[]): DrillState | null {
    return foldRecorded(compiled, entries, (reason) => {
      if (this.refusedOld.has(drillId)) return;
      this.refusedOld.set(drillId, reason);
      this.deps.logger.error(`drill ${drillId} is not opened: ${reason}`);
    });
  }

  /** A drill's compiled scenario: its live master's, or its stored text's (see compiledByText). */
  compiled(drillId: string): MaybePromise<CompiledScenario | null> {
    const live = this.peek(drillId);
    if (live) return live.compiled;
    return after(this.deps.store.getDrill(drillId), (record) => {
      if (!record) return null;
      const loaded = this.load(record.scenarioText, record.scenarioFile);
      return loaded.ok ? loaded.compiled : null;
    });
  }

  /**
   * On boot, in one process: bring every running drill back, process what fell due while down, and
   * re-arm its clock. The drills' catch-up ticks run together, so they share group commits instead
   * of each waiting for its own (with a thousand drills, waiting one by one kept a restart idle for
   * seconds). With leases a node starts with no drill: each is taken by the node its next connection
   * reaches (open), which also fires what fell due.
   */
  async boot(): Promise<number> {
    if (!this.leases.sole) return 0;
    const resume: { id: string; anchor: ClockAnchor; compiled: CompiledScenario }[] = [];
    const masters: DrillMaster[] = [];
    try {
      for (const group of await this.deps.store.runningByScenario()) {
        const loaded = this.load(group.scenarioText, group.scenarioFile);
        if (!loaded.ok) {
          this.deps.logger.error(`${group.drills.length} running drill(s) of ${group.scenarioFile} not resumed: the scenario no longer loads`);
          continue;
        }
        for (const { id, anchor } of group.drills) resume.push({ id, anchor, compiled: loaded.compiled });
      }
      for await (const [drill, log] of this.logsOf(resume)) {
        const master = this.masters.get(drill.id) ?? (await this.rebuild(drill.id, undefined, false, { anchor: drill.anchor, compiled: drill.compiled, ...(log ? { log } : {}) }));
        if (master) masters.push(master);
      }
    } catch (error) {
      // A damaged file may break a read before its integrity check reports; the check's reason is the clearer one.
      await this.deps.store.checked?.();
      throw error;
    }
    // The store's integrity check at start runs while the logs are read and folded; nothing is written before it passes.
    await this.deps.store.checked?.();
    await Promise.all(masters.map((master) => master.tick()));
    for (const master of masters) master.arm();
    return masters.length;
  }

  /**
   * The drills' logs for boot, in batches: the store reads the next batches (on its writer thread)
   * while this thread folds the current one. A few batches ahead at most, so a large database is
   * not all in memory at once as text. Stores that cannot read elsewhere give undefined: rebuild reads.
   */
  private async *logsOf<T extends { id: string }>(drills: readonly T[]): AsyncGenerator<[T, ReadLog | undefined]> {
    const read = this.deps.store.entriesOf?.bind(this.deps.store);
    if (!read) {
      for (const drill of drills) yield [drill, undefined];
      return;
    }
    const batches: T[][] = [];
    for (let i = 0; i < drills.length; i += BOOT_READ_BATCH) batches.push(drills.slice(i, i + BOOT_READ_BATCH));
    // Only the reads still to be folded are held: a batch's logs are let go of once folded, and
    // each log is parsed just before its drill is folded (BOOT2), so boot's memory does not grow
    // with the number of drills.
    const asked = batches.slice(0, BOOT_READS_AHEAD).map((batch) => read(batch.map((d) => d.id)));
    for (let i = 0; i < batches.length; i++) {
      const logs = await asked.shift()!;
      if (i + BOOT_READS_AHEAD < batches.length) asked.push(read(batches[i + BOOT_READS_AHEAD]!.map((d) => d.id)));
      for (const [j, drill] of batches[i]!.entries()) yield [drill, logs[j]?.()];
    }
  }

  /**
   * Let go of a live drill's master (an ended drill nobody is connected to: see Hub), and of its
   * lease, so no node keeps renewing a drill nobody uses. Its log is untouched, and open() rebuilds
   * the master if a seat comes back. Refused while the master still has commands queued.
   */
  evict(drillId: string): boolean {
    const master = this.masters.get(drillId);
    if (!master || master.busy()) return false;
    master.close();
    this.masters.delete(drillId);
    this.wholeStates.forget(drillId);
    const released = this.leases.release(drillId, master.fence);
    if (isPromise(released)) released.catch((error: Error) => this.deps.logger.error(`drill ${drillId}: giving its lease back failed: ${error.message}`));
    return true;
  }

  /**
   * Stop running a drill whose lease moved (LEASE4-5). Its connections are closed first, so they come
   * back through the proxy to the node that runs it now, and handshakes meanwhile are told to retry;
   * the commands already queued settle (their clients retry any that fail, with the same key). With
   * `handOver` (another node asked for it) the lease is then given up, so that node takes it at once;
   * a drill whose lease was taken has nothing to give up, and its queued commits are refused.
   */
  async letGo(drillId: string, handOver: boolean): Promise<void> {
    const master = this.masters.get(drillId);
    if (!master || this.leaving.has(drillId)) return;
    this.leaving.add(drillId);
    // Out of the live masters first: what its queued commands commit is not sent any more (its
    // connections are closed) nor folded into a live score (forgotten).
    this.masters.delete(drillId);
    this.wholeStates.forget(drillId);
    try {
      this.hooks.onLetGo?.(drillId);
      master.close();
      await master.idle().catch(() => undefined);
      this.deps.store.forget?.(drillId);
      if (handOver) await this.leases.release(drillId, master.fence);
    } catch (error) {
      this.deps.logger.error(`drill ${drillId}: letting go failed: ${(error as Error).message}`);
    } finally {
      this.leaving.delete(drillId);
    }
  }

  /** Stop every clock; the masters are let go of, so a commit still in flight broadcasts nothing. */
  close(): void {
    this.closed = true;
    for (const timer of this.takeovers.values()) clearTimeout(timer);
    this.takeovers.clear();
    for (const master of this.masters.values()) master.close();
    this.masters.clear();
    this.wholeStates.close();
  }

  live(): DrillMaster[] {
    return [...this.masters.values()];
  }
}
