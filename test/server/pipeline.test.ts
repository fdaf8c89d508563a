import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../server/store/memory.ts';
import type { CommitItem, CommitRefusals, EventStore } from '../../server/store/types.ts';
import type { DrillMaster } from '../../shared/master/index.ts';
import type { AckResult, CommandResult } from '../../shared/protocol/index.ts';
import { createDrill, take, tracked, until, type TestServer } from './harness.ts';

/*
 * A drill's commands are pipelined (shared/master/drill-master.ts): the next is decided while the one before
 * is still being made durable. These tests hold the disk's answer in their hand (GatedStore) to see
 * what happens in between, and what a failed commit does to the commands decided after it.
 */

/** A memory store whose commits wait until the test releases them, or fail when it says so. */
class GatedStore {
  readonly store = new MemoryStore();
  readonly waiting: { items: CommitItem[]; release: () => void; fail: (e: Error) => void }[] = [];
  constructor() {
    const commitNow = this.store.commit.bind(this.store);
    // Answered later, as the SQLite store's writer thread does.
    const gated: EventStore = this.store;
    gated.commit = (items: CommitItem[]) =>
      new Promise<CommitRefusals>((resolve, reject) => {
        this.waiting.push({ items, release: () => resolve(commitNow(items)), fail: reject });
      });
  }
  entries(drillId: string) {
    return this.store.entries(drillId);
  }
  /** Let every commit asked for so far through, in order. */
  releaseAll(): void {
    for (const w of this.waiting.splice(0)) w.release();
  }
}

const { server, client } = tracked();

/** Observe a promise without awaiting it. */
function watch<T>(p: Promise<T>): { settled: () => boolean; value: () => T | undefined; error: () => unknown } {
  let done = false;
  let value: T | undefined;
  let error: unknown;
  p.then(
    (v) => ((done = true), (value = v)),
    (e: unknown) => ((done = true), (error = e)),
  );
  return { settled: () => done, value: () => value, error: () => error };
}

async function startedDrill(): Promise<{ s: TestServer; store: GatedStore; master: DrillMaster; drillId: string; seat: ReturnType<Awaited<ReturnType<typeof createDrill>>['seat']> }> {
  const store = new GatedStore();
  const s = await server({ store: store.store });
  const d = await createDrill(s);
  const master = s.app.registry.peek(d.drillId);
  if (!master) throw new Error('no master');
  const started = master.submit({ role: 'facilitator', seat: 'facilitator' }, { command: { type: 'drill.start' }, idempotencyKey: 'start' });
  await until(() => store.waiting.length === 1, 'the start was submitted');
  store.releaseAll();
  expect((await started).ok).toBe(true);
  return { s, store, master, drillId: d.drillId, seat: d.seat('scribe') };
}

const scribe = { role: 'scribe' as const, seat: 'scribe' };
const note = (text: string, key: string) => ({ command: { type: 'timeline.add' as const, text }, idempotencyKey: key });
const seqOf = (ack: AckResult<CommandResult> | undefined) => (ack?.ok ? ack.data.seq : -1);

