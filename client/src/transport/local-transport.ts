import { BotTeam, BOT_SEATS, byTheBook } from '../../../shared/bots/index.ts';
import { createDrill, execute } from '../../../shared/engine/execute.ts';
import type { Actor, Command, CommandEnvelope, DrillState, LogEntry } from '../../../shared/engine/types.ts';
import { redactEntryFor, viewFor } from '../../../shared/engine/view.ts';
import type { Viewer } from '../../../shared/engine/view-types.ts';
import type { AckResult, CommandResult } from '../../../shared/protocol/index.ts';
import { buildReport, renderHtml, renderJson, renderMarkdown } from '../../../shared/report/index.ts';
import type { CompiledScenario } from '../../../shared/scenario/compiled.ts';
import type { Locale } from '../../../shared/i18n/locales.ts';
import { liveScore } from '../../../shared/scoring/live.ts';
import { scoreDrill } from '../../../shared/scoring/score.ts';
import { locale, t } from '../i18n/index.ts';
import type { Transport, TransportEvents } from './types.ts';

const FACILITATOR_COMMANDS = new Set<Command['type']>(['drill.start', 'drill.pause', 'drill.resume', 'drill.setSpeed', 'drill.end']);
const BOT_TURN_MS = 30_000;

/**
 * Solo training: the same engine as the server, running in the page, with by-the-book bots in
 * every seat the trainee does not hold and a local game clock with the facilitator's pace controls.
 * Every accepted command is kept, so the run can be exported as a `ttx play` script.
 */
export class LocalTransport implements Transport {
  private state!: DrillState;
  private readonly entries: LogEntry[] = [];
  readonly envelopes: CommandEnvelope[] = [];
  private readonly team: BotTeam;
  private events!: TransportEvents;
  private timer: ReturnType<typeof setInterval> | null = null;
  private anchor = { wall: 0, game: 0 };
  private nextBotTurn = 0;

  constructor(
    readonly compiled: CompiledScenario,
    readonly seed: string,
    readonly trainee: Viewer,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.team = new BotTeam(byTheBook, BOT_SEATS.filter((s) => s.role !== trainee.role), seed);
  }

  start(events: TransportEvents): void {
    this.events = events;
    const created = createDrill(this.compiled, this.seed);
    this.state = created.state;
    this.publish(created.entries);
    events.status('online', t('solo.status'));
    this.timer = setInterval(() => this.tick(), 200);
  }

  private gameNow(): number {
    if (this.state.lifecycle !== 'running') return this.state.clock;
    return Math.max(this.state.clock, this.anchor.game + Math.floor((this.now() - this.anchor.wall) * this.state.speed));
  }

  private run(actor: Actor, command: Command): AckResult<CommandResult> {
    const at = this.gameNow();
    const before = { running: this.state.lifecycle === 'running', speed: this.state.speed };
    const result = execute(this.compiled, this.state, { at, actor, command });
    if (!result.ok) return { ok: false, error: result.error };
    if (command.type !== 'clock.tick') this.envelopes.push({ at, actor, command });
    this.state = result.state;
    if (before.running !== (this.state.lifecycle === 'running') || before.speed !== this.state.speed) this.anchor = { wall: this.now(), game: at };
    this.publish(result.entries);
    return { ok: true, data: { seqs: result.entries.map((e) => e.seq), seq: this.state.seq } };
  }

  private tick(): void {
    if (this.state.lifecycle !== 'running') return;
    this.run({ role: 'system', seat: 'engine' }, { type: 'clock.tick' });
    const at = this.gameNow();
    if (at >= this.nextBotTurn && this.state.lifecycle === 'running') {
      this.nextBotTurn = (Math.floor(at / BOT_TURN_MS) + 1) * BOT_TURN_MS;
      const before = this.state.seq;
      const turn = this.team.play(this.compiled, this.state, at);
      for (const e of turn.entries) if (e.actor.role !== 'system' && e.actor.seat !== 'engine') this.envelopesFromBot(e);
      this.state = turn.state;
      if (turn.state.seq !== before) this.publish(turn.entries);
    }
  }

