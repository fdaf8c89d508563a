import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runFuzz } from './lib/fuzz-run.ts';
import { report } from './lib/results.ts';

/*
 * `npm run bench fuzz -- --frames 1000000 [--rate N] [--server floor]`: malformed engine.io/socket.io frames and hostile
 * payloads against a live server. Targets: 0 crashes, 0 state changes from invalid input, and a
 * legitimate client's ack p99 during the fuzz at most twice its baseline.
 */

const { values } = parseArgs({
  options: {
    frames: { type: 'string', default: '1000000' },
    connections: { type: 'string', default: '50' },
    /** Seconds of play before the fuzz: about ten acks a second make the baseline's p99. */
    baseline: { type: 'string', default: '20' },
    seed: { type: 'string', default: 'fuzz' },
    /** Hostile frames per second in all; 0 (the default) is as fast as the sockets drain. */
    rate: { type: 'string', default: '0' },
    /** 'app' (the real server) or 'floor' (the transport floor: what the flood costs the transport alone). */
    server: { type: 'string', default: 'app' },
  },
});

function serverKind(value: string | undefined): 'app' | 'floor' {
  if (value === 'app' || value === 'floor') return value;
  throw new Error(`--server must be app or floor (got "${value}")`);
}

const dir = mkdtempSync(join(tmpdir(), 'ttx-fuzz-'));
try {
  const { figures } = await runFuzz({
    db: join(dir, 'fuzz.db'),
    frames: Number(values.frames),
    connections: Number(values.connections),
    baselineMs: Number(values.baseline) * 1000,
    seed: values.seed ?? 'fuzz',
    rate: Number(values.rate),
    server: serverKind(values.server),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  report('fuzz', figures);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
