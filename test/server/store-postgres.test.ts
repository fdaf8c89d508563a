import { expect, it } from 'vitest';
import type { LogEntry } from '../../shared/engine/types.ts';
import { PostgresLeases } from '../../server/store/postgres-leases.ts';
import { PostgresStore } from '../../server/store/postgres.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { tempDb } from './harness.ts';
import { describeWithPostgres, freshSchema } from './postgres-harness.ts';
import { storeContract } from './store-contract.ts';

const drill = (id: string) => ({ id, scenarioId: 's', scenarioVersion: 1, scenarioText: 'x', scenarioFile: 'x.yaml', seed: '1', hostKeyHash: 'h', createdAt: 1 });
const anchor = { wallMs: 5, gameMs: 0, speed: 1, running: false };
const entry = (seq: number, event: LogEntry['event'] = { type: 'clock.advanced', to: seq }): LogEntry => ({ seq, at: seq * 1000, actor: { role: 'system', seat: 'engine' }, event });

describeWithPostgres('the PostgreSQL store', () => {
  storeContract('postgres', async () => PostgresStore.open(await freshSchema()));

  it('PG1 (LEASE2) an item whose fence is not its drill\'s current lease token is refused and writes nothing, an item with no fence is refused while a node holds the drill, and the rest of the batch commits', async () => {
    const url = await freshSchema();
    const store = await PostgresStore.open(url);
    const leases = await PostgresLeases.start(url, { nodeName: 'pg1', ttlMs: 60_000, heartbeatMs: 0 });
    try {
      for (const id of ['held', 'free']) await store.createDrill(drill(id), [], [entry(0)], anchor);
      const lease = await leases.acquire('held');
      if (!lease.held || lease.fence === undefined) throw new Error('the lease was not taken');
      const refused = await store.commit([
        { drillId: 'held', entries: [entry(1)], fence: lease.fence - 1, idempotency: { key: 'old', result: { ok: true, body: '{}' } } },
        { drillId: 'held', entries: [entry(1)] },
        { drillId: 'held', entries: [entry(1)], fence: lease.fence },
        { drillId: 'free', entries: [entry(1)] },
      ]);
      expect(refused.map((r) => r.index)).toEqual([0, 1]);
      expect(refused[0]?.message).toMatch(/lease lost/);
      expect((await store.entries('held')).map((e) => e.seq)).toEqual([0, 1]);
      expect(await store.idempotent('held', 'old')).toBeNull();
      expect((await store.entries('free')).map((e) => e.seq)).toEqual([0, 1]);
      // Given back, the token is no longer current: nothing carrying it is written.
      await leases.release('held', lease.fence);
      expect((await store.commit([{ drillId: 'held', entries: [entry(2)], fence: lease.fence }])).map((r) => r.index)).toEqual([0]);
    } finally {
      await leases.close();
      await store.close();
    }
  });

  it('PG2 a log reads back as the same JSON, key order and text, as from the SQLite store', async () => {
    const pg = await PostgresStore.open(await freshSchema());
    const sqlite = new SqliteStore(tempDb());
    try {
      const log = [entry(0), entry(1, { type: 'timeline.added', entryId: 't1', text: 'café "quoted" \\ back\nslash, 日本語 and 🚨', claimedAt: 60_000 })];
      for (const store of [pg, sqlite]) {
        await store.createDrill(drill('d'), [], [log[0]!], anchor);
        await store.commit([{ drillId: 'd', entries: [log[1]!] }]);
      }
      const fromPg = JSON.stringify(await pg.entries('d'));
      expect(fromPg).toBe(JSON.stringify(sqlite.entries('d')));
      expect(fromPg).toBe(JSON.stringify(log));
    } finally {
      await pg.close();
      await sqlite.close();
    }
  });
});
