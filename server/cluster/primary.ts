import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { LISTEN_BACKLOG } from '../app.ts';
import { RestartBackoff } from './restart-backoff.ts';
import { drillOfRequestHead, shardOf } from './shard.ts';
import { CONNECTION, READY, type HandedConnection } from './messages.ts';

/*
 * The primary of a sharded server (TTX_WORKERS > 1). One Node process runs one event loop, so a lone
 * server uses one core however many the machine has; once that core is saturated, latency climbs
 * (on this project's 2-core machine, 2,000 drills × 6 sockets: ack p99 373 ms in one process, 234 ms
 * in two workers; ARCHITECTURE.md SRV10 has the costs). The primary listens, reads the first bytes of each connection to learn which
 * drill it is about (shard.ts drillOfRequestHead), and hands the socket itself to the worker that
 * owns that drill; from then on the worker talks to the client directly and the primary is out of
 * the way. Connections that name no drill (pages, the drill list, drill creation) go round-robin to
 * the workers that are up.
 * Workers share the SQLite database; each drill is live in exactly one of them.
 */

export interface PrimaryOptions {
  /** How many workers, each owning 1/n of the drills. */
  workers: number;
  /** The script the workers run (normally this one; it takes the worker branch from TTX_WORKER_INDEX). */
  entry: string;
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
  port: number;
  host?: string;
  log?: (line: string) => void;
  /** Any other message a worker sends (the benchmark server's figures). */
  onMessage?: (index: number, message: unknown) => void;
  /** A worker stopped unexpectedly (it is started again); `how` is its signal or exit code. */
  onWorkerExit?: (index: number, how: string) => void;
}

export interface Primary {
  port: number;
  /** Send a message to worker i (false if it is not running). */
  send(index: number, message: unknown): boolean;
  workerPids(): number[];
  close(): Promise<void>;
}

/** A client that opens a connection and sends nothing is dropped after this long. */
const FIRST_BYTES_TIMEOUT_MS = 10_000;

export async function startPrimary(o: PrimaryOptions): Promise<Primary> {
  const log = o.log ?? ((line: string) => console.log(line));
  const workers: (ChildProcess | null)[] = Array.from({ length: o.workers }, () => null);
  let closing = false;
  let roundRobin = 0;

  const backoff = workers.map(() => new RestartBackoff());

  /**
   * Start worker `index`. The first start of each worker must succeed (startPrimary fails
   * otherwise); a restart that fails, even before the worker is ready, is tried again after the
   * back-off, so a crash during a restarted worker's boot does not leave its drills unserved for good.
   */
  const spawnWorker = (index: number, first: boolean): Promise<void> =>
    new Promise((resolve, reject) => {
      const child = fork(o.entry, [], {
        execArgv: o.execArgv ?? process.execArgv,
        env: { ...(o.env ?? process.env), TTX_WORKER_INDEX: String(index), TTX_WORKER_COUNT: String(o.workers) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      let ready = false;
      child.on('message', (message: unknown) => {
        if ((message as { type?: string } | null)?.type === READY) {
          ready = true;
          workers[index] = child;
          backoff[index]!.started(performance.now());
          resolve();
          return;
        }
        o.onMessage?.(index, message);
      });
      child.on('exit', (code, signal) => {
        const how = signal ?? `code ${code}`;
        if (workers[index] === child) workers[index] = null;
        if (!ready && first) return reject(new Error(`worker ${index} exited before it was ready (${how})`));
        if (!ready) resolve(); // a restart that failed: the retry below takes over
        if (closing) return;
        if (ready) o.onWorkerExit?.(index, how);
        // Its drills are unreachable until it is back; their clients keep retrying and get in then.
        const wait = backoff[index]!.stopped(performance.now());
        log(`worker ${index} stopped (${how}${ready ? '' : ', before it was ready'}); starting it again in ${wait / 1000} s`);
        setTimeout(() => void spawnWorker(index, false), wait).unref();
      });
    });

  // Workers boot (rebuilding their running drills from the log) in parallel; the port opens when all are ready.
  await Promise.all(workers.map((_, i) => spawnWorker(i, true)));

  /** The next worker that is up, for a request any of them can serve (-1 if none is). */
  const anyWorker = (): number => {
    for (let k = 0; k < o.workers; k++) {
      const index = roundRobin++ % o.workers;
      if (workers[index]?.connected) return index;
    }
    return -1;
  };

  const route = (socket: Socket, head: Buffer) => {
    const drill = drillOfRequestHead(head.toString('latin1', 0, Math.min(head.length, 8192)));
    // A drill's connections can only go to its owner: while the owner restarts they are dropped,
    // and clients retry. Anything else goes to whichever worker is up.
    const index = drill ? shardOf(drill, o.workers) : anyWorker();
    const worker = index < 0 ? null : workers[index];
    if (!worker?.connected) return socket.destroy();
    const message: HandedConnection = { type: CONNECTION, head: head.toString('latin1') };
    worker.send(message, socket, { keepOpen: false }, (error) => {
      if (error) socket.destroy();
    });
  };

  const server: Server = createServer((socket) => {
    socket.setTimeout(FIRST_BYTES_TIMEOUT_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    socket.once('data', (head: Buffer) => {
      // Stop reading: what the client sends next must stay in the kernel for the worker to read.
      // pause() alone only stops 'data' events; the handle goes on reading (and, once handed over,
      // discarding) until it is closed, which swallowed a client's socket.io CONNECT now and then
      // (the worker had already answered the upgrade). readStop() stops the reads themselves.
      socket.pause();
      (socket as unknown as { _handle?: { readStop?: () => number } })._handle?.readStop?.();
      socket.setTimeout(0);
      route(socket, head);
    });
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: o.port, host: o.host ?? '0.0.0.0', backlog: LISTEN_BACKLOG }, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : o.port);
    });
  });

  return {
    port,
    send: (index, message) => workers[index]?.send(message as object) ?? false,
    workerPids: () => workers.flatMap((w) => (w?.pid ? [w.pid] : [])),
    async close() {
      closing = true;
      server.close();
      await Promise.all(
        workers.map((w) =>
          w && w.exitCode === null && w.signalCode === null
            ? new Promise<void>((resolve) => {
                w.once('exit', () => resolve());
                w.kill('SIGTERM');
              })
            : undefined,
        ),
      );
    },
  };
}
