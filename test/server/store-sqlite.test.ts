import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { tempDb } from './harness.ts';
import { storeContract } from './store-contract.ts';

storeContract('sqlite', () => new SqliteStore(tempDb()));

describe('STORE-SQL: the SQLite store in a process of its own', () => {
  it('STORE-SQL1 closing the store is the last thing a script does, and the close still completes', () => {
    // With nothing else keeping the process alive, close() once waited on a writer thread that did
    // not hold the process open (or that a commit's reply let go of), and Node exited (code 13)
    // before the close was confirmed.
    const db = tempDb();
    const script = [
      `import { SqliteStore } from ${JSON.stringify(new URL('../../server/store/sqlite.ts', import.meta.url).pathname)};`,
      `const s = new SqliteStore(${JSON.stringify(db)});`,
      `s.createDrill({ id: 'd', scenarioId: 'x', scenarioVersion: 1, scenarioText: '', scenarioFile: 'x.yaml', seed: '1', hostKeyHash: 'h', createdAt: 0 }, [], [{ seq: 0, at: 0, actor: { role: 'system', seat: 's' }, event: { type: 'drill.created', scenarioId: 'x', scenarioVersion: 1, seed: '1' } }], { wallMs: 0, gameMs: 0, speed: 1, running: false });`,
      `await s.commit([{ drillId: 'd', entries: [{ seq: 1, at: 1, actor: { role: 'system', seat: 's' }, event: { type: 'drill.started' } }] }]);`,
      // One more commit still in flight when close() is called: its reply must not let go of the writer.
      `const last = s.commit([{ drillId: 'd', entries: [{ seq: 2, at: 2, actor: { role: 'system', seat: 's' }, event: { type: 'drill.paused' } }] }]);`,
      `await s.close();`,
      `await last;`,
      `console.log('closed');`,
    ].join('\n');
    const file = join(dirname(db), 'close-last.mts');
    writeFileSync(file, script);
    const run = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('closed');
    const reopened = new SqliteStore(db);
    expect(reopened.lastSeq('d')).toBe(2);
    void reopened.close();
  });
});

describe('STORE-SQL: databases made by earlier versions', () => {
  it('STORE-SQL2 a database from before scenario hashes gets them on open, and boot still groups running drills by scenario text', async () => {
    const path = tempDb();
    mkdirSync(dirname(path), { recursive: true });
    const old = new Database(path);
    // The drills table as it was before scenario_hash (the other tables are unchanged).
    old.exec(`CREATE TABLE drills (
      id TEXT PRIMARY KEY, scenario_id TEXT NOT NULL, scenario_version INTEGER NOT NULL,
      scenario_text TEXT NOT NULL, scenario_file TEXT NOT NULL, seed TEXT NOT NULL,
      host_key_hash TEXT NOT NULL, created_at INTEGER NOT NULL,
      anchor_wall INTEGER NOT NULL, anchor_game INTEGER NOT NULL, speed REAL NOT NULL, running INTEGER NOT NULL
    )`);
    const insert = old.prepare('INSERT INTO drills VALUES (?, ?, 1, ?, ?, ?, ?, 0, 0, 0, 1, ?)');
    insert.run('a1', 'alpha', 'text of alpha', 'alpha.yaml', 's', 'h', 1);
    insert.run('a2', 'alpha', 'text of alpha', 'alpha.yaml', 's', 'h', 1);
    insert.run('b1', 'beta', 'text of beta', 'beta.yaml', 's', 'h', 1);
    insert.run('a3', 'alpha', 'text of alpha', 'alpha.yaml', 's', 'h', 0);
    old.close();

    const store = new SqliteStore(path);
    const groups = store.runningByScenario().map((g) => ({ text: g.scenarioText, file: g.scenarioFile, ids: g.drills.map((d) => d.id).sort() }));
    expect(groups.sort((x, y) => x.file.localeCompare(y.file))).toEqual([
      { text: 'text of alpha', file: 'alpha.yaml', ids: ['a1', 'a2'] },
      { text: 'text of beta', file: 'beta.yaml', ids: ['b1'] },
    ]);
    // A drill created after the migration joins its scenario's group.
    store.createDrill({ id: 'a4', scenarioId: 'alpha', scenarioVersion: 1, scenarioText: 'text of alpha', scenarioFile: 'alpha.yaml', seed: 's', hostKeyHash: 'h', createdAt: 1 }, [], [], { wallMs: 0, gameMs: 0, speed: 1, running: true });
    expect(store.runningByScenario().find((g) => g.scenarioFile === 'alpha.yaml')?.drills.map((d) => d.id).sort()).toEqual(['a1', 'a2', 'a4']);
    await store.close();
    // Opening it again finds the column there and changes nothing.
    const again = new SqliteStore(path);
    expect(again.runningByScenario()).toHaveLength(2);
    await again.close();
  });
});

