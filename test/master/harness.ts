import { createDrill, trimState, type Command, type Viewer } from '../../shared/engine/index.ts';
import { DrillMaster, MemoryStorage, type ClockAnchor, type Dispatch, type Outbox, type Storage } from '../../shared/master/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { ManualTime } from '../../server/clock.ts';
import type { AckResult, CommandResult } from '../../shared/protocol/index.ts';
import { compiledFixture } from '../engine/fixture.ts';

/*
 * A drill master over memory storage and a manual clock, with an outbox that keeps every dispatch.
 * Nothing here waits on wall time: the clock moves when a test says so.
 */

export const DRILL = 'd1';
export const FAC: Viewer = { role: 'facilitator', seat: 'facilitator' };
export const IC: Viewer = { role: 'ic', seat: 'ic' };
export const DEPUTY: Viewer = { role: 'deputy', seat: 'deputy' };
export const SCRIBE: Viewer = { role: 'scribe', seat: 'scribe' };
export const SME: Viewer = { role: 'sme', seat: 'sme-1' };
export const OBSERVER: Viewer = { role: 'observer', seat: 'observer-1' };
export const EVERY_SEAT: Viewer[] = [FAC, IC, DEPUTY, SCRIBE, SME, OBSERVER];

export class RecordingOutbox implements Outbox {
  readonly dispatches: Dispatch[] = [];
  constructor(public seats: readonly Viewer[] = EVERY_SEAT) {}
  audience(): readonly Viewer[] {
    return this.seats;
  }
  dispatch(d: Dispatch): void {
    this.dispatches.push(d);
  }
}

export interface TestMaster {
  master: DrillMaster;
  time: ManualTime;
  storage: MemoryStorage;
  outbox: RecordingOutbox;
  errors: string[];
  /** Send a command from a seat with a fresh key (or the one given). */
  send(seat: Viewer, command: Command, extra?: { key?: string; expectedSeq?: number }): Promise<AckResult<CommandResult>>;
}

let keys = 0;

/**
 * A new drill (briefing, speed 1) run by a master; `storage` wraps the memory storage when given.
 * With `trimmed` the master keeps its state trimmed, as the server's do (trim.ts).
 */
export function newMaster(options: { compiled?: CompiledScenario; storage?: (memory: MemoryStorage) => Storage; audience?: Viewer[]; time?: ManualTime; trimmed?: boolean } = {}): TestMaster {
  const compiled = options.compiled ?? compiledFixture();
  const time = options.time ?? new ManualTime();
  const storage = new MemoryStorage();
  const created = createDrill(compiled, 'seed-1');
  const anchor: ClockAnchor = { wallMs: time.now(), gameMs: 0, speed: 1, running: false };
  void storage.commit({ drillId: DRILL, entries: created.entries, anchor });
  const outbox = new RecordingOutbox(options.audience);
  const errors: string[] = [];
  const master = new DrillMaster(DRILL, compiled, options.trimmed ? trimState(created.state) : created.state, anchor, { storage: options.storage?.(storage) ?? storage, outbox, clock: time, scheduler: time, logger: { error: (m) => errors.push(m) } });
  const send: TestMaster['send'] = (seat, command, extra = {}) =>
    master.submit(seat, { command, idempotencyKey: extra.key ?? `key-${++keys}`, ...(extra.expectedSeq !== undefined ? { expectedSeq: extra.expectedSeq } : {}) });
  return { master, time, storage, outbox, errors, send };
}

/** Let every promise the master chained run (memory storage answers at once; nothing waits on wall time). */
export async function settle(master: DrillMaster): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await master.idle();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A memory storage whose commits wait until the test lets them through, or fail when it says so. */
export class GatedStorage implements Storage {
  readonly waiting: { release: () => void; fail: (e: Error) => void }[] = [];
  constructor(private readonly memory: MemoryStorage) {}
  commit(item: Parameters<Storage['commit']>[0]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ release: () => void this.memory.commit(item).then(resolve, reject), fail: reject });
    });
  }
  idempotent(drillId: string, key: string) {
    return this.memory.idempotent(drillId, key);
  }
  entries(drillId: string, afterSeq: number) {
    return this.memory.entries(drillId, afterSeq);
  }
  releaseAll(): void {
    for (const w of this.waiting.splice(0)) w.release();
  }
}

export const take = (action: string, target?: string, detail?: string): Command => ({ type: 'action.take', action, ...(target ? { target } : {}), ...(detail ? { detail } : {}) });
export const note = (text: string): Command => ({ type: 'timeline.add', text });
