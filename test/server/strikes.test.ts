import { afterEach, describe, expect, it } from 'vitest';
import { MAX_STRIKES } from '../../server/socket/handlers.ts';
import { createDrill, join, startServer, type TestClient, type TestServer } from './harness.ts';

/* A connection that keeps sending refused requests is dropped; one that behaves is not. */

const servers: TestServer[] = [];
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.close();
});

describe('STRIKES: abusive connections', () => {
  it(`NET-S1 a socket is disconnected after ${MAX_STRIKES} refused requests`, async () => {
    const s = await startServer({ rate: { burst: 1000, perSecond: 1000 } });
    servers.push(s);
    const d = await createDrill(s);
    const observer = await join(s, d.seat('observer-1'));
    clients.push(observer);
    const gone = new Promise<string>((resolve) => observer.socket.once('disconnect', (reason) => resolve(reason)));
    for (let i = 0; i < MAX_STRIKES - 1; i++) expect(await observer.send({ type: 'drill.start' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(observer.socket.connected).toBe(true);
    void observer.send({ type: 'drill.start' });
    expect(await gone).toBe('io server disconnect');
  });

  it('NET-S2 a socket whose requests are accepted is never disconnected for volume', async () => {
    const s = await startServer({ rate: { burst: 1000, perSecond: 1000 } });
    servers.push(s);
    const d = await createDrill(s);
    const fac = await join(s, d.seat('facilitator'));
    clients.push(fac);
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    for (let i = 0; i < MAX_STRIKES + 10; i++) expect(await fac.send({ type: 'facilitator.note', text: `note ${i}` })).toMatchObject({ ok: true });
    expect(fac.socket.connected).toBe(true);
  });
});
