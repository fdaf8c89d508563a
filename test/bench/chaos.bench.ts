import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runChaos } from './lib/chaos-run.ts';
import { report } from './lib/results.ts';

/*
 * `npm run bench chaos -- --kills 50 --rooms 1000 --sockets 6 [--reconnect browser] [--server floor]`: SIGKILL the server under load N
 * times and restart it on the same database. Targets: 0 acknowledged events lost, 0 gaps, 0
 * duplicates; with 6,000 clients, every one caught up within 8 s of a restart.
 */

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '50' },
    rooms: { type: 'string', default: '1000' },
    sockets: { type: 'string', default: '6' },
    'min-uptime': { type: 'string', default: '3' },
    'max-uptime': { type: 'string', default: '8' },
    seed: { type: 'string', default: 'chaos' },
    /** Client processes (the 6,000 clients are dealt out between them). */
    processes: { type: 'string', default: '2' },
    /** Clients' reconnection backoff: fast (0.2–1 s) or browser (socket.io's default, 1–5 s, as the page uses). */
    reconnect: { type: 'string', default: 'fast' },
    /** 'app' (the real server) or 'floor' (the transport floor, restarted the same way: what reconnecting alone costs). */
    server: { type: 'string', default: 'app' },
  },
});

function reconnectMode(value: string | undefined): 'fast' | 'browser' {
  if (value === 'fast' || value === 'browser') return value;
  throw new Error(`--reconnect must be fast or browser (got "${value}")`);
}

function serverKind(value: string | undefined): 'app' | 'floor' {
  if (value === 'app' || value === 'floor') return value;
  throw new Error(`--server must be app or floor (got "${value}")`);
}

const dir = mkdtempSync(join(tmpdir(), 'ttx-chaos-'));
try {
  const result = await runChaos({
    db: join(dir, 'chaos.db'),
    rooms: Number(values.rooms),
    socketsPerRoom: Number(values.sockets),
    kills: Number(values.kills),
    uptimeMs: [Number(values['min-uptime']) * 1000, Number(values['max-uptime']) * 1000],
    rateMultiplier: 1,
    seed: values.seed ?? 'chaos',
    processes: Number(values.processes),
    reconnect: reconnectMode(values.reconnect),
    server: serverKind(values.server),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  report('chaos', result.figures);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
