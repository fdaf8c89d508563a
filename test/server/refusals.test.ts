import { describe, expect, it } from 'vitest';
import { LOG_LINE_INTERVAL_MS, LOG_LINES_BURST, MAX_STRIKES } from '../../server/socket/handlers.ts';
import { recordingLogger } from '../../server/log.ts';
import { findBadText } from '../../shared/protocol/index.ts';
import { createDrill, metricValue, tracked, until, type TestClient } from './harness.ts';

/* Requests the server refuses: without an ack, with text no one could type, and the last one allowed. */

const { server, client } = tracked();

/** Emit without an ack callback, as a careless or hostile client can. */
const fireAndForget = (c: TestClient, event: string, payload: unknown) => (c.socket as unknown as { emit(e: string, p: unknown): void }).emit(event, payload);
const note = (text: string, key: string) => ({ command: { type: 'timeline.add', text }, idempotencyKey: key });

describe('SEC8: requests without an ack', () => {
  it('SEC8 a request without an ack is not carried out and counts toward the rate limit', async () => {
    const s = await server({ rate: { burst: 5, perSecond: 0.001 } });
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    for (let i = 0; i < 5; i++) fireAndForget(fac, 'drill:command', { command: { type: 'drill.start' }, idempotencyKey: `no-ack-start-${i}` });
    const answer = await fac.socket.emitWithAck('drill:command', { command: { type: 'drill.start' }, idempotencyKey: 'with-ack-start' } as never);
    expect(answer).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(s.store.entries(d.drillId).map((e) => e.event.type)).not.toContain('drill.started');
  });

  it(`SEC8 requests without an ack count as refusals: the ${MAX_STRIKES}th drops the connection`, async () => {
    const s = await server();
    const d = await createDrill(s);
    const ic = await client(s, d.seat('ic'));
    const gone = new Promise<string>((resolve) => ic.socket.once('disconnect', (reason) => resolve(reason)));
    for (let i = 0; i < MAX_STRIKES; i++) fireAndForget(ic, 'drill:sync', { lastSeq: 0 });
    expect(await gone).toBe('io server disconnect');
  });

  it('SEC8 one connection\'s security log lines are limited; the ones not written are counted in the next line and in /metrics', async () => {
    const log = recordingLogger();
    const s = await server({ log });
    const d = await createDrill(s);
    const ic = await client(s, d.seat('ic'));
    for (let i = 0; i < 30; i++) fireAndForget(ic, 'drill:sync', { lastSeq: 0 });
    await until(async () => (await metricValue(s.app, 'ttx_security_events_total', { kind: 'no-ack' })) === 30, 'thirty no-ack events counted');
    const lines = log.events.filter((e) => e.kind === 'no-ack');
    expect(lines).toHaveLength(LOG_LINES_BURST);
    expect(lines[0]?.details).toMatchObject({ drill: d.drillId, seat: 'ic', event: 'drill:sync' });
    s.time.advance(LOG_LINE_INTERVAL_MS);
    fireAndForget(ic, 'drill:sync', { lastSeq: 0 });
    await until(() => log.events.filter((e) => e.kind === 'no-ack').length === LOG_LINES_BURST + 1, 'one more line once the interval has passed');
    expect(log.events.filter((e) => e.kind === 'no-ack').at(-1)?.details).toMatchObject({ unlogged: 30 - LOG_LINES_BURST });
    expect(ic.socket.connected).toBe(true);
  });
});

describe('SEC9: text no one could type', () => {
  it('SEC9 control characters and lone surrogates are found in any string of a payload, keys included, with its path', () => {
    expect(findBadText({ command: { type: 'timeline.add', text: 'line\nnext\tcol' } })).toBeNull();
    expect(findBadText({ command: { text: 'emoji 🛡 ok' } })).toBeNull();
    expect(findBadText({ command: { text: 'bell\u0007' } })).toMatchObject({ path: 'command.text', message: expect.stringContaining('U+0007') });
    expect(findBadText({ command: { text: 'cr\r' } })).toMatchObject({ path: 'command.text', message: expect.stringContaining('U+000D') });
    expect(findBadText({ command: { recipients: ['a', 'half \uD83D'] } })).toMatchObject({ path: 'command.recipients.1', message: expect.stringContaining('U+D83D') });
    expect(findBadText({ command: { body: '\uDC00 trailing half' } })).toMatchObject({ path: 'command.body', message: expect.stringContaining('surrogate') });
    expect(findBadText({ command: { ['bad\u0000key']: 1 } })).toMatchObject({ path: 'command', message: expect.stringContaining('field name') });
    expect(findBadText('\u009B')).toMatchObject({ path: 'payload' });
  });

  it('SEC9 such text is refused with BAD_REQUEST naming the field, and nothing is stored', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    const scribe = await client(s, d.seat('scribe'));
    await fac.send({ type: 'drill.start' });
    const before = s.store.entries(d.drillId).length;
    const bell = await scribe.socket.emitWithAck('drill:command', note('ring\u0007', 'scribe-bell-1') as never);
    expect(bell).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/^invalid text at command\.text: control character U\+0007/) } });
    const half = await scribe.socket.emitWithAck('drill:command', note('half \uD800 a pair', 'scribe-half-1') as never);
    expect(half).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringContaining('command.text') } });
    expect(s.store.entries(d.drillId)).toHaveLength(before);
    expect(await scribe.send({ type: 'timeline.add', text: 'two lines\nand a\ttab' })).toMatchObject({ ok: true });
  });
});

describe('SEC10: the last refusal', () => {
  it(`SEC10 the ${MAX_STRIKES}th refused request is answered, then the connection drops`, async () => {
    const s = await server();
    const d = await createDrill(s);
    const observer = await client(s, d.seat('observer-1'));
    const gone = new Promise<string>((resolve) => observer.socket.once('disconnect', (reason) => resolve(reason)));
    for (let i = 0; i < MAX_STRIKES - 1; i++) expect(await observer.socket.emitWithAck('drill:command', { command: { type: 'drill.start' }, idempotencyKey: `observer-start-${i}` } as never)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(observer.socket.connected).toBe(true);
    const last = await observer.socket.emitWithAck('drill:command', { command: { type: 'drill.start' }, idempotencyKey: 'observer-start-last' } as never);
    expect(last).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await gone).toBe('io server disconnect');
  });
});