  /** Bots' moves are kept as commands too, so the exported script replays the whole team. */
  private envelopesFromBot(entry: LogEntry): void {
    const ev = entry.event;
    const command: Command | null =
      ev.type === 'action.taken' ? { type: 'action.take', action: ev.action, ...(ev.target ? { target: ev.target } : {}), ...(ev.detail ? { detail: ev.detail } : {}) }
      : ev.type === 'message.sent' ? { type: 'message.send', message: ev.message }
      : ev.type === 'timeline.added' ? { type: 'timeline.add', text: ev.text, ...(ev.claimedAt !== undefined ? { claimedAt: ev.claimedAt } : {}) }
      : ev.type === 'task.assigned' ? { type: 'task.assign', toRole: ev.toRole, action: ev.action, ...(ev.target ? { target: ev.target } : {}) }
      : null;
    if (command) this.envelopes.push({ at: entry.at, actor: entry.actor, command });
  }

  private publish(entries: LogEntry[]): void {
    this.entries.push(...entries);
    for (const e of entries) {
      const visible = redactEntryFor(this.compiled, e, this.trainee);
      if (visible) this.events.entry(visible);
    }
    this.events.view(viewFor(this.compiled, this.state, this.trainee));
    this.events.score(liveScore(scoreDrill(this.compiled, this.entries), locale(), this.entries.at(-1)?.seq ?? -1));
  }

  async send(command: Command): Promise<AckResult<CommandResult>> {
    const actor: Actor = FACILITATOR_COMMANDS.has(command.type) ? { role: 'facilitator', seat: 'facilitator' } : this.trainee;
    return this.run(actor, command);
  }

  async reportHtml(reportLocale: Locale = locale()): Promise<string> {
    return renderHtml(buildReport(this.compiled, this.entries, { locale: reportLocale }));
  }
  async reportText(format: 'md' | 'json' | 'html', reportLocale: Locale = locale()): Promise<string> {
    const report = buildReport(this.compiled, this.entries, { locale: reportLocale });
    return format === 'md' ? renderMarkdown(report) : format === 'html' ? renderHtml(report) : renderJson(report);
  }

  /** The whole run as a play script: `ttx play <scenario> --script` reproduces the same report. */
  script(): string {
    const steps = this.envelopes.map((e) => ({ at: e.at / 60_000, as: e.actor.role === 'sme' ? `sme/${e.actor.seat}` : e.actor.role, ...stepBody(e.command) }));
    return JSON.stringify({ seed: this.seed, steps }, null, 1);
  }

  log(): LogEntry[] {
    return this.entries.slice();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

function stepBody(c: Command): Record<string, unknown> {
  switch (c.type) {
    case 'action.take': return { do: c.action, ...(c.target ? { target: c.target } : {}), ...(c.detail ? { detail: c.detail } : {}) };
    case 'message.send': return { say: c.message };
    case 'timeline.add': return { log: c.text, ...(c.claimedAt !== undefined ? { claimedAt: c.claimedAt / 60_000 } : {}) };
    case 'task.assign': return { assign: { toRole: c.toRole, action: c.action, ...(c.target ? { target: c.target } : {}) } };
    case 'inject.push': return { push: c.injectId };
    case 'inject.adhoc': return { adhoc: { title: c.title, body: c.body, audience: c.audience } };
    case 'facilitator.note': return { note: c.text };
    case 'drill.start': return { start: true };
    case 'drill.pause': return { pause: true };
    case 'drill.resume': return { resume: true };
    case 'drill.setSpeed': return { speed: c.speed };
    case 'drill.end': return { end: c.reason };
    case 'hint.request': return { hint: true };
    default: return {};
  }
}
