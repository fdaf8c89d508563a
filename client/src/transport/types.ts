import type { Command, LogEntry } from '../../../shared/engine/types.ts';
import type { DrillView } from '../../../shared/engine/view-types.ts';
import type { AckResult, CommandResult, SeatPresence } from '../../../shared/protocol/index.ts';
import type { Locale } from '../../../shared/i18n/locales.ts';
import type { LiveScore } from '../../../shared/scoring/live.ts';

/** What a transport tells the store. Socket and local (solo) transports both speak it. */
export interface TransportEvents {
  view(view: DrillView): void;
  entry(entry: LogEntry): void;
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
  /**
   * The drill's game time now, for a clock that moves between events (a view's clock moves only
   * with entries). Only a transport that runs the drill's clock itself (solo) knows it.
   */
  gameTime?(): number;
  close(): void;
}
