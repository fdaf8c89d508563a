import { afterEach, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../shared/engine/types.ts';
import type { DrillRecord, EventStore } from '../../server/store/types.ts';

/**
 * The storage contract, run against every adapter (store-memory.test.ts, store-sqlite.test.ts,
 * store-postgres.test.ts). Every read is awaited: the embedded stores answer at once, PostgreSQL
 * with a promise. Each test's store is closed after it.
 */
export function storeContract(name: string, open: () => EventStore | Promise<EventStore>): void {
  const opened: EventStore[] = [];
  const make = async () => {
    const store = await open();
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
  });
  const drill = (id: string, host = 'host-hash'): DrillRecord => ({ id, scenarioId: 's', scenarioVersion: 1, scenarioText: 'x', scenarioFile: 'x.yaml', seed: '1', hostKeyHash: host, createdAt: 1 });
  const entry = (seq: number): LogEntry => ({ seq, at: seq * 1000, actor: { role: 'system', seat: 'engine' }, event: seq === 0 ? { type: 'drill.created', engine: 2, scenarioId: 's', scenarioVersion: 1, seed: '1', seats: [], truth: { entry: 'x', compromised: {}, insider: false, times: {}, cause: 'c', actor: 'a', exfilPerMinute: null } } : { type: 'clock.advanced', to: seq } });
  const anchor = { wallMs: 5, gameMs: 0, speed: 1, running: false };

  describe(`STORE contract: ${name}`, () => {
    it('STORE1 creates a drill with seats and its first entry', async () => {
      const s = await make();
      await s.createDrill(drill('d1'), [{ role: 'ic', seat: 'ic', tokenHash: 'h1' }], [entry(0)], anchor);
      expect(await s.getDrill('d1')).toMatchObject({ id: 'd1', scenarioId: 's' });
      expect(await s.findSeat('h1')).toMatchObject({ drillId: 'd1', seat: 'ic', role: 'ic' });
      expect(await s.entries('d1')).toEqual([entry(0)]);
      expect(await s.lastSeq('d1')).toBe(0);
      expect(await s.anchor('d1')).toEqual(anchor);
    });
    it('STORE2 appends gapless entries and reads ranges', async () => {
      const s = await make();
      await s.createDrill(drill('d1'), [], [entry(0)], anchor);
      await s.commit([{ drillId: 'd1', entries: [entry(1), entry(2)] }]);
      expect((await s.entries('d1', 0)).map((e) => e.seq)).toEqual([1, 2]);
      expect(await s.lastSeq('d1')).toBe(2);
    });
    it('STORE3 refuses an item with a gap or a duplicate, writing nothing of it, and commits the rest of the batch', async () => {
      const s = await make();
      await s.createDrill(drill('d1'), [], [entry(0)], anchor);
      await s.createDrill(drill('d2'), [], [entry(0)], anchor);
      const idem = { key: 'k', result: { ok: true, body: '{}' } };
      const refused = await s.commit([
        { drillId: 'd2', entries: [entry(1)] },
        // A gap: nothing of this item is written, its anchor and idempotency result included.
        { drillId: 'd1', entries: [entry(2)], anchor: { ...anchor, running: true }, idempotency: idem },
        { drillId: 'd1', entries: [entry(1)] },
        // A duplicate seq, then a duplicate idempotency key.
        { drillId: 'd1', entries: [entry(1)] },
        { drillId: 'd2', entries: [entry(2)], idempotency: idem },
        { drillId: 'd2', entries: [entry(3)], idempotency: idem },
      ]);
      expect(refused.map((r) => r.index)).toEqual([1, 3, 5]);
      expect(refused[0]?.message).toMatch(/gap/);
      expect((await s.entries('d1')).map((e) => e.seq)).toEqual([0, 1]);
      expect((await s.entries('d2')).map((e) => e.seq)).toEqual([0, 1, 2]);
      expect(await s.anchor('d1')).toEqual(anchor);
      expect(await s.idempotent('d1', 'k')).toBeNull();
      expect(await s.commit([{ drillId: 'd1', entries: [entry(2)] }])).toEqual([]);
    });
    it('STORE4 group-commits several drills, anchors and idempotency results together', async () => {
      const s = await make();
      await s.createDrill(drill('d1'), [], [entry(0)], anchor);
      await s.createDrill(drill('d2'), [], [entry(0)], anchor);
      await s.commit([
        { drillId: 'd1', entries: [entry(1)], anchor: { wallMs: 9, gameMs: 60_000, speed: 2, running: true } },
        { drillId: 'd2', entries: [entry(1)], idempotency: { key: 'k1', result: { ok: true, body: '{"ok":true}' } } },
      ]);
      expect(await s.anchor('d1')).toEqual({ wallMs: 9, gameMs: 60_000, speed: 2, running: true });
      expect(await s.idempotent('d2', 'k1')).toEqual({ ok: true, body: '{"ok":true}' });
      expect(await s.idempotent('d1', 'k1')).toBeNull();
    });
    it('STORE5 lists drills by host key, newest first', async () => {
      const s = await make();
      await s.createDrill({ ...drill('a'), createdAt: 1 }, [], [entry(0)], anchor);
      await s.createDrill({ ...drill('b'), createdAt: 2 }, [], [entry(0)], anchor);
      await s.createDrill(drill('c', 'other'), [], [entry(0)], anchor);
      expect((await s.listDrills('host-hash')).map((d) => d.id)).toEqual(['b', 'a']);
    });
    it('STORE7 lists running drills for boot, grouped by scenario text, each with its clock anchor', async () => {
      const s = await make();
      const running = { wallMs: 9, gameMs: 60_000, speed: 2, running: true };
      await s.createDrill({ ...drill('a'), scenarioText: 'text one' }, [], [entry(0)], anchor);
      await s.createDrill({ ...drill('b'), scenarioText: 'text one' }, [], [entry(0)], anchor);
      await s.createDrill({ ...drill('c'), scenarioText: 'text two' }, [], [entry(0)], anchor);
      await s.createDrill({ ...drill('d'), scenarioText: 'text one' }, [], [entry(0)], anchor);
      await s.commit(['a', 'b', 'c'].map((id) => ({ drillId: id, entries: [], anchor: running })));
      const groups = (await s.runningByScenario()).map((g) => ({ text: g.scenarioText, drills: g.drills.map((d) => d.id).sort(), anchors: g.drills.map((d) => d.anchor) }));
      groups.sort((x, y) => x.text.localeCompare(y.text));
      expect(groups).toEqual([
        { text: 'text one', drills: ['a', 'b'], anchors: [running, running] },
        { text: 'text two', drills: ['c'], anchors: [running] },
      ]);
    });
    it('STORE8 lists a drill\'s seats in the order they were created, and finds none for an unknown token', async () => {
      const s = await make();
      const seats = [
        { role: 'facilitator' as const, seat: 'facilitator', tokenHash: 'h-f' },
        { role: 'ic' as const, seat: 'ic', tokenHash: 'h-ic' },
        { role: 'sme' as const, seat: 'sme-1', tokenHash: 'h-sme' },
      ];
      await s.createDrill(drill('d1'), seats, [entry(0)], anchor);
      expect(await s.seats('d1')).toEqual(seats);
      expect(await s.seats('nope')).toEqual([]);
      expect(await s.findSeat('no-such-hash')).toBeNull();
      expect(await s.getDrill('nope')).toBeNull();
      expect(await s.anchor('nope')).toBeNull();
      expect(await s.lastSeq('nope')).toBe(-1);
    });
    it('STORE6 returns copies: changing what was read changes nothing stored', async () => {
      const s = await make();
      await s.createDrill(drill('d1'), [], [entry(0)], anchor);
      const read = await s.entries('d1');
      (read[0] as { at: number }).at = 999;
      expect((await s.entries('d1'))[0]?.at).toBe(0);
    });
    it('STORE9 (OPS8) a probe write succeeds on a store that takes writes, again and again, and leaves the drills as they were', async () => {
      const s = await make();
      await s.createDrill(drill('d1'), [], [entry(0)], anchor);
      await s.probeWrite(1);
      await s.probeWrite(2);
      expect(await s.entries('d1')).toEqual([entry(0)]);
      expect((await s.listDrills('host-hash')).map((d) => d.id)).toEqual(['d1']);
    });
  });
}
