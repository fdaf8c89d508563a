import { describe, expect, it } from 'vitest';
import { MAX_STRIKES } from '../../server/socket/handlers.ts';
import { createDrill, tracked } from './harness.ts';

/* A connection that keeps sending refused requests is dropped; one that behaves is not. */

const { server, client } = tracked();

describe('NET-S: abusive connections', () => {
  it(`NET-S1 a socket is disconnected after ${MAX_STRIKES} refused requests`, async () => {
    const s = await server({ rate: { burst: 1000, perSecond: 1000 } });
    const d = await createDrill(s);
    const observer = await client(s, d.seat('observer-1'));
    const gone = new Promise<string>((resolve) => observer.socket.once('disconnect', (reason) => resolve(reason)));
    for (let i = 0; i < MAX_STRIKES - 1; i++) expect(await observer.send({ type: 'drill.start' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(observer.socket.connected).toBe(true);
    void observer.send({ type: 'drill.start' });
    expect(await gone).toBe('io server disconnect');
  });

  it('NET-S2 a socket whose requests are accepted is never disconnected for volume', async () => {
    const s = await server({ rate: { burst: 1000, perSecond: 1000 } });
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    expect(await fac.send({ type: 'drill.start' })).toMatchObject({ ok: true });
    for (let i = 0; i < MAX_STRIKES + 10; i++) expect(await fac.send({ type: 'facilitator.note', text: `note ${i}` })).toMatchObject({ ok: true });
    expect(fac.socket.connected).toBe(true);
  });
});
