import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, openSync, readFileSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as pathJoin, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { createApp } from '../../server/app.ts';
import { ManualTime } from '../../server/clock.ts';
import { silentLogger } from '../../server/log.ts';
import { MemoryStore } from '../../server/store/memory.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { StorageError } from '../../server/store/storage-error.ts';
import { PROBE_EVERY_MS, WriteHealth } from '../../server/store/write-health.ts';
import type { CommitItem, CommitRefusals } from '../../server/store/types.ts';
import { createDrill, tracked, until } from './harness.ts';

/*
 * A database the server cannot use stops it before it serves, with one line saying why and a
 * non-zero exit; writes that fail while it serves make /healthz say it is not ready.
 */

const { server, client } = tracked();

/** When root, the server runs as nobody, so file permissions apply to it. */
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;
/** Whether nobody can read the project (not when it sits in a folder only root may enter). */
const nobodyCanRun = !asRoot || spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(resolve('server/main.ts'))}, require('fs').constants.R_OK)`], { uid: NOBODY, gid: NOBODY }).status === 0;
if (!nobodyCanRun) process.stderr.write('storage-failures: the permission case is skipped: running as root, and the user nobody cannot read this project to run the server as another user\n');
/** Make a file immutable (root only, and only where the file system and the container allow it). */
function immutable(path: string, on: boolean): boolean {
  try {
    execFileSync('chattr', [on ? '+i' : '-i', path], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function folder(): string {
  const dir = mkdtempSync(pathJoin(tmpdir(), 'ttx-storage-'));
  chmodSync(dir, 0o777);
  return dir;
}

/** `npm start`'s server on `db`: what it printed, and how it exited (it is stopped if it starts serving). */
function start(db: string, user: 'me' | 'nobody' = 'me'): { status: number | null; stderr: string; stdout: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: '0', TTX_DB: db, TTX_LOG_LEVEL: 'info' },
    encoding: 'utf8',
    timeout: 20_000,
    ...(user === 'nobody' && asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { status: result.status, stderr: result.stderr, stdout: result.stdout };
}

/** A real database with a few drills in it, closed. */
async function realDatabase(path: string): Promise<void> {
  const s = await server({ store: new SqliteStore(path) });
  for (let i = 0; i < 5; i++) await createDrill(s, { scenarioId: 'insider-suspected' });
  await s.close();
}

function expectOneLine(result: ReturnType<typeof start>, reason: RegExp): void {
  expect(result.status, result.stderr).toBe(1);
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^ttx: cannot use the database at \S+: /);
  expect(lines[0]).toMatch(reason);
  expect(result.stdout).not.toContain('serving');
}

describe('OPS5: a database the server cannot use', () => {
  it('OPS5 a PostgreSQL server that cannot be reached: one line naming its host and database, never the password', () => {
    const result = start('postgres://ttx:s3cret-word@127.0.0.1:1/ttx');
    expect(result.status, result.stderr).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^ttx: cannot use the database at PostgreSQL 127\.0\.0\.1:1\/ttx: \S/);
    expect(result.stderr + result.stdout).not.toContain('s3cret-word');
    expect(result.stdout).not.toContain('serving');
  });

  it('OPS5 a directory', () => {
    const dir = folder();
    mkdirSync(pathJoin(dir, 'ttx.db'));
    expectOneLine(start(pathJoin(dir, 'ttx.db')), /it is a directory/);
  });

  it('OPS5 a file that is not a database', () => {
    const db = pathJoin(folder(), 'ttx.db');
    writeFileSync(db, 'this is not SQLite '.repeat(500));
    expectOneLine(start(db), /not a SQLite database/);
  });

  it('OPS5 a damaged database: the integrity check at start finds it', async () => {
    const db = pathJoin(folder(), 'ttx.db');
    await realDatabase(db);
    // Every page but the first (the schema) overwritten: the tables' pages are no longer pages.
    const size = statSync(db).size;
    expect(size).toBeGreaterThan(8 * 4096);
    const fd = openSync(db, 'r+');
    for (let page = 1; page < size / 4096; page++) writeSync(fd, Buffer.alloc(4096, 0x13), 0, 4096, page * 4096);
    closeSync(fd);
    expectOneLine(start(db), /damaged/);
  });

  it('OPS5 a read-only database', async () => {
    const dir = folder();
    const db = pathJoin(dir, 'ttx.db');
    await realDatabase(db);
    if (asRoot && !nobodyCanRun) {
      // Root writes through file modes, not through the immutable flag.
      if (!immutable(db, true)) throw new Error('running as root: needs chattr +i, or a project the user nobody can read');
      try {
        expectOneLine(start(db), /read-only/);
      } finally {
        immutable(db, false);
      }
      return;
    }
    if (asRoot) chownSync(db, NOBODY, NOBODY);
    chmodSync(db, 0o444);
    expectOneLine(start(db, 'nobody'), /read-only/);
    expect(readFileSync(db).length).toBeGreaterThan(0);
  });

  it.skipIf(!nobodyCanRun)('OPS5 a database this user may not read or write', async () => {
    const db = pathJoin(folder(), 'ttx.db');
    await realDatabase(db);
    chmodSync(db, asRoot ? 0o600 : 0o000);
    expectOneLine(start(db, 'nobody'), /may not read and write/);
  });

  it('OPS5 a healthy database serves: both threads open it and its integrity check passes', async () => {
    const db = pathJoin(folder(), 'ttx.db');
    await realDatabase(db);
    const store = new SqliteStore(db);
    await expect(store.ready()).resolves.toBeUndefined();
    await expect(store.checked()).resolves.toBeUndefined();
    await store.close();
  });

  it('OPS5 the integrity check runs on the checkpointer thread: checked() rejects on a damaged file the threads could open', async () => {
    const db = pathJoin(folder(), 'ttx.db');
    await realDatabase(db);
    // The tables' pages overwritten, the schema (first page) kept: the constructor opens the file
    // and takes a write, and only the check finds the damage.
    const fd = openSync(db, 'r+');
    for (let page = 1; page < statSync(db).size / 4096; page++) writeSync(fd, Buffer.alloc(4096, 0x13), 0, 4096, page * 4096);
    closeSync(fd);
    const damagedStore = new SqliteStore(db);
    try {
      await expect(damagedStore.ready()).resolves.toBeUndefined();
      const refused = await damagedStore.checked().then(() => null, (error: unknown) => error);
      expect(refused).toBeInstanceOf(StorageError);
      expect((refused as StorageError).message).toMatch(/damaged/);
    } finally {
      await damagedStore.close();
    }
    // Without threads the check runs in the constructor, and checked() has nothing to wait for.
    const inMemory = new SqliteStore(':memory:');
    await expect(inMemory.checked()).resolves.toBeUndefined();
    await inMemory.close();
  });

  /** A memory store whose integrity check at start reports when the test says, and its commits counted. */
  class CheckedLater extends MemoryStore {
    asked = 0;
    commits = 0;
    private report: Promise<void> = Promise.resolve();
    pass: () => void = () => undefined;
    fail: (error: Error) => void = () => undefined;
    hold(): void {
      this.report = new Promise<void>((resolve, reject) => {
        this.pass = resolve;
        this.fail = reject;
      });
      this.report.catch(() => undefined);
    }
    checked(): Promise<void> {
      this.asked++;
      return this.report;
    }
    override commit(items: CommitItem[]): CommitRefusals {
      this.commits++;
      return super.commit(items);
    }
  }

  /** A store holding one running drill with an inject due, and a registry about to boot on it. */
  async function bootingWithWorkDue() {
    const store = new CheckedLater();
    const time = new ManualTime();
    const first = await server({ store, time });
    const drill = await createDrill(first);
    const fac = await client(first, drill.seat('facilitator'));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    fac.close();
    await first.close();
    time.advance(6 * 60_000); // the minute-6 inject falls due while down
    store.hold();
    store.commits = 0;
    store.asked = 0;
    const app = createApp({ store, clock: time, scheduler: time, log: silentLogger, staticDir: null });
    const booted = app.registry.boot();
    booted.catch(() => undefined);
    await until(() => store.asked > 0, 'boot waits for the integrity check');
    await new Promise((resolve) => setImmediate(resolve));
    return { store, app, booted, drillId: drill.drillId };
  }

  it('OPS5 boot writes nothing until the store\'s integrity check has passed', async () => {
    const { store, app, booted, drillId } = await bootingWithWorkDue();
    try {
      expect(store.commits).toBe(0);
      store.pass();
      expect(await booted).toBe(1);
      expect(store.commits).toBeGreaterThan(0);
      expect(store.entries(drillId).some((e) => e.event.type === 'inject.delivered' && e.event.injectId === 'owner-asks')).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('OPS5 boot on a store whose integrity check fails throws its StorageError and writes nothing', async () => {
    const { store, app, booted } = await bootingWithWorkDue();
    try {
      const damage = new StorageError('/data/ttx.db', 'the file is damaged (integrity check: page 2); restore it from a backup');
      store.fail(damage);
      await expect(booted).rejects.toBe(damage);
      await new Promise((resolve) => setImmediate(resolve));
      expect(store.commits).toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe('OPS6: /healthz while writes fail', () => {
  it('OPS6 /healthz answers 503 with the reason while commits fail, and 200 once one succeeds again', async () => {
    const store = new MemoryStore();
    const commitNow = store.commit.bind(store);
    let broken = false;
    store.commit = (items: CommitItem[]): CommitRefusals => {
      if (broken) throw Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' });
      return commitNow(items);
    };
    const s = await server({ store });
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
    broken = true;
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const sick = await fetch(`${s.url}/healthz`);
    expect(sick.status).toBe(503);
    expect(await sick.json()).toEqual({ ok: false, ready: false, reason: 'the database is not taking writes: attempt to write a readonly database' });
    broken = false;
    await until(async () => (await fac.send({ type: 'drill.start' })).ok, 'a command goes through again');
    expect(await (await fetch(`${s.url}/healthz`)).json()).toMatchObject({ ok: true, ready: true });
  });
});

describe('OPS8: a store that failed is probed until it takes writes again', () => {
  /** A health with a probe the test breaks and mends, and how many times it was tried. */
  function probed() {
    const time = new ManualTime();
    const probe = { broken: true, tries: 0 };
    const health = new WriteHealth(() => {
      probe.tries++;
      if (probe.broken) throw new Error('database or disk is full');
    }, time);
    return { time, probe, health };
  }

  it('OPS8 a healthy store is never probed', () => {
    const { time, probe, health } = probed();
    health.committed();
    time.advance(10 * PROBE_EVERY_MS);
    expect(probe.tries).toBe(0);
    expect(time.pending()).toEqual([]);
    expect(health.failure).toBeNull();
  });

  it('OPS8 a failed store is probed every PROBE_EVERY_MS, stays failed while the probe fails, and recovers with no command', () => {
    const { time, probe, health } = probed();
    health.failed(new Error('database or disk is full'));
    time.advance(PROBE_EVERY_MS - 1);
    expect(probe.tries).toBe(0);
    time.advance(1);
    expect(probe.tries).toBe(1);
    expect(health.failure).toBe('database or disk is full');
    time.advance(PROBE_EVERY_MS);
    expect(probe.tries).toBe(2);
    probe.broken = false;
    time.advance(PROBE_EVERY_MS);
    expect(probe.tries).toBe(3);
    expect(health.failure).toBeNull();
    // Healthy again: no more probes.
    time.advance(10 * PROBE_EVERY_MS);
    expect(probe.tries).toBe(3);
  });

  /** A health whose probe answers when the test says, with the probe's own promise to wait on. */
  function probedLater() {
    const time = new ManualTime();
    const probe = { made: Promise.resolve(), finish: (): void => undefined };
    const health = new WriteHealth(() => (probe.made = new Promise<void>((resolve) => (probe.finish = () => resolve()))), time);
    return { time, probe, health };
  }

  it('OPS8 a probe that answers later clears the failure when it succeeds', async () => {
    const { time, probe, health } = probedLater();
    health.failed(new Error('disk I/O error'));
    time.advance(PROBE_EVERY_MS);
    probe.finish();
    // The health's own handler was attached first, so it has run once this await returns.
    await probe.made;
    expect(health.failure).toBeNull();
    expect(time.pending()).toEqual([]);
  });

  it('OPS8 a probe that succeeds while a commit fails does not clear that failure', async () => {
    const { time, probe, health } = probedLater();
    health.failed(new Error('disk I/O error'));
    time.advance(PROBE_EVERY_MS);
    health.failed(new Error('database or disk is full'));
    probe.finish();
    await probe.made;
    expect(health.failure).toBe('database or disk is full');
    expect(time.pending()).toHaveLength(1);
  });

  it('OPS8 a closed health probes no more', () => {
    const { time, probe, health } = probed();
    health.failed(new Error('database or disk is full'));
    health.close();
    time.advance(10 * PROBE_EVERY_MS);
    expect(probe.tries).toBe(0);
  });

  it('OPS8 an idle server whose store takes writes again answers /healthz 200 without a command', async () => {
    const store = new MemoryStore();
    const commitNow = store.commit.bind(store);
    let broken = false;
    const full = () => Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    store.commit = (items: CommitItem[]): CommitRefusals => {
      if (broken) throw full();
      return commitNow(items);
    };
    store.probeWrite = () => {
      if (broken) throw full();
    };
    const s = await server({ store });
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    broken = true;
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    s.time.advance(PROBE_EVERY_MS);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(503);
    broken = false;
    s.time.advance(PROBE_EVERY_MS);
    expect(await (await fetch(`${s.url}/healthz`)).json()).toMatchObject({ ok: true, ready: true });
  });

  it('OPS8 the SQLite probe writes through the writer thread, and in-process without one', async () => {
    const path = pathJoin(folder(), 'ttx.db');
    const store = new SqliteStore(path);
    await store.ready();
    await store.probeWrite(1_700_000_000_123);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT id, at FROM write_probe').all()).toEqual([{ id: 1, at: 1_700_000_000_123 }]);
    db.close();
    const inMemory = new SqliteStore(':memory:');
    await expect(inMemory.probeWrite(5)).resolves.toBeUndefined();
    await inMemory.close();
  });
});
