import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join as pathJoin } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createDrill, tracked, type TestServer } from './harness.ts';

/* The built client as a browser gets it, and the headers every response carries. */

const { server } = tracked();

const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

/** A built client as `vite build` writes it: hashed assets with Brotli and gzip copies beside them. */
function builtClient(): string {
  const dir = mkdtempSync(pathJoin(tmpdir(), 'ttx-static-'));
  mkdirSync(pathJoin(dir, 'assets'));
  writeFileSync(pathJoin(dir, 'index.html'), '<!doctype html><title>ttx</title>');
  writeFileSync(pathJoin(dir, 'assets', 'app-1234.js'), SCRIPT);
  writeFileSync(pathJoin(dir, 'assets', 'app-1234.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(pathJoin(dir, 'assets', 'app-1234.js.gz'), gzipSync(SCRIPT));
  return dir;
}

/** A GET whose body is not decoded (fetch would undo the encoding and hide it). */
function rawGet(s: TestServer, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${s.url}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('OPS3: static files', () => {
  it('OPS3 hashed assets are cached for good, pages are revalidated, and an unchanged file is answered 304', async () => {
    const s = await server({ staticDir: builtClient() });
    const asset = await rawGet(s, '/assets/app-1234.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await rawGet(s, '/');
    expect(page.headers['cache-control']).toBe('no-cache');
    const etag = String(page.headers.etag);
    expect(etag).toMatch(/\S/);
    const again = await rawGet(s, '/', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const route = await rawGet(s, '/some/client/route', { 'if-none-match': etag });
    expect(route.status).toBe(304);
  });

  it('OPS3 the Brotli or gzip copy is sent to a browser that accepts it, the plain file to one that does not', async () => {
    const s = await server({ staticDir: builtClient() });
    const br = await rawGet(s, '/assets/app-1234.js', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('Accept-Encoding');
    expect(br.headers['content-type']).toMatch(/^text\/javascript/);
    expect(br.body.length).toBeLessThan(SCRIPT.length / 4);
    const gz = await rawGet(s, '/assets/app-1234.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await rawGet(s, '/assets/app-1234.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(SCRIPT);
  });
});

describe('SEC1: headers on every page', () => {
  it('SEC1 pages, API answers and reports send a CSP with scripts from self only and frame-ancestors none, and no Referer', async () => {
    const s = await server({ staticDir: builtClient() });
    const d = await createDrill(s);
    const responses = {
      page: await fetch(`${s.url}/`),
      route: await fetch(`${s.url}/?join=${d.seat('ic').token}`),
      api: await fetch(`${s.url}/api/scenarios`),
      missing: await fetch(`${s.url}/api/nothing`),
      report: await fetch(`${s.url}/drills/${d.drillId}/report.html?token=${d.facilitatorToken}`),
    };
    for (const [what, res] of Object.entries(responses)) {
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, what).toMatch(/frame-ancestors 'none'/);
      expect(csp, what).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers.get('referrer-policy'), what).toBe('no-referrer');
      expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
    }
    const page = responses.page.headers.get('content-security-policy') ?? '';
    expect(page).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(page).toMatch(/(^|; )object-src 'none'(;|$)/);
    // The report sent by itself runs no script at all.
    expect(responses.report.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
  });
});
