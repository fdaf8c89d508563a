import { describe, expect, it } from 'vitest';
import { createDrill, tracked } from './harness.ts';

/* What PROTOCOL.md §3 promises about acks and idempotency keys, held to the server. */

const { server, client } = tracked();

describe('PROTO: acks and keys', () => {
  it('PROTO1 a key reused with a different command gets the first command\'s answer, and the new command is not applied', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const scribe = await client(s, d.seat('scribe'));
    await fac.send({ type: 'drill.start' });
    const first = await scribe.send({ type: 'timeline.add', text: 'first' }, { idempotencyKey: 'scribe-key-0001' });
    expect(first.ok).toBe(true);
    const before = s.store.lastSeq(d.drillId);
    const reused = await scribe.send({ type: 'timeline.add', text: 'second' }, { idempotencyKey: 'scribe-key-0001' });
    expect(reused).toEqual(first);
    expect(s.store.lastSeq(d.drillId)).toBe(before);
    expect(s.store.entries(d.drillId).filter((e) => e.event.type === 'timeline.added').map((e) => (e.event as { text: string }).text)).toEqual(['first']);
    // Keys are the seat's own: another seat may use the same one.
    const ic = await client(s, d.seat('ic'));
    expect(await ic.send({ type: 'timeline.add', text: 'ic' }, { idempotencyKey: 'scribe-key-0001' })).toMatchObject({ ok: true });
  });

  it('PROTO1 after a refusal the same key may carry another command', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    expect(await fac.send({ type: 'drill.setSpeed', speed: 11 }, { idempotencyKey: 'fac-key-0001' })).toMatchObject({ ok: false, error: { code: 'BAD_SPEED' } });
    expect(await fac.send({ type: 'drill.start' }, { idempotencyKey: 'fac-key-0001' })).toMatchObject({ ok: true });
  });

  it('PROTO2 an ack\'s seqs include the entries that fell due as the command was applied, not only the command\'s own', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const started = await fac.send({ type: 'drill.start' });
    if (!started.ok) throw new Error(started.error.message);
    const entries = s.store.entries(d.drillId).filter((e) => started.data.seqs.includes(e.seq));
    expect(entries.map((e) => e.event.type)).toEqual(expect.arrayContaining(['drill.started', 'inject.delivered']));
    expect(entries.find((e) => e.event.type === 'inject.delivered')?.actor.role).toBe('system');
    expect(started.data.seq).toBe(Math.max(...started.data.seqs));
  });
});
