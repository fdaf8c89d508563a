import { afterEach, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { PROTOCOL_VERSION, drillOfToken } from '../../shared/protocol/index.ts';
import type { LogEntry } from '../../shared/engine/index.ts';
import { MemoryStore } from '../../server/store/memory.ts';
import { createDrill, startServer, type TestServer } from './harness.ts';

/*
 * A drill an older engine recorded cannot be replayed under today's rules (ENG10). The server lists
 * it, refuses to open or report it with a reason a person can act on, and carries on with the rest.
 */

/** The same store, with one drill's first entry rewritten as engine version 1 wrote it. */
class AgedStore extends MemoryStore {
  aged = new Set<string>();
  override entries(drillId: string): LogEntry[] {
    const entries = super.entries(drillId);
    const first = entries[0];
    if (!this.aged.has(drillId) || first?.event.type !== 'drill.created') return entries;
    const { engine: _engine, ...older } = first.event;
    return [{ ...first, event: older as LogEntry['event'] }, ...entries.slice(1)];
  }
}

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('ENG10 drills recorded by an older engine', () => {
  it('ENG10 such drills are listed but not opened or reported, with the reason; the server goes on serving', async () => {
    const store = new AgedStore();
    const first = await startServer({ store });
    servers.push(first);
    const old = await createDrill(first);
    const current = await createDrill(first, { hostKey: old.hostKey });
    await first.close();
    servers.pop();
    store.aged.add(old.drillId);

    const second = await startServer({ store });
    servers.push(second);
    const report = await fetch(`${second.url}/drills/${old.drillId}/report.json?token=${old.facilitatorToken}`);
    expect(report.status).toBe(410);
    const body = (await report.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(body.error.code).toBe('OLD_ENGINE');
    expect(body.error.message).toMatch(/engine version 1.*version 2/);

    const socket = connect(second.url, { transports: ['websocket'], forceNew: true, reconnection: false, query: { drill: drillOfToken(old.facilitatorToken) ?? '' }, auth: { token: old.facilitatorToken, protocolVersion: PROTOCOL_VERSION } });
    const refusal = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    expect(refusal.message).toMatch(/cannot be opened: .*engine version 1/);

    const list = await fetch(`${second.url}/api/drills`, { headers: { authorization: `Bearer ${old.hostKey}` } });
    const drills = ((await list.json()) as { data: { drillId: string; lifecycle: string; score: number | null }[] }).data;
    expect(drills.find((d) => d.drillId === old.drillId)).toMatchObject({ lifecycle: 'unknown', score: null });
    expect(drills.find((d) => d.drillId === current.drillId)).toMatchObject({ lifecycle: 'briefing' });

    const fresh = await fetch(`${second.url}/drills/${current.drillId}/report.json?token=${current.facilitatorToken}`);
    expect(fresh.status).toBe(200);
  });
});
