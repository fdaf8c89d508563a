import { describe, expect, it } from 'vitest';
import { KeyFilter } from '../../server/store/key-filter.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import { tempDb } from './harness.ts';

describe('IDEM: the idempotency key filter', () => {
  it('IDEM1 never forgets a key it was given (no false negatives over 5,000 keys)', () => {
    const filter = new KeyFilter();
    const keys = Array.from({ length: 5000 }, (_, i) => `ic:${i.toString(36)}-k${(i * 7919).toString(36)}`);
    for (const k of keys) filter.add(k);
    expect(keys.filter((k) => !filter.mightHave(k))).toEqual([]);
  });

  it('IDEM2 answers "never seen" for almost every fresh key at 2,000 stored (false positives under 1 %)', () => {
    const filter = new KeyFilter();
    for (let i = 0; i < 2000; i++) filter.add(`scribe:stored-${i}`);
    const fresh = Array.from({ length: 20_000 }, (_, i) => `scribe:fresh-${i}`);
    const falsePositives = fresh.filter((k) => filter.mightHave(k)).length;
    expect(falsePositives / fresh.length).toBeLessThan(0.01);
  });

  it('IDEM4 grows with the drill: 512 bytes for a few hundred keys, a stage four times larger each time one fills', () => {
    const filter = new KeyFilter();
    for (let i = 0; i < 300; i++) filter.add(`ic:few-${i}`);
    expect(filter.bytes).toBe(512);
    for (let i = 300; i < 2000; i++) filter.add(`ic:few-${i}`);
    expect(filter.bytes).toBe(512 + 2048 + 8192);
  });

  it('IDEM5 stays selective at 5,000 keys (false positives under 1 %), where the fixed 4 KB filter gave 4 %', () => {
    const filter = new KeyFilter();
    for (let i = 0; i < 5000; i++) filter.add(`sme:stored-${i}`);
    const fresh = Array.from({ length: 20_000 }, (_, i) => `sme:fresh-${i}`);
    expect(fresh.filter((k) => filter.mightHave(k)).length / fresh.length).toBeLessThan(0.01);
  });

  it('IDEM3 a key stored before a restart is still found after it (the filter is loaded from the database)', async () => {
    const path = tempDb();
    const first = new SqliteStore(path);
    first.createDrill({ id: 'd1', scenarioId: 's', scenarioVersion: 1, scenarioText: '', scenarioFile: 's.yaml', seed: '1', hostKeyHash: 'h', createdAt: 0 }, [], [{ seq: 0, at: 0, actor: { role: 'system', seat: 'engine' }, event: { type: 'drill.created', engine: 2, scenarioId: 's', scenarioVersion: 1, seed: '1', seats: [], truth: { entry: 'x', compromised: {}, insider: false, times: {}, cause: 'c', actor: 'a', exfilPerMinute: null } } }], { wallMs: 0, gameMs: 0, speed: 1, running: false });
    await first.commit([{ drillId: 'd1', entries: [], idempotency: { key: 'ic:before-restart', result: { ok: true, body: '{"ok":true}' } } }]);
    expect(first.idempotent('d1', 'ic:before-restart')).toEqual({ ok: true, body: '{"ok":true}' });
    await first.close();
    const second = new SqliteStore(path);
    expect(second.idempotent('d1', 'ic:before-restart')).toEqual({ ok: true, body: '{"ok":true}' });
    expect(second.idempotent('d1', 'ic:never-sent')).toBeNull();
    await second.close();
  });
});
