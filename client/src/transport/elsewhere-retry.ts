import type { DrillElsewhere } from '../../../shared/protocol/index.ts';

/*
 * Several server nodes share the drills, each drill live on one of them, and a proxy routes every
 * connection by the drill it names (`?drill=`). While a drill moves between nodes (its node died
 * and its lease has not lapsed yet, or a node that came back is taking it over) the node the proxy
 * chose refuses the handshake with DRILL_ELSEWHERE and a wait (PROTOCOL.md §2): when the lease
 * of a dead node lapses. socket.io does not retry a handshake its server refused, so the client
 * does: it closes the connection and opens a new one through the proxy, naming the drill, after the
 * wait (at most 2 s, so a client asks again soon after the lease lapses; the node answers those
 * from memory), spread by ±25 % so a room's seats do not all return in the same millisecond.
 */

/** The part of a socket.io client socket the retry uses. */
export interface RetryableSocket {
  io: { opts: { query?: object | undefined } };
  connect(): unknown;
  disconnect(): unknown;
}

export interface ElsewhereDeps {
  /** A number in [0, 1). */
  random(): number;
  /** Run `reconnect` after `ms` (the caller skips it if the client was closed meanwhile). */
  schedule(reconnect: () => void, ms: number): void;
}

/** The refusal's data when a handshake was refused because another node runs the drill, else null. */
export function drillElsewhere(error: unknown): DrillElsewhere | null {
  const data = (error as { data?: Partial<DrillElsewhere> } | null)?.data;
  if (data?.code !== 'DRILL_ELSEWHERE' || typeof data.drillId !== 'string' || typeof data.retryAfterMs !== 'number') return null;
  return { code: data.code, drillId: data.drillId, retryAfterMs: data.retryAfterMs };
}

/** Shortest and longest wait before connecting again, whatever the server asked for. */
export const MIN_WAIT_MS = 100;
export const MAX_WAIT_MS = 2_000;

/** Connect again later if `error` is a DRILL_ELSEWHERE refusal; false (and nothing done) for any other error. */
export function retryElsewhere(socket: RetryableSocket, error: unknown, deps: ElsewhereDeps): boolean {
  const refusal = drillElsewhere(error);
  if (!refusal) return false;
  // A new connection, so the proxy routes it afresh; it names the drill even if this one did not.
  socket.disconnect();
  socket.io.opts.query = { ...(socket.io.opts.query ?? {}), drill: refusal.drillId };
  const wait = Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, refusal.retryAfterMs)) * (0.75 + 0.5 * deps.random());
  deps.schedule(() => void socket.connect(), Math.round(wait));
  return true;
}
