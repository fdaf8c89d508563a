import { isDrillId } from '../../shared/protocol/index.ts';

/*
 * Which worker process owns a drill. With N workers every drill belongs to exactly one of them,
 * chosen from its id alone (FNV-1a, mod N), so the primary that routes connections and the workers
 * that serve them agree without asking each other. A drill's state, clock and queue live only in
 * its owner; everything else reads the shared database.
 */

export interface Shard {
  index: number;
  count: number;
}

/** FNV-1a over the id's UTF-16 code units: cheap, stable across processes and versions. */
export function shardOf(drillId: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < drillId.length; i++) {
    h ^= drillId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % count;
}

/** Whether this process owns the drill (a lone process owns every drill). */
export function owns(shard: Shard | null | undefined, drillId: string): boolean {
  return !shard || shard.count <= 1 || shardOf(drillId, shard.count) === shard.index;
}

const DRILL_PATH = /^\/(?:drills|api\/drills)\/([a-z0-9]{1,40})(?:[/.?]|$)/;

/**
 * The drill a request target (path and query) names: `?drill=` (socket.io connections carry it; see
 * shared/protocol drillOfToken) or a `/drills/<id>/…` path; null if it names none or a malformed one.
 */
export function drillOfTarget(target: string): string | null {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  if (q >= 0) {
    for (const pair of target.slice(q + 1).split('&')) {
      if (pair.startsWith('drill=') && isDrillId(pair.slice(6))) return pair.slice(6);
    }
  }
  return DRILL_PATH.exec(path)?.[1] ?? null;
}

/**
 * The drill a connection is about, from the first bytes the primary read: its request line's target
 * (drillOfTarget). Null when it names none (static files, the drill list, drill creation), or when
 * the bytes are not a request line at all.
 */
export function drillOfRequestHead(head: string): string | null {
  const end = head.indexOf('\r\n');
  const line = end < 0 ? head : head.slice(0, end);
  const target = /^[A-Z]{3,7} (\S{1,4096}) HTTP\/1\.[01]$/.exec(line)?.[1];
  return target ? drillOfTarget(target) : null;
}