describe('STORE-SEATS: token lookups', () => {
  const drillRecord = (id: string) => ({ id, scenarioId: 'alpha', scenarioVersion: 1, scenarioText: 'text of alpha', scenarioFile: 'alpha.yaml', seed: 's', hostKeyHash: 'h', createdAt: 1 });
  const anchor = (running: boolean) => ({ wallMs: 0, gameMs: 0, speed: 1, running });

  /** Counts the reads findSeat makes of the database. */
  function countSeatReads(store: SqliteStore): () => number {
    const stmts = (store as unknown as { stmts: { findSeat: { get: (hash: string) => unknown } } }).stmts;
    const get = stmts.findSeat.get.bind(stmts.findSeat);
    let reads = 0;
    stmts.findSeat = { get: (hash: string) => (reads++, get(hash)) };
    return () => reads;
  }

  it('STORE-SEATS1 after boot, the running drills\' seats are found without reading the database; others are read once', async () => {
    const path = tempDb();
    const first = new SqliteStore(path);
    first.createDrill(drillRecord('r1'), [{ role: 'ic', seat: 'ic', tokenHash: 'hash-r1-ic' }], [], anchor(true));
    first.createDrill(drillRecord('e1'), [{ role: 'scribe', seat: 'scribe', tokenHash: 'hash-e1-scribe' }], [], anchor(false));
    await first.close();

    const store = new SqliteStore(path);
    const reads = countSeatReads(store);
    store.runningByScenario();
    expect(store.findSeat('hash-r1-ic')).toEqual({ drillId: 'r1', seat: 'ic', role: 'ic', tokenHash: 'hash-r1-ic' });
    expect(reads()).toBe(0);
    // A drill that is not running is read, then remembered.
    expect(store.findSeat('hash-e1-scribe')).toEqual({ drillId: 'e1', seat: 'scribe', role: 'scribe', tokenHash: 'hash-e1-scribe' });
    expect(store.findSeat('hash-e1-scribe')?.drillId).toBe('e1');
    expect(reads()).toBe(1);
    // An unknown token is looked up every time: guesses are not remembered.
    expect(store.findSeat('no-such-hash')).toBeNull();
    expect(store.findSeat('no-such-hash')).toBeNull();
    expect(reads()).toBe(3);
    // A forgotten drill's seats are read again, and still found.
    store.forget('r1');
    expect(store.findSeat('hash-r1-ic')?.drillId).toBe('r1');
    expect(reads()).toBe(4);
    await store.close();
  });

  it('STORE-SEATS2 a seat returned to a caller is a copy: changing it does not change the next answer', async () => {
    const store = new SqliteStore(tempDb());
    store.createDrill(drillRecord('r1'), [{ role: 'ic', seat: 'ic', tokenHash: 'hash-r1-ic' }], [], anchor(true));
    const seat = store.findSeat('hash-r1-ic')!;
    seat.role = 'facilitator';
    expect(store.findSeat('hash-r1-ic')?.role).toBe('ic');
    await store.close();
  });
});

describe('STORE-READ: logs read off the main thread', () => {
  it('STORE-READ1 several drills\' logs read by the writer thread are what entries() reads, in the order asked', async () => {
    const store = new SqliteStore(tempDb());
    const anchor = { wallMs: 0, gameMs: 0, speed: 1, running: true };
    const entry = (seq: number) => ({ seq, at: seq * 1000, actor: { role: 'system' as const, seat: 'engine' }, event: { type: 'clock.advanced' as const, to: seq * 1000 } });
    for (const [id, count] of [['a', 3], ['b', 1], ['c', 5]] as const) {
      store.createDrill({ id, scenarioId: 's', scenarioVersion: 1, scenarioText: 'x', scenarioFile: 'x.yaml', seed: '1', hostKeyHash: 'h', createdAt: 1 }, [], [entry(0)], anchor);
      await store.commit([{ drillId: id, entries: Array.from({ length: count - 1 }, (_, i) => entry(i + 1)) }]);
    }
    const read = (await store.entriesOf(['c', 'a', 'nope', 'b'])).map((reader) => reader());
    const logs = read.map((log) => log.entries);
    expect(logs).toEqual([store.entries('c'), store.entries('a'), [], store.entries('b')]);
    expect(logs.map((l) => l.length)).toEqual([5, 3, 0, 1]);
    await store.close();
  });
});

