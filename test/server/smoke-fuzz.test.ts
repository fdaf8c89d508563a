import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFuzz } from '../bench/lib/fuzz-run.ts';

/*
 * CI's small version of `npm run bench fuzz`: 20,000 malformed and hostile frames against a real
 * server process while a legitimate client plays another drill. The server must not crash, no
 * invalid input may change any drill, and the legitimate client keeps being served.
 */

describe('SMOKE: fuzz', () => {
  it('SMOKE-F1 20,000 hostile frames: no crash, no state change from invalid input, the real client still served', { timeout: 60_000 }, async () => {
    const { figures } = await runFuzz({
      db: join(mkdtempSync(join(tmpdir(), 'ttx-smoke-fuzz-')), 'fuzz.db'),
      frames: 20_000,
      connections: 20,
      baselineMs: 1_000,
      seed: 'smoke',
    });
    console.log(`smoke fuzz: ${JSON.stringify(figures)}`);
    expect(figures.frames).toBe(20_000);
    expect(figures.crashes).toBe(0);
    expect(figures.hostileStateChanges).toBe(0);
    expect(figures.foreignEventsInLegitDrill).toBe(0);
    expect(figures.legitErrors).toBe(0);
    expect(figures.legitAcked).toBeGreaterThan(0);
  });
});
