import { createDrill, execute, replay, type DrillState, type LogEntry, type Viewer } from '../../shared/engine/index.ts';
import { loadScenario, type LoadResult } from '../../shared/scenario/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { owns, type Shard } from '../cluster/shard.ts';
import { DrillMaster, type MasterDeps } from '../../shared/master/index.ts';
import type { ClockAnchor, EventStore, SeatRecord } from '../store/types.ts';
import { hashToken, newDrillId, newSeatToken } from './tokens.ts';

/** Uploaded scenarios whose compiled form is kept for drills yet to be created or rebuilt (see DrillRegistry). */
export const COMPILED_TEXTS_KEPT = 16;

export interface CreateDrillInput {
  scenarioText: string;
  scenarioFile: string;
  seed: string;
  speed: number;
  smeCount: number;
  observerCount: number;
  hostKey: string;
}

export interface CreatedDrill {
  drillId: string;
  seats: (Viewer & { token: string })[];
}

/** A drill as it stands in the log, for reading only (see DrillRegistry.read). */
export interface DrillSnapshot {
  compiled: CompiledScenario;
  state: DrillState;
}

/** What the registry needs: the event store (drills, seats, logs) and what every drill master needs. */
export interface RegistryDeps extends MasterDeps {
  store: EventStore;
}

/** Drills per log read on boot, and how many reads may be outstanding (see DrillRegistry.logsOf). */
const BOOT_READ_BATCH = 50;
const BOOT_READS_AHEAD = 3;

/**
 * Live drills by id, each run by a drill master (shared/master/), loaded from the store on demand
 * and re-armed on boot. In a sharded server (server/cluster/) each process keeps only the drills it
 * owns live: `get` refuses the others, so no drill ever has two clocks or two command queues; `read`
 * serves any drill from its log.
 */
export class DrillRegistry {
  private readonly masters = new Map<string, DrillMaster>();
  /**
   * Compiled scenarios by their text: drills of the same scenario share one (it is immutable). The
   * bundled ones stay (adopt); of the others (uploaded scenarios) the most recently used
   * COMPILED_TEXTS_KEPT are kept, so a server that has seen many uploads does not keep them all:
   * a live drill holds its own, and any other is parsed again when next needed.
   */
  private readonly compiledByText = new Map<string, CompiledScenario>();
  private readonly pinnedTexts = new Set<string>();

  constructor(
    private readonly deps: RegistryDeps,
    /** Told about each drill rebuilt from its log, with the log, so others can fold it without reading it again. */
    private readonly onRebuilt?: (master: DrillMaster, entries: readonly LogEntry[]) => void,
    /** This process's share of the drills; absent, it owns them all. */
    readonly shard: Shard | null = null,
  ) {}

  /** Whether this process runs the drill (always, unless the server is sharded). */
  owns(drillId: string): boolean {
    return owns(this.shard, drillId);
  }

