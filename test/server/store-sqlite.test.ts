import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
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
