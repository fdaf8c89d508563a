import type { Server as HttpServer } from 'node:http';
import { Socket } from 'node:net';
import { CONNECTION, READY, type HandedConnection } from './messages.ts';
import type { Shard } from './shard.ts';

/*
 * The worker side of a sharded server (see primary.ts): this process runs the drills whose ids fall
 * to its shard, and its HTTP server takes connections the primary hands over instead of listening.
 */

/** This process's shard when it was started as a worker, else null. */
export function workerShard(env: NodeJS.ProcessEnv = process.env): Shard | null {
  if (env.TTX_WORKER_INDEX === undefined) return null;
  const index = Number(env.TTX_WORKER_INDEX);
  const count = Number(env.TTX_WORKER_COUNT);
  if (!Number.isInteger(index) || !Number.isInteger(count) || index < 0 || index >= count) {
    throw new Error(`TTX_WORKER_INDEX ${env.TTX_WORKER_INDEX} / TTX_WORKER_COUNT ${env.TTX_WORKER_COUNT} do not name a shard`);
  }
  return { index, count };
}

/** Serve the connections the primary hands over, and tell it this worker is ready for them. */
export function serveHandedConnections(http: HttpServer): void {
  process.on('message', (message: HandedConnection | null, handle: unknown) => {
    if (message?.type !== CONNECTION || !(handle instanceof Socket)) return;
    http.emit('connection', handle);
    // The bytes the primary read to route the connection come first, then the socket reads on.
    handle.emit('data', Buffer.from(message.head, 'latin1'));
    handle.resume();
  });
  // The primary is the only way in. Once it is gone (stopped, or killed) this worker exits too: a
  // second server on the same database must never find this one still running its drills.
  // Acknowledged commands are already durable; unacknowledged ones are lost, as in any crash.
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: READY });
}