  create(input: CreateDrillInput, compiled: CompiledScenario): CreatedDrill {
    // Any process may create a drill (requests that name no drill go to any worker, and a client's
    // keep-alive connection keeps going to the same one); the id alone says which process runs it.
    const drillId = newDrillId();
    const base: Viewer[] = [
      { role: 'facilitator', seat: 'facilitator' },
      { role: 'ic', seat: 'ic' },
      { role: 'deputy', seat: 'deputy' },
      { role: 'scribe', seat: 'scribe' },
      ...Array.from({ length: input.smeCount }, (_, i) => ({ role: 'sme' as const, seat: `sme-${i + 1}` })),
      ...Array.from({ length: input.observerCount }, (_, i) => ({ role: 'observer' as const, seat: `observer-${i + 1}` })),
    ];
    const seats = base.map((s) => ({ ...s, token: newSeatToken(drillId) }));
    let { state, entries } = createDrill(compiled, input.seed);
    // The chosen speed is part of creation (one transaction), not a command sent to a master that
    // may live in another process.
    if (input.speed !== 1) {
      const sped = execute(compiled, state, { at: 0, actor: { role: 'facilitator', seat: 'facilitator' }, command: { type: 'drill.setSpeed', speed: input.speed } });
      if (!sped.ok) throw new Error(`speed ${input.speed} refused: ${sped.error.message}`);
      state = sped.state;
      entries = [...entries, ...sped.entries];
    }
    const anchor: ClockAnchor = { wallMs: this.deps.clock.now(), gameMs: 0, speed: state.speed, running: false };
    const records: SeatRecord[] = seats.map((s) => ({ role: s.role, seat: s.seat, tokenHash: hashToken(s.token) }));
    this.deps.store.createDrill(
      { id: drillId, scenarioId: compiled.scenario.id, scenarioVersion: compiled.scenario.version, scenarioText: input.scenarioText, scenarioFile: input.scenarioFile, seed: input.seed, hostKeyHash: hashToken(input.hostKey), createdAt: this.deps.clock.now() },
      records,
      entries,
      anchor,
    );
    // The owner runs it; another process has only written it down, and the owner rebuilds it from
    // the log when its first seat connects.
    if (this.owns(drillId)) this.masters.set(drillId, new DrillMaster(drillId, compiled, state, anchor, this.deps));
    return { drillId, seats };
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
    const loaded = loadScenario(text, file);
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

  /** The master of a drill if it is live, without rebuilding it. */
  peek(drillId: string): DrillMaster | null {
    return this.masters.get(drillId) ?? null;
  }

  /** The master of a drill, rebuilt from its log if it is not live yet; null if there is no such drill or another process owns it. */
  get(drillId: string, known?: { anchor: ClockAnchor; compiled: CompiledScenario; entries?: LogEntry[] }): DrillMaster | null {
    const live = this.masters.get(drillId);
    if (live) return live;
    if (!this.owns(drillId)) return null;
    const anchor = known?.anchor ?? this.deps.store.anchor(drillId);
    if (!anchor) return null;
    const compiled = known?.compiled ?? this.compiled(drillId);
    if (!compiled) return null;
    const entries = known?.entries ?? this.deps.store.entries(drillId);
    const state = replay(compiled, entries);
    const master = new DrillMaster(drillId, compiled, state, anchor, this.deps);
    this.masters.set(drillId, master);
    this.onRebuilt?.(master, entries);
    return master;
  }

  /**
   * Any drill as the log has it, to read: the live master's state if this process runs it, else a fold
   * of its log that is not kept (reports and views asked of a process that does not own the drill,
   * e.g. over a keep-alive connection that the primary routed for another request).
   */
  read(drillId: string): DrillSnapshot | null {
    // Peek, not get: reading an ended drill's report must not bring its master back to life.
    const live = this.peek(drillId);
    if (live) return { compiled: live.compiled, state: live.state };
    const compiled = this.compiled(drillId);
    if (!compiled) return null;
    const entries = this.deps.store.entries(drillId);
    return entries.length > 0 ? { compiled, state: replay(compiled, entries) } : null;
  }

  /** A drill's compiled scenario: its live master's, or its stored text's (see compiledByText). */
  compiled(drillId: string): CompiledScenario | null {
    const live = this.peek(drillId);
    if (live) return live.compiled;
    const record = this.deps.store.getDrill(drillId);
    if (!record) return null;
    const loaded = this.load(record.scenarioText, record.scenarioFile);
    return loaded.ok ? loaded.compiled : null;
  }

  /**
   * On boot: bring every running drill back, process what fell due while down, and re-arm its clock.
   * The drills' catch-up ticks run together, so they share group commits instead of each waiting
   * for its own (with a thousand drills, waiting one by one kept a restart idle for seconds).
   */
  async boot(): Promise<number> {
    const resume: { id: string; anchor: ClockAnchor; compiled: CompiledScenario }[] = [];
    for (const group of this.deps.store.runningByScenario()) {
      const loaded = this.load(group.scenarioText, group.scenarioFile);
      if (!loaded.ok) {
        this.deps.logger.error(`${group.drills.length} running drill(s) of ${group.scenarioFile} not resumed: the scenario no longer loads`);
        continue;
      }
      for (const { id, anchor } of group.drills) if (this.owns(id)) resume.push({ id, anchor, compiled: loaded.compiled });
    }
    const masters: DrillMaster[] = [];
    for await (const [drill, entries] of this.logsOf(resume)) {
      const master = this.get(drill.id, { anchor: drill.anchor, compiled: drill.compiled, entries });
      if (master) masters.push(master);
    }
    await Promise.all(masters.map((master) => master.tick()));
    for (const master of masters) master.arm();
    return masters.length;
  }

  /**
   * The drills' logs for boot, in batches: the store reads the next batches (on its writer thread)
   * while this thread folds the current one. A few batches ahead at most, so a large database is
   * not all in memory at once as text. Stores that cannot read elsewhere give undefined: get() reads.
   */
  private async *logsOf<T extends { id: string }>(drills: readonly T[]): AsyncGenerator<[T, LogEntry[] | undefined]> {
    const read = this.deps.store.entriesOf?.bind(this.deps.store);
    if (!read) {
      for (const drill of drills) yield [drill, undefined];
      return;
    }
    const batches: T[][] = [];
    for (let i = 0; i < drills.length; i += BOOT_READ_BATCH) batches.push(drills.slice(i, i + BOOT_READ_BATCH));
    // Only the reads still to be folded are held: a batch's logs are let go of once folded, and
    // each log is parsed just before its drill is folded (BOOT2). Every parsed log used to stay
    // alive until boot ended: on a database of 1,000 drills × 125 events the server's RSS once
    // listening was about 300 MB that way and 280 MB this way (test/bench/README.md, session 7).
    const asked = batches.slice(0, BOOT_READS_AHEAD).map((batch) => read(batch.map((d) => d.id)));
    for (let i = 0; i < batches.length; i++) {
      const logs = await asked.shift()!;
      if (i + BOOT_READS_AHEAD < batches.length) asked.push(read(batches[i + BOOT_READS_AHEAD]!.map((d) => d.id)));
      for (const [j, drill] of batches[i]!.entries()) yield [drill, logs[j]?.()];
    }
  }

  /**
   * Let go of a live drill's master (an ended drill nobody is connected to: see Hub). Its log is
   * untouched, and get() rebuilds the master if a seat comes back. Refused while the master still
   * has commands queued.
   */
  evict(drillId: string): boolean {
    const master = this.masters.get(drillId);
    if (!master || master.busy()) return false;
    master.close();
    this.masters.delete(drillId);
    return true;
  }

  close(): void {
    for (const master of this.masters.values()) master.close();
  }

  live(): DrillMaster[] {
    return [...this.masters.values()];
  }
}
