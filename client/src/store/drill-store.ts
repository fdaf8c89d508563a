import type { Command, LogEntry } from '../../../shared/engine/types.ts';
import type { DrillView } from '../../../shared/engine/view-types.ts';
import type { AckResult, CommandResult, SeatPresence } from '../../../shared/protocol/index.ts';
import type { LiveScore } from '../../../shared/scoring/live.ts';
import type { Locale } from '../../../shared/i18n/locales.ts';
import type { HistoryState, Transport } from '../transport/types.ts';
import { LiveClock } from './live-clock.ts';

export interface StoreState {
  view: DrillView | null;
  /** The seat's entries in seq order, without duplicates (reconnects and history pages overlap). */
  feed: readonly LogEntry[];
  history: HistoryState;
  presence: SeatPresence[];
  score: LiveScore | null;
  status: 'connecting' | 'online' | 'offline';
  statusMessage: string;
}

/** What changed with an update: the entries added to the feed, and whether they came from history. */
export interface StoreChange {
  added: readonly LogEntry[];
  fromHistory: boolean;
}

const NOTHING: StoreChange = { added: [], fromHistory: false };

/**
 * The client's single source of what to draw. Scenes and panels subscribe; only the transport feeds
 * it. The game clock shown between entries lives here too (LiveClock).
 */
export class DrillStore {
  state: StoreState = { view: null, feed: [], history: 'loading', presence: [], score: null, status: 'connecting', statusMessage: '' };
  readonly clock = new LiveClock();
  private readonly listeners = new Set<(s: StoreState, change: StoreChange) => void>();
  private readonly seqs = new Set<number>();

  constructor(private readonly transport: Transport) {
    transport.start({
      view: (view) => {
        this.clock.observe(view);
        this.set({ view });
      },
      clock: (reading) => this.clock.read(reading),
      entries: (entries, source) => this.addEntries(entries, source === 'history'),
      history: (history) => this.set({ history }),
      presence: (presence) => this.set({ presence }),
      score: (score) => this.set({ score }),
      status: (status, message = '') => this.set({ status, statusMessage: message }),
    });
  }

  /** Game time now (ms), counted on between entries. */
  gameTime(): number {
    return this.clock.now();
  }

  subscribe(fn: (s: StoreState, change: StoreChange) => void): () => void {
    this.listeners.add(fn);
    fn(this.state, NOTHING);
    return () => this.listeners.delete(fn);
  }

  send(command: Command): Promise<AckResult<CommandResult>> {
    return this.transport.send(command);
  }

  report(locale: Locale): Promise<string> {
    return this.transport.reportHtml(locale);
  }
  reportText(format: 'md' | 'json' | 'html', locale: Locale): Promise<string> {
    return this.transport.reportText(format, locale);
  }

  close(): void {
    this.transport.close();
  }

  private addEntries(entries: readonly LogEntry[], fromHistory: boolean): void {
    const fresh = entries.filter((e) => !this.seqs.has(e.seq));
    if (fresh.length === 0) return;
    for (const e of fresh) this.seqs.add(e.seq);
    const last = this.state.feed.at(-1);
    const inOrder = !last || fresh.every((e, i) => e.seq > (i === 0 ? last.seq : fresh[i - 1]!.seq));
    const feed = inOrder ? [...this.state.feed, ...fresh] : [...this.state.feed, ...fresh].sort((a, b) => a.seq - b.seq);
    this.set({ feed }, { added: fresh, fromHistory: fromHistory || !inOrder });
  }

  private set(patch: Partial<StoreState>, change: StoreChange = NOTHING): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn(this.state, change);
  }
}
