import type { Command, LogEntry } from '../../../shared/engine/types.ts';
import type { DrillView } from '../../../shared/engine/view-types.ts';
import type { AckResult, ClockReading, CommandResult, SeatPresence } from '../../../shared/protocol/index.ts';
import type { Locale } from '../../../shared/i18n/locales.ts';
import type { LiveScore } from '../../../shared/scoring/live.ts';

/** Whether the feed holds the seat's whole story yet: a reload or a late join reads it page by page. */
export type HistoryState = 'loading' | 'complete' | 'failed';

/** What a transport tells the store. Socket and local (solo) transports both speak it. */
export interface TransportEvents {
  view(view: DrillView): void;
  /** The game clock as read now; sent after the view it goes with. */
  clock(reading: ClockReading): void;
  /** Entries for the feed: pushed as they happen (`live`) or read from the history (`history`). */
  entries(entries: readonly LogEntry[], source: 'live' | 'history'): void;
  history(state: HistoryState): void;
  presence(presence: SeatPresence[]): void;
  score(score: LiveScore): void;
  status(status: 'connecting' | 'online' | 'offline', message?: string): void;
}

/** The only thing the store talks to. */
export interface Transport {
  start(events: TransportEvents): void;
  send(command: Command): Promise<AckResult<CommandResult>>;
  /** Report as HTML for this seat (server: fetched; solo: rendered locally), in any shipped locale. */
  reportHtml(locale: Locale): Promise<string>;
  reportText(format: 'md' | 'json' | 'html', locale: Locale): Promise<string>;
  close(): void;
}
