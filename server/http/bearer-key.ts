import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/*
 * A key an operator sets (the organiser key, the metrics token), sent as `Authorization: Bearer
 * <key>`. Both sides are hashed before the constant-time comparison, so neither the key's length
 * nor its bytes show in how long a wrong guess takes.
 */

export type KeyCheck = 'ok' | 'missing' | 'wrong';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** How a request stands against the configured key; with none configured, every request is 'ok'. */
export function bearerKeyCheck(configured: string | null): (req: IncomingMessage) => KeyCheck {
  if (!configured) return () => 'ok';
  const expected = digest(configured);
  return (req) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return 'missing';
    return timingSafeEqual(digest(header.slice(7).trim()), expected) ? 'ok' : 'wrong';
  };
}
