import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

export type StaticOutcome = 'served' | 'not-found' | 'bad-path';

/**
 * Serve the built client. Unknown page paths fall back to index.html (the client routes itself);
 * a missing file under /assets/ is a real 404, so a stale bundle never gets HTML as JavaScript.
 */
export function serveStatic(root: string, path: string, res: ServerResponse): StaticOutcome {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return 'bad-path';
  }
  if (decoded.includes('\0')) return 'bad-path';
  const clean = normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  let file = join(root, clean);
  if (!file.startsWith(root + sep) && file !== root) return 'bad-path';
  const isAsset = clean.startsWith('/assets/');
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (isAsset || extname(clean) !== '') return 'not-found';
    file = join(root, 'index.html');
  }
  if (!existsSync(file)) return 'not-found';
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    // Hashed asset names never change content; the page itself must always be revalidated.
    'cache-control': isAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  res.end(readFileSync(file));
  return 'served';
}
