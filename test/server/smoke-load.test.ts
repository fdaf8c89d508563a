import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLoad } from '../bench/lib/load-run.ts';

/*
 * CI's small version of `npm run bench load`: 20 rooms × 6 sockets at the burst rate against a real
 * server process. It asserts correctness only (nothing acknowledged lost, no gaps, no duplicates,
 * every inject delivered to every seat, no disconnects); latencies belong to the benchmark.
 */

describe('SMOKE: load', () => {
  it('SMOKE-L1 under burst load nothing acknowledged is lost, seqs are gapless, every inject reaches every seat', { timeout: 60_000 }, async () => {
    const { verdict, figures } = await runLoad({
      dir: mkdtempSync(join(tmpdir(), 'ttx-smoke-load-')),
      rooms: 20,
      socketsPerRoom: 6,
      durationMs: 5_000,
      warmupMs: 2_000,
      rateMultiplier: 5,
      rate: { burst: 30, perSecond: 10 },
      // Two generator processes, as the benchmark runs: their figures are merged before judging.
      processes: 2,
    });
    console.log(`smoke load: ${JSON.stringify(figures)}`);
    expect(verdict?.drills).toBe(20);
    expect(Number(figures.commandsPerSecond)).toBeGreaterThan(0);
    expect({ lost: verdict?.lostAcked, gaps: verdict?.gaps, duplicates: verdict?.duplicates }).toEqual({ lost: 0, gaps: 0, duplicates: 0 });
    expect(figures.disconnects).toBe(0);
    expect(figures.errors).toBe('none');
    expect(figures.injectDeliveries).toBe(figures.injectDeliveriesExpected);
  });

  it('SMOKE-L2 the transport floor (`--server floor`) serves the same clients, and what it acknowledged is on disk', { timeout: 60_000 }, async () => {
    const { verdict, figures } = await runLoad({
      dir: mkdtempSync(join(tmpdir(), 'ttx-smoke-floor-')),
      rooms: 5,
      socketsPerRoom: 6,
      durationMs: 2_000,
      warmupMs: 2_000,
      rateMultiplier: 5,
      rate: { burst: 30, perSecond: 10 },
      server: 'floor',
    });
    console.log(`smoke floor: ${JSON.stringify(figures)}`);
    expect(figures.server).toBe('floor');
    expect(Number(figures.commandsPerSecond)).toBeGreaterThan(0);
    expect({ drills: verdict?.drills, lost: verdict?.lostAcked, gaps: verdict?.gaps, duplicates: verdict?.duplicates }).toEqual({ drills: 5, lost: 0, gaps: 0, duplicates: 0 });
    expect(figures.injectDeliveries).toBe(figures.injectDeliveriesExpected);
  });
});
