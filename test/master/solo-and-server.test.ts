import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LocalTransport } from '../../client/src/transport/local-transport.ts';
import { ManualTime } from '../../server/clock.ts';
import { GroupCommitter } from '../../server/drills/committer.ts';
import { DrillRegistry } from '../../server/drills/registry.ts';
import { committedStorage } from '../../server/drills/storage.ts';
import { Hub } from '../../server/socket/hub.ts';
import { MemoryStore } from '../../server/store/memory.ts';
import { viewFor, type Command, type DrillView, type Viewer } from '../../shared/engine/index.ts';
import { DrillMaster, type Dispatch } from '../../shared/master/index.ts';
import { loadScenario } from '../../shared/scenario/index.ts';
import { parsePlayScript, runScript } from '../../shared/script/index.ts';

/*
 * Solo mode and the server run one drill master class (MASTER1): a solo run, bots and all, and a
 * server drill sent the same commands at the same wall times keep the same log, byte for byte.
 */

const FILE = 'exfiltration-detected.yaml';
const TEXT = readFileSync(`scenarios/${FILE}`, 'utf8');
const loaded = loadScenario(TEXT, FILE);
if (!loaded.ok) throw new Error('the bundled scenario does not load');
const compiled = loaded.compiled;
const SEED = '5';
const STEP = 1_000;
const IC: Viewer = { role: 'ic', seat: 'ic' };

/** Let the master's promises run, and the server's group commit (it waits for the end of an event-loop turn). */
async function settle(master: DrillMaster): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await master.idle();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The trainee's own moves, by the wall second they are made at. */
const TRAINEE: Record<number, Command> = {
  2: { type: 'drill.start' },
  5: { type: 'action.take', action: 'page-ic' },
  9: { type: 'action.take', action: 'set-codename', detail: 'granite-heron' },
  40: { type: 'drill.setSpeed', speed: 4 },
  47: { type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: 'Attorney Work Product', body: 'granite-heron: image app-1 first.', encrypted: false } },
  70: { type: 'drill.pause' },
  80: { type: 'drill.resume' },
  150: { type: 'drill.end', reason: 'trainee finished' },
};

describe('MASTER1: one master, two edges', () => {
  it('MASTER1 a solo run and a server drill sent the same commands at the same times keep byte-identical logs', async () => {
    // Solo: the trainee plays the IC; by-the-book bots play the other seats through the same master.
    const soloTime = new ManualTime();
    const solo = new LocalTransport(compiled, SEED, IC, { clock: soloTime, scheduler: soloTime });
    let view: DrillView | null = null;
    solo.start({ view: (v) => (view = v), clock: () => undefined, entries: () => undefined, history: () => undefined, presence: () => undefined, score: () => undefined, status: () => undefined });
    const acks: { ok: boolean }[] = [];
    const decided: { wall: number; seat: Viewer; command: Command }[] = [];
    const dispatch = solo.dispatch.bind(solo);
    solo.dispatch = (d: Dispatch) => {
      if (d.envelope.command.type !== 'clock.tick') decided.push({ wall: soloTime.now(), seat: d.envelope.actor as Viewer, command: d.envelope.command });
      dispatch(d);
    };
    for (let second = 1; second <= 160; second++) {
      soloTime.advance(STEP);
      const move = TRAINEE[second];
      // A move a bot made first is refused (ALREADY_DONE), as it would be for a real trainee.
      if (move) acks.push(await solo.send(move));
      await settle(solo.master);
    }
    expect(solo.master.state.lifecycle).toBe('ended');
    expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(6);
    expect(decided.some((d) => d.seat.role !== 'ic' && d.seat.role !== 'facilitator')).toBe(true);

    // The server: a drill created at the same wall time, sent each command when solo decided it.
    const serverTime = new ManualTime();
    const store = new MemoryStore();
    const errors: string[] = [];
    const hub = new Hub(store, serverTime, serverTime, { error: (m) => errors.push(m) });
    const registry = new DrillRegistry({ store, storage: committedStorage(store, new GroupCommitter(store)), outbox: hub, clock: serverTime, scheduler: serverTime, logger: { error: (m) => errors.push(m) } });
    hub.registry = registry;
    const { drillId } = await registry.create({ scenarioText: TEXT, scenarioFile: FILE, seed: SEED, speed: 1, observerCount: 1, hostKey: 'solo-and-server-host' }, compiled);
    const master = registry.peek(drillId)!;
    let key = 0;
    for (let second = 1; second <= 160; second++) {
      serverTime.advance(STEP);
      await settle(master);
      for (const d of decided.filter((x) => x.wall === serverTime.now())) {
        expect(await master.submit(d.seat, { command: d.command, idempotencyKey: `mirror-${++key}` }), `${second}: ${d.seat.seat} ${d.command.type}`).toMatchObject({ ok: true });
      }
      await settle(master);
    }

    expect(master).toBeInstanceOf(DrillMaster);
    expect(solo.master).toBeInstanceOf(DrillMaster);
    const soloLog = JSON.stringify(solo.log());
    expect(soloLog.length).toBeGreaterThan(2_000);
    expect(JSON.stringify(store.entries(drillId))).toBe(soloLog);
    expect(errors).toEqual([]);

    // The trainee's view, kept from the welcome and the patches delivered, is the engine's view.
    expect({ ...view!, seq: 0, clock: 0 }).toEqual({ ...viewFor(compiled, solo.master.state, IC), seq: 0, clock: 0 });
    // And the run's play script replays to the same log (SCRIPT1).
    const script = parsePlayScript(solo.script());
    if (!script.ok) throw new Error(script.problems.join('\n'));
    expect(JSON.stringify(runScript(compiled, SEED, script.envelopes).entries)).toBe(soloLog);
    registry.close();
    hub.scores.close();
  });
});