describe('PIPE: pipelined commands', () => {
  it('PIPE1 the next command is decided while the one before is on its way to disk, and nothing of either goes out before it is durable', async () => {
    const { s, store, master, seat } = await startedDrill();
    const watcher = await client(s, seat);
    const durableSeq = master.state.seq;
    const first = watch(master.submit(scribe, note('first', 'k1')));
    await until(() => store.waiting.length === 1, 'the first is on its way to disk');
    // Decided and sent to disk while the first is not yet durable: it did not wait for it.
    const second = watch(master.submit(scribe, note('second', 'k2')));
    await until(() => store.waiting.length === 2, 'the second is on its way to disk too');
    expect(store.waiting.map((w) => w.items.map((i) => i.entries.map((e) => e.seq)))).toEqual([[[durableSeq + 1]], [[durableSeq + 2]]]);
    expect([first.settled(), second.settled()]).toEqual([false, false]);
    expect(master.state.seq).toBe(durableSeq);
    expect(watcher.entries.filter((e) => e.seq > durableSeq)).toEqual([]);

    store.releaseAll();
    await until(() => first.settled() && second.settled(), 'both acknowledged');
    expect([seqOf(first.value()), seqOf(second.value())]).toEqual([durableSeq + 1, durableSeq + 2]);
    expect(master.state.seq).toBe(durableSeq + 2);
    await until(() => watcher.lastSeq() === durableSeq + 2, 'the watcher received both');
    expect(watcher.entries.filter((e) => e.seq > durableSeq).map((e) => e.event.type === 'timeline.added' && e.event.text)).toEqual(['first', 'second']);
  });

  it('PIPE2 a retry of a command still on its way to disk gets the same answer, and the command is applied once', async () => {
    const { store, master, drillId } = await startedDrill();
    const first = watch(master.submit(scribe, note('once', 'same-key')));
    await until(() => store.waiting.length === 1, 'submitted');
    const retry = watch(master.submit(scribe, note('once', 'same-key')));
    // Decided after the retry (one queue): once it reaches the disk, the retry has been dealt with.
    const after = watch(master.submit(scribe, note('after', 'other-key')));
    await until(() => store.waiting.length === 2, 'the later command was submitted');
    // Without the in-flight record the retry would have been decided again, as a commit between these two.
    expect(store.waiting.map((w) => w.items.map((i) => i.idempotency?.key))).toEqual([['scribe:same-key'], ['scribe:other-key']]);
    store.releaseAll();
    await until(() => first.settled() && retry.settled() && after.settled(), 'all answered');
    expect(retry.value()).toEqual(first.value());
    const texts = store.entries(drillId).flatMap((e) => (e.event.type === 'timeline.added' ? [e.event.text] : []));
    expect(texts.filter((t) => t === 'once')).toHaveLength(1);
  });

  it('PIPE3 a failed commit takes the drill back to what is durable, fails the commands decided on it, and the next command carries on from there', async () => {
    const { store, master, drillId } = await startedDrill();
    const durableSeq = master.state.seq;
    const doomed = watch(master.submit(scribe, note('lost to the disk', 'a')));
    await until(() => store.waiting.length === 1, 'the first was submitted');
    const successor = watch(master.submit(scribe, note('decided on it', 'b')));
    await until(() => store.waiting.length === 2, 'the second was submitted, in a transaction of its own');
    store.waiting.shift()?.fail(new Error('disk I/O error'));
    store.releaseAll();
    await until(() => doomed.settled() && successor.settled(), 'both answered');
    expect(String(doomed.error())).toMatch(/disk I\/O error/);
    // The successor's seq no longer follows on from what is stored: the store refused it alone.
    expect(String(successor.error())).toMatch(/gap/);
    expect(master.state.seq).toBe(durableSeq);

    const next = watch(master.submit(scribe, note('after the failure', 'c')));
    await until(() => store.waiting.length === 1, 'the next was submitted');
    store.releaseAll();
    await until(() => next.settled(), 'answered');
    expect(seqOf(next.value())).toBe(durableSeq + 1);
    const log = store.entries(drillId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i));
    expect(log.flatMap((e) => (e.event.type === 'timeline.added' ? [e.event.text] : []))).toEqual(['after the failure']);
    // The failed key may be tried again: nothing of it was stored.
    const retried = watch(master.submit(scribe, note('lost to the disk', 'a')));
    await until(() => store.waiting.length === 1, 'the retry was submitted');
    store.releaseAll();
    await until(() => retried.settled(), 'retry answered');
    expect(seqOf(retried.value())).toBe(durableSeq + 2);
  });

  it('PIPE4 a command sent with expectedSeq is judged against what is durable, after the commands ahead of it', async () => {
    const { store, master } = await startedDrill();
    const seen = master.state.seq;
    const ahead = watch(master.submit(scribe, note('ahead', 'x')));
    const stale = watch(master.submit({ role: 'ic', seat: 'ic' }, { command: take('declare-severity', undefined, 'sev1'), idempotencyKey: 'y', expectedSeq: seen }));
    await until(() => store.waiting.length === 1, 'the first was submitted');
    // The second waits for the first to settle before it is judged.
    expect(stale.settled()).toBe(false);
    store.releaseAll();
    await until(() => ahead.settled() && stale.settled(), 'both answered');
    expect(ahead.value()?.ok).toBe(true);
    expect(stale.value()).toMatchObject({ ok: false, error: { code: 'STALE' } });
  });
});
