import { BotTeam, botSeats, byTheBook } from '../../../shared/bots/index.ts';
import { commandSchema } from '../../../shared/engine/command-schema.ts';
import { FACILITATOR_COMMANDS } from '../../../shared/engine/commands.ts';
import { createDrill } from '../../../shared/engine/execute.ts';
import type { Command, CommandEnvelope, LogEntry } from '../../../shared/engine/types.ts';
import { applyViewPatch } from '../../../shared/engine/view-patch.ts';
import { redactEntryFor, viewFor } from '../../../shared/engine/view.ts';
import type { DrillView, Viewer } from '../../../shared/engine/view-types.ts';
import { DrillMaster } from '../../../shared/master/drill-master.ts';
import { wallDelayUntil } from '../../../shared/master/game-clock.ts';
import { MemoryStorage } from '../../../shared/master/memory-storage.ts';
import type { Clock, Dispatch, Outbox, Scheduler } from '../../../shared/master/ports.ts';
import type { AckResult, ClockReading, CommandResult } from '../../../shared/protocol/index.ts';
import { buildReport, renderHtml, renderJson, renderMarkdown, type ReportOptions } from '../../../shared/report/index.ts';
import type { CompiledScenario } from '../../../shared/scenario/compiled.ts';
import type { Locale } from '../../../shared/i18n/locales.ts';
import { emptyContext, foldEntry, scoreContext, type ScoringContext } from '../../../shared/scoring/index.ts';
import { liveScore } from '../../../shared/scoring/live.ts';
import { toPlayScript } from '../../../shared/script/to-play-script.ts';
import { locale, t } from '../i18n/index.ts';
import type { Transport, TransportEvents } from './types.ts';

/** Game time between the bots' turns. */
const BOT_TURN_MS = 30_000;
/** Solo mode's one drill, in its own storage. */
const SOLO_DRILL = 'solo';
const FACILITATOR: Viewer = { role: 'facilitator', seat: 'facilitator' };

const pageClock: Clock = { now: () => performance.now() };
const pageScheduler: Scheduler = { set: (fn, ms) => setTimeout(fn, ms), clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) };

export interface LocalOptions {
  /** Wall time and timers; the page's by default (tests pass manual ones). */
  clock?: Clock;
  scheduler?: Scheduler;
}

/**
 * Solo training: the drill master the server runs (shared/master/), running in the page over an
 * in-memory log, with by-the-book bots in every seat the trainee does not hold and the
 * facilitator's pace controls in the trainee's hands. Bots send their moves through the master as
 * their seats, like any seat. The trainee's view is kept as a socket client keeps it: the welcome
 * view, then each delivery's patch. Every accepted command is kept, so the run can be exported as
 * a `ttx play` script.
 */
export class LocalTransport implements Transport, Outbox {
  readonly master: DrillMaster;
  private readonly storage = new MemoryStorage();
  /** The accepted commands, in the order decided (clock ticks included; the script leaves them out). */
  readonly envelopes: CommandEnvelope[] = [];
  private readonly team: BotTeam;
  private readonly botSeats: Viewer[];
  private readonly clock: Clock;
  private readonly scheduler: Scheduler;
  private readonly audienceOf: readonly Viewer[];
  /** The drill's scoring context, folded entry by entry (the score is a fold, SCO-INC1). */
  private readonly score: ScoringContext;
  private events: TransportEvents | null = null;
  private view: DrillView | null = null;
  private botTimer: unknown = null;
  private nextBotTurn = 0;
  private keys = 0;

  constructor(
    readonly compiled: CompiledScenario,
    readonly seed: string,
    readonly trainee: Viewer,
    options: LocalOptions = {},
  ) {
    this.clock = options.clock ?? pageClock;
    this.scheduler = options.scheduler ?? pageScheduler;
    this.audienceOf = [trainee];
    // Bots fill every seat but the trainee's own (with several SMEs, the one the trainee chose).
    this.botSeats = botSeats(compiled).filter((s): s is Viewer => s.role !== 'system' && s.seat !== trainee.seat);
    this.team = new BotTeam(byTheBook, this.botSeats, seed);
    this.score = emptyContext(compiled);
    const created = createDrill(compiled, seed);
    const anchor = { wallMs: this.clock.now(), gameMs: 0, speed: created.state.speed, running: false };
    // Memory storage writes at once; the promise only says so.
    void this.storage.commit({ drillId: SOLO_DRILL, entries: created.entries, anchor });
    for (const e of created.entries) foldEntry(this.score, e);
    this.master = new DrillMaster(SOLO_DRILL, compiled, created.state, anchor, {
      storage: this.storage,
      outbox: this,
      clock: this.clock,
      scheduler: this.scheduler,
      logger: { error: (message) => console.error(message) },
    });
  }

