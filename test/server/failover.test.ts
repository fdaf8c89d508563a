import { expect, it } from 'vitest';
import { runFailover } from '../bench/lib/failover-run.ts';
import { haproxyBinary } from '../bench/lib/haproxy.ts';
import { describeWithPostgres, POSTGRES_URL } from './postgres-harness.ts';

/*
 * Several nodes on standard parts: PostgreSQL, two ttx nodes (the deployed bundle) and HAProxy with
 * the shipped configuration, all on loopback. Drills play through the proxy, and the node running
 * the most of them is SIGKILLed under load (test/bench/lib/failover-run.ts).
 */

const haproxy = haproxyBinary();
if ('missing' in haproxy) console.log(`skipped "FAILOVER": ${haproxy.missing}`);

describeWithPostgres('FAILOVER: a node dies under load', () => {
  it.skipIf('missing' in haproxy)('FAILOVER1 (LEASE1, LEASE6, ROUTE1) 0 acknowledged commands lost, 0 gaps, 0 duplicates; the dead node\'s drills resume on the other within 15 s; overdue injects fire exactly once; clients catch up', { timeout: 120_000 }, async () => {
    const result = await runFailover({ postgresUrl: POSTGRES_URL!, rooms: 8, socketsPerRoom: 6, rateMultiplier: 3, killAfterMs: 2_000 });
    console.log(`failover: ${JSON.stringify(result.figures)}`);
    expect(result.victimDrills).toBeGreaterThan(0);
    expect(Number(result.figures.commandsAcked)).toBeGreaterThan(0);
    expect({ lost: result.verdict.lostAcked, gaps: result.verdict.gaps, duplicates: result.verdict.duplicates }).toEqual({ lost: 0, gaps: 0, duplicates: 0 });
    expect(result.stragglers).toBe(0);
    // The bound the deployment promises: leases lapse within 8 s, then the next connection (or the
    // node itself) takes each drill. Measured from the SIGKILL to the last client welcomed back.
    expect(result.resumedMs).toBeLessThan(15_000);
    expect({ missing: result.injectsMissing, repeated: result.injectsRepeated }).toEqual({ missing: 0, repeated: 0 });
    expect(result.behind).toBe(0);
  });
});
