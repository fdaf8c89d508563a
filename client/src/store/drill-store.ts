import type { Command, LogEntry } from '../../../shared/engine/types.ts';
import type { DrillView } from '../../../shared/engine/view-types.ts';
import type { AckResult, CommandResult, SeatPresence } from '../../../shared/protocol/index.ts';
import type { LiveScore } from '../../../shared/scoring/live.ts';
import type { Locale } from '../../../shared/i18n/locales.ts';
import type { Transport } from '../transport/types.ts';
import { errorText, locale as uiLocale } from '../i18n/index.ts';

export interface StoreState {
  view: DrillView | null;
  feed: LogEntry[];
  presence: SeatPresence[];
  score: LiveScore | null;
  status: 'connecting' | 'online' | 'offline';
  statusMessage: string;
  lastError: string;
}

/**
 * The client's single source of what to draw. Scenes and panels subscribe; only the transport feeds
 * it. Entries are kept in seq order without duplicates (reconnects may resend some).
 */
export class DrillStore {
  state: StoreState = { view: null, feed: [], presence: [], score: null, status: 'connecting', statusMessage: '', lastError: '' };
  private readonly listeners = new Set<(s: StoreState, entry?: LogEntry) => void>();

  constructor(private readonly transport: Transport) {
    transport.start({
      view: (view) => this.set({ view }),
      entry: (entry) => {
        if (this.state.feed.some((e) => e.seq === entry.seq)) return;
        const feed = [...this.state.feed, entry].sort((a, b) => a.seq - b.seq);
        this.set({ feed }, entry);
      },
      presence: (presence) => this.set({ presence }),
      score: (score) => this.set({ score }),
      status: (status, message = '') => this.set({ status, statusMessage: message }),
    });
  }

  /** Game time now when the transport keeps the drill's clock (solo), else null: the view's clock is all there is. */
  gameTime(): number | null {
    return this.transport.gameTime?.() ?? null;
  }

  lastSeq(): number {
    return Math.max(this.state.view?.seq ?? -1, this.state.feed.at(-1)?.seq ?? -1);
  }

  subscribe(fn: (s: StoreState, entry?: LogEntry) => void): () => void {
    this.listeners.add(fn);
    fn(this.state);
    return () => this.listeners.delete(fn);
  }

  async send(command: Command): Promise<AckResult<CommandResult>> {
    const result = await this.transport.send(command);
    // English keeps the engine's code and specific message; other languages get the code's sentence.
    this.set({ lastError: result.ok ? '' : uiLocale() === 'en' ? `${result.error.code}: ${result.error.message}` : errorText(result.error) });
    return result;
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

  private set(patch: Partial<StoreState>, entry?: LogEntry): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn(this.state, entry);
  }
}
