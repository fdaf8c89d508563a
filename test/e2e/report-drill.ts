import { readFileSync } from 'node:fs';
import seedrandom from 'seedrandom';
import { POLICIES, type PolicyId } from '../../shared/bots/index.ts';
import { redactEntryFor } from '../../shared/engine/index.ts';
import type { Actor, Command } from '../../shared/engine/types.ts';
import type { Viewer } from '../../shared/engine/view-types.ts';
import { MS_PER_MINUTE } from '../../shared/engine/types.ts';
import { createDrill, join, startServer, until, type TestClient, type TestServer } from '../server/harness.ts';

/*
 * A drill played through the real server for the report's browser test: created with POST
 * /api/drills, every seat a socket client whose moves a bot policy decides from that seat's own view
 * (as solo mode's bots do), the server's clock moved by hand, and ended by the facilitator. The
 * facilitator writes a note and pushes the scenario's facilitator injects, and the IC sends text
 * that must stay text, so every part of the report has something in it.
 */

export const HOSTILE_MESSAGE = 'Status <script>window.__pwned=1</script> [x](javascript:alert(1)) <img src=x onerror="window.__pwned=1">';
export const FACILITATOR_NOTE = 'NOTE-the team looked before it touched anything';

export interface PlayedDrill {
  server: TestServer;
  drillId: string;
  tokens: Record<string, string>;
  /** The report at this path, for the seat whose token is given. */
  reportUrl(seat: string, format: 'html' | 'md' | 'json', locale?: string): string;
}

export async function playDrill(options: { policy: PolicyId; seed: string; minutes: number; stepMs?: number }): Promise<PlayedDrill> {
  const stepMs = options.stepMs ?? 60_000;
  const server = await startServer();
  // The scenario goes up as text, as a facilitator's own file would: the route is the same, and it does
  // not depend on every bundled file being in the current format.
  const drill = await createDrill(server, { scenarioText: readFileSync('scenarios/exfiltration-detected.yaml', 'utf8'), fileName: 'exfiltration-detected.yaml', seed: options.seed, speed: 1 });
  const clients = new Map<string, TestClient>();
  for (const seat of drill.seats) clients.set(seat.seat, await join(server, seat));
  const fac = clients.get('facilitator')!;
  const check = async (client: TestClient, command: Command) => {
    const ack = await client.send(command);
    if (!ack.ok) throw new Error(`${client.name} ${command.type} refused: ${JSON.stringify(ack)}`);
  };
  await check(fac, { type: 'drill.start' });
  const master = server.app.registry.peek(drill.drillId);
  if (!master) throw new Error('the drill has no live master');
  /** Wait until the server has decided everything due and every seat has received all it may see. */
  const settle = async () => {
    await master.idle();
    const log = server.store.entries(drill.drillId);
    for (const seat of drill.seats) {
      const viewer = { role: seat.role as Viewer['role'], seat: seat.seat };
      const last = log.findLast((e) => redactEntryFor(master.compiled, e, viewer) !== null)?.seq ?? -1;
      const client = clients.get(seat.seat)!;
      await until(() => client.lastSeq() >= last, `${seat.seat} has every entry up to ${last}`);
    }
  };

  const policy = POLICIES[options.policy];
  const bots = drill.seats.filter((s) => !['facilitator', 'observer'].includes(s.role)).map((s) => ({ actor: { role: s.role, seat: s.seat } as Actor, client: clients.get(s.seat)!, random: seedrandom.alea(`${options.seed}:bot:${s.seat}`), refused: new Set<string>() }));
  const manual = fac.view!.facilitator?.upcoming.filter((i) => i.dueAt === null).map((i) => i.injectId) ?? [];
  const end = options.minutes * MS_PER_MINUTE;
  for (let at = stepMs; at <= end; at += stepMs) {
    server.time.advance(stepMs);
    await settle();
    if (fac.view?.lifecycle === 'ended') break;
    // The facilitator's part: injects only it can push, evenly spread; one note on the way.
    const push = manual[Math.floor((at / end) * (manual.length + 1)) - 1];
    if (push && fac.view?.facilitator?.upcoming.some((i) => i.injectId === push)) await check(fac, { type: 'inject.push', injectId: push });
    if (at === 10 * MS_PER_MINUTE) await check(fac, { type: 'facilitator.note', text: FACILITATOR_NOTE });
    if (at === 5 * MS_PER_MINUTE) await check(clients.get('ic')!, { type: 'message.send', message: { channel: 'chat', recipients: ['incident-room'], subject: 'Attorney Work Product', body: HOSTILE_MESSAGE, encrypted: false } }).catch(() => undefined);
    for (const bot of bots) {
      const view = bot.client.view;
      if (!view || view.lifecycle !== 'running') continue;
      const command = policy.next({ view, seat: bot.actor, at: master.gameTime(), random: bot.random, refused: bot.refused });
      if (!command) continue;
      const ack = await bot.client.send(command);
      if (!ack.ok) bot.refused.add(JSON.stringify(command));
    }
    await settle();
  }
  if (fac.view?.lifecycle !== 'ended') await check(fac, { type: 'drill.end', reason: 'debrief' });
  for (const c of clients.values()) c.close();
  const tokens = Object.fromEntries(drill.seats.map((s) => [s.seat, s.token]));
  return {
    server,
    drillId: drill.drillId,
    tokens,
    reportUrl: (seat, format, locale) => `${server.url}/drills/${drill.drillId}/report.${format}?token=${encodeURIComponent(tokens[seat] ?? '')}${locale ? `&locale=${locale}` : ''}`,
  };
}
