import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChaos } from '../bench/lib/chaos-run.ts';

/*
 * CI's small version of `npm run bench chaos`: 10 rooms × 6 sockets playing while the server is
 * SIGKILLed three times and restarted on the same database. Nothing acknowledged may be lost, seqs
 * stay gapless, no command is applied twice, and every client is welcomed back after each restart.
 */

describe('SMOKE: chaos', () => {
  it('SMOKE-C1 three SIGKILLs under load: 0 lost, 0 gaps, 0 duplicates, every client back', { timeout: 60_000 }, async () => {
    const { verdict, stragglers, figures } = await runChaos({
      db: join(mkdtempSync(join(tmpdir(), 'ttx-smoke-chaos-')), 'chaos.db'),
      rooms: 10,
      socketsPerRoom: 6,
      kills: 3,
      // Short, to keep CI's smoke runs (load, chaos, fuzz) within the 60 s the benchmark issue allows.
      uptimeMs: [700, 1_500],
      settleMs: 1_000,
      rateMultiplier: 5,
      seed: 'smoke',
    });
    console.log(`smoke chaos: ${JSON.stringify(figures)}`);
    expect(Number(figures.commandsAcked)).toBeGreaterThan(0);
    expect({ lost: verdict.lostAcked, gaps: verdict.gaps, duplicates: verdict.duplicates }).toEqual({ lost: 0, gaps: 0, duplicates: 0 });
    expect(stragglers).toBe(0);
  });
});
