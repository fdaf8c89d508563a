import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { PublicOrigin } from '../../server/http/public-origin.ts';
import { tracked, type TestServer } from './harness.ts';

/*
 * The public origin (TTX_PUBLIC_URL, else the listening address) is the only origin trusted to open
 * sockets and create drills, and join links are built from it, never from the Host header.
 */

const { server } = tracked();

/** POST /api/drills with any Host and Origin headers (fetch cannot set Host). */
function create(s: TestServer, headers: Record<string, string>): Promise<{ status: number; body: { ok: boolean; data?: { seats: { link: string }[] } } }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ scenarioId: 'exfiltration-detected', seed: '1' });
    const req = request(`${s.url}/api/drills`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as never }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** What a WebSocket upgrade from `origin` is answered, as raw bytes. */
function upgrade(s: TestServer, origin: string): Promise<string> {
  const raw = connect(Number(new URL(s.url).port), '127.0.0.1');
  let received = '';
  raw.on('data', (d) => (received += d.toString('latin1')));
  raw.write(`GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  return new Promise((resolve) => {
    raw.on('data', () => {
      if (received.includes('\r\n\r\n')) {
        raw.destroy();
        resolve(received);
      }
    });
    raw.on('close', () => resolve(received));
  });
}

describe('SEC2: the trusted origin', () => {
  it('SEC2 unconfigured, links point at the listening address whatever Host the request names', async () => {
    const s = await server();
    const created = await create(s, { host: 'evil.example' });
    expect(created.status).toBe(201);
    for (const seat of created.body.data?.seats ?? []) expect(seat.link.startsWith(`${s.url}/?join=`)).toBe(true);
    // A page of this server on a loopback name may create; another origin may not, whatever its Host says.
    expect((await create(s, { origin: s.url.replace('127.0.0.1', 'localhost') })).status).toBe(201);
    expect((await create(s, { origin: 'http://evil.example', host: 'evil.example' })).status).toBe(403);
  });

  it('SEC2 with a public URL, links are built from it and its origin is the only one trusted, over HTTP, polling and WebSocket', async () => {
    const s = await server({ publicUrl: 'https://drills.example.org/ttx' });
    const created = await create(s, { origin: 'https://drills.example.org' });
    expect(created.status).toBe(201);
    for (const seat of created.body.data?.seats ?? []) expect(seat.link).toMatch(/^https:\/\/drills\.example\.org\/ttx\/\?join=[a-z0-9]+\.[A-Za-z0-9_-]+$/);
    // The listening address itself is no longer trusted once a public URL is set.
    expect((await create(s, { origin: s.url })).status).toBe(403);
    expect((await create(s, { origin: 'https://drills.example.org.evil.example' })).status).toBe(403);
    const polling = await fetch(`${s.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: s.url } });
    expect(polling.status).toBe(403);
    expect(await polling.json()).toEqual({ code: 4, message: 'origin not allowed' });
    expect(await upgrade(s, s.url)).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[\s\S]*\r\n\r\norigin not allowed$/);
    expect(await upgrade(s, 'https://drills.example.org')).toMatch(/^HTTP\/1\.1 101 /);
  });

  it('SEC2 a public URL that is not an http(s) URL is refused with a clear message', () => {
    expect(() => new PublicOrigin('drills.example.org')).toThrow(/TTX_PUBLIC_URL must be a URL/);
    expect(() => new PublicOrigin('ftp://drills.example.org')).toThrow(/http or https/);
    expect(() => new PublicOrigin('https://drills.example.org/?x=1')).toThrow(/query/);
  });
});
