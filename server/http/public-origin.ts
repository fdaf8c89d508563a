import type { IncomingMessage } from 'node:http';

/*
 * Where browsers reach this server. A configured public URL (TTX_PUBLIC_URL) is the only origin
 * trusted to open sockets and create drills, and join links are built from it, never from a
 * request's Host header. Unconfigured, the server stands for its listening address: a wildcard or
 * loopback address trusts the loopback names with its port (localhost, 127.0.0.1, [::1]).
 */

const LOOPBACK = new Set(['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost']);

export class PublicOrigin {
  private base: URL | null;
  private trusted: Set<string>;

  /** `publicUrl` is TTX_PUBLIC_URL (null: the listening address); `extra` are further trusted origins (the dev server). */
  constructor(
    publicUrl: string | null,
    private readonly extra: readonly string[] = [],
  ) {
    this.base = publicUrl === null ? null : PublicOrigin.parse(publicUrl);
    this.trusted = new Set([...(this.base ? [this.base.origin] : []), ...extra]);
  }

  /** A public URL as configured, or a clear error saying what is wrong with it. */
  static parse(publicUrl: string): URL {
    let url: URL;
    try {
      url = new URL(publicUrl);
    } catch {
      throw new Error(`TTX_PUBLIC_URL must be a URL such as https://drills.example.org (got "${publicUrl}")`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`TTX_PUBLIC_URL must be an http or https URL (got "${publicUrl}")`);
    if (url.search || url.hash) throw new Error(`TTX_PUBLIC_URL must not carry a query or a fragment (got "${publicUrl}")`);
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return url;
  }

  /** Called once the server listens: without a configured URL, the listening address stands in. */
  listening(host: string, port: number): void {
    if (this.base) return;
    const loopback = LOOPBACK.has(host);
    const name = loopback && (host === '0.0.0.0' || host === '::') ? 'localhost' : host.includes(':') ? `[${host}]` : host;
    this.base = new URL(`http://${name}:${port}/`);
    const origins = loopback ? [`http://localhost:${port}`, `http://127.0.0.1:${port}`, `http://[::1]:${port}`] : [this.base.origin];
    this.trusted = new Set([...origins, ...this.extra]);
  }

  /** The page a seat's token opens. */
  joinLink(token: string): string {
    return new URL(`?join=${encodeURIComponent(token)}`, this.base ?? 'http://localhost/').href;
  }

  get url(): string {
    return this.base?.href ?? '';
  }

  /** A request with no Origin (a bot, curl) is not a browser page and is let through; a browser's must be trusted. */
  allows(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || this.trusted.has(origin);
  }
}
