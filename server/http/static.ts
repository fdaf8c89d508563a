import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

/*
 * The built client, through sirv: files indexed once at start, ETag and 304, the Brotli or gzip copy
 * the build wrote beside each file when the browser accepts it. Hashed files under /assets/ never
 * change and are cached for a year; everything else is revalidated. Unknown page paths get
 * index.html (the client routes itself); a missing file with an extension, or anything under
 * /assets/, is a real 404, so a stale bundle never gets HTML as JavaScript.
 */

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, notFound: () => void) => void;

export function staticFiles(root: string): StaticHandler {
  const serve = sirv(root, {
    etag: true,
    brotli: true,
    gzip: true,
    single: true,
    ignores: ['^/assets/'],
    setHeaders: (res, pathname) => res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  return (req, res, notFound) => serve(req, res, notFound);
}