  start(events: TransportEvents): void {
    this.events = events;
    // The welcome: the whole view, the clock and the entries so far; from here on, deliveries and their patches.
    this.view = viewFor(this.compiled, this.master.state, this.trainee);
    events.view(this.view);
    events.clock(this.clockReading());
    events.entries(this.storage.entries(SOLO_DRILL).flatMap((e) => redactEntryFor(this.compiled, e, this.trainee) ?? []), 'history');
    events.history('complete');
    events.status('online', t('solo.status'));
  }

  /** The drill's game clock now, as a server's welcome would read it. */
  private clockReading(): ClockReading {
    const anchor = this.master.clockAnchor();
    return { gameMs: this.master.gameTime(), speed: anchor.speed, running: anchor.running };
  }

  /** The outbox's audience: the trainee alone (the bots read the drill's state). */
  audience(): readonly Viewer[] {
    return this.audienceOf;
  }

  dispatch(d: Dispatch): void {
    this.envelopes.push(d.envelope);
    for (const e of d.entries) foldEntry(this.score, e);
    const events = this.events;
    if (events) {
      for (const delivery of d.deliveries) {
        if (delivery.entries.length > 0) events.entries(delivery.entries, 'live');
        if (delivery.patch && this.view) {
          this.view = applyViewPatch(this.view, delivery.patch);
          events.view(this.view);
        }
      }
      if (PACE.has(d.envelope.command.type)) events.clock(this.clockReading());
      events.score(liveScore(scoreContext(this.score), locale(), d.entries.at(-1)?.seq ?? -1));
    }
    // The pace changed (start, pause, resume, speed, end): the bots' next turn moves with it.
    if (PACE.has(d.envelope.command.type)) this.scheduleBots();
  }

  /** Keep one timer for the bots' next turn, every BOT_TURN_MS of game time while the drill runs. */
  private scheduleBots(): void {
    if (this.botTimer !== null) this.scheduler.clear(this.botTimer);
    this.botTimer = null;
    if (this.master.state.lifecycle !== 'running') return;
    const delay = wallDelayUntil(this.master.clockAnchor(), this.clock.now(), this.nextBotTurn);
    if (delay === null) return;
    this.botTimer = this.scheduler.set(() => void this.botTurn(), delay);
  }

  /** Each bot seat makes at most one move, through the master as itself, one after another. */
  private async botTurn(): Promise<void> {
    this.botTimer = null;
    const at = this.master.gameTime();
    this.nextBotTurn = (Math.floor(at / BOT_TURN_MS) + 1) * BOT_TURN_MS;
    for (const seat of this.botSeats) {
      if (this.master.state.lifecycle !== 'running') break;
      const command = this.team.next(this.compiled, this.master.state, seat, at);
      if (!command) continue;
      const ack = await this.submit(seat, command);
      if (!ack.ok) this.team.refuse(seat, command);
    }
    if (this.botTimer === null) this.scheduleBots();
  }

  /** Parsed as the server's socket edge parses it (the same schema, so a message's fields come in the same order), then sent through the master. */
  private async submit(seat: Viewer, command: Command): Promise<AckResult<CommandResult>> {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) return { ok: false, error: { code: 'INVALID_COMMAND', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'command'}: ${i.message}`).join('; ') } };
    return this.master.submit(seat, { command: parsed.data, idempotencyKey: `solo-${++this.keys}` }).catch((error: Error) => ({ ok: false as const, error: { code: 'INTERNAL' as const, message: error.message } }));
  }

  /** The trainee's command, from the facilitator's seat for the pace controls (FACILITATOR_COMMANDS). */
  send(command: Command): Promise<AckResult<CommandResult>> {
    return this.submit(FACILITATOR_COMMANDS.has(command.type) ? FACILITATOR : this.trainee, command);
  }

  async reportHtml(reportLocale: Locale = locale()): Promise<string> {
    return renderHtml(buildReport(this.compiled, this.log(), this.reportOptions(reportLocale)));
  }
  async reportText(format: 'md' | 'json' | 'html', reportLocale: Locale = locale()): Promise<string> {
    const report = buildReport(this.compiled, this.log(), this.reportOptions(reportLocale));
    return format === 'md' ? renderMarkdown(report) : format === 'html' ? renderHtml(report) : renderJson(report);
  }

  /**
   * The trainee's report: their own seat's score heads it, the team's beside it. It is the whole
   * report, hidden world included: with no facilitator, the debrief is the trainee's to read.
   */
  private reportOptions(reportLocale: Locale): ReportOptions {
    return { locale: reportLocale, headlineSeat: this.trainee.seat };
  }

  /** The whole run as a play script: `ttx play <scenario> --script` reproduces the same report. */
  script(): string {
    return toPlayScript(this.seed, this.envelopes);
  }

  log(): LogEntry[] {
    return this.storage.entries(SOLO_DRILL);
  }

  close(): void {
    this.master.close();
    if (this.botTimer !== null) this.scheduler.clear(this.botTimer);
    this.botTimer = null;
  }
}

/** Commands that change the game clock's pace. */
const PACE: ReadonlySet<Command['type']> = new Set(['drill.start', 'drill.pause', 'drill.resume', 'drill.setSpeed', 'drill.end']);
