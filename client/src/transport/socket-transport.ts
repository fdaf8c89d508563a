import { io, type Socket } from 'socket.io-client';
import { errorText, locale, t } from '../i18n/index.ts';
import type { Locale } from '../../../shared/i18n/locales.ts';
import type { Command } from '../../../shared/engine/types.ts';
import type { DrillView } from '../../../shared/engine/view-types.ts';
import type { LiveScore } from '../../../shared/scoring/live.ts';
import { applyViewPatch, type ViewPatch } from '../../../shared/engine/view-patch.ts';
import { drillOfToken, MAX_REPLAY_GAP, PROTOCOL_VERSION, viewAfterWelcome, type AckResult, type ClientToServerEvents, type CommandResult, type ServerToClientEvents } from '../../../shared/protocol/index.ts';
import { retryElsewhere } from './elsewhere-retry.ts';
import { retryWhileOverloaded } from './overload-retry.ts';
import type { Transport, TransportEvents } from './types.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Multiplayer: socket.io to the server. Reconnects with the last seen seq. The seat's view comes from
 * the server whole on (re)connection, then from the patches the server sends with each command's
 * entries: the server stays the only authority, and no client ever re-reads the whole drill. The
 * feed's history (a reload, a late join, a reconnection too far behind) is read page by page with
 * drill:history, once, while live entries keep arriving.
 */
export class SocketTransport implements Transport {
  private socket: ClientSocket | null = null;
  private lastSeq = -1;
  /** The lastSeq the current connection's handshake carried. */
  private sentLastSeq = -1;
  private view: DrillView | null = null;
  private drillId = '';
  private counter = 0;
  /** The seq of the live score last received (facilitator), sent back as scoreSeq on reconnecting. */
  private scoreSeq: number | null = null;
  /** A stretch of history still to read: entries after `after` up to `until`. */
  private gap: { after: number; until: number } | null = null;
  private reading = false;
  private closed = false;

  constructor(private readonly token: string) {}

  start(events: TransportEvents): void {
    events.status('connecting');
    // The drill goes in the URL so a proxy in front of several server nodes can route the connection
    // to the one that runs it (PROTOCOL.md §2); the token stays out of the URL.
    const drill = drillOfToken(this.token);
    const socket: ClientSocket = io({
      transports: ['websocket'],
      query: drill ? { drill } : {},
      auth: (cb) => {
        this.sentLastSeq = this.lastSeq;
        cb({ token: this.token, protocolVersion: PROTOCOL_VERSION, lastSeq: this.lastSeq, ...(this.view ? { viewSeq: this.view.seq } : {}), ...(this.scoreSeq !== null ? { scoreSeq: this.scoreSeq } : {}), locale: locale() });
      },
    });
    this.socket = socket;
    socket.on('connect', () => events.status('online'));
    socket.on('disconnect', () => events.status('offline', t('warRoom.reconnecting')));
    socket.on('connect_error', (e) => {
      // Another node runs the drill at the moment (it is moving between nodes): connect again shortly.
      const schedule = (reconnect: () => void, ms: number) => setTimeout(() => this.closed || reconnect(), ms);
      if (retryElsewhere(socket, e, { random: Math.random, schedule })) return events.status('connecting');
      // A drill an older engine recorded will never open: say so, and stop trying.
      if ((e as Error & { data?: { code?: string } }).data?.code === 'OLD_ENGINE') {
        socket.disconnect();
        return events.status('offline', errorText({ code: 'OLD_ENGINE', message: e.message }));
      }
      // The server refuses a handshake with an English sentence and no code: give it one for the reader.
      events.status('offline', errorText({ code: /join link is not valid/.test(e.message) ? 'UNAUTHORIZED' : 'OFFLINE', message: e.message }));
    });
    const score = (s: LiveScore) => {
      this.scoreSeq = s.seq;
      events.score(s);
    };
    const patched = (patch: ViewPatch) => {
      if (!this.view) return;
      this.view = applyViewPatch(this.view, patch);
      events.view(this.view);
    };
    socket.on('drill:welcomed', (w) => {
      this.drillId = w.drillId;
      // No view in the welcome: the one this client holds (its seq was sent as viewSeq) is current,
      // or is made current by the welcome's patch.
      this.view = viewAfterWelcome(this.view, w);
      if (this.view) events.view(this.view);
      // After the view: the view's clock is its last entry's time, the reading is the time now.
      events.clock(w.clock);
      events.presence(w.presence);
      // No score in a facilitator's welcome: the one the console shows (scoreSeq) is the latest.
      if (w.score) score(w.score);
      if (w.missed.length > 0) events.entries(w.missed, 'live');
      const seq = this.view?.seq ?? -1;
      // The server sends what was missed only when it is near enough; otherwise (and on a first
      // connection) the feed lacks that stretch, and it is read from the history.
      const behind = this.sentLastSeq < 0 || seq - this.sentLastSeq > MAX_REPLAY_GAP;
      if (behind && seq > this.sentLastSeq) this.gap = { after: Math.min(this.gap?.after ?? this.sentLastSeq, this.sentLastSeq), until: Math.max(seq, this.gap?.until ?? seq) };
      this.lastSeq = Math.max(this.lastSeq, seq, w.missed.at(-1)?.seq ?? -1);
      if (this.gap) void this.readHistory(events);
      else events.history('complete');
    });
    socket.on('drill:eventApplied', (entry, patch) => {
      this.lastSeq = Math.max(this.lastSeq, entry.seq);
      events.entries([entry], 'live');
      if (patch) patched(patch);
    });
    socket.on('drill:viewPatched', patched);
    socket.on('drill:presenceChanged', (p) => events.presence(p));
    socket.on('drill:scoreChanged', score);
  }

  /** Read the missing stretch of the feed page by page; what fails is asked for again on the next welcome. */
  private async readHistory(events: TransportEvents): Promise<void> {
    const socket = this.socket;
    if (this.reading || !socket) return;
    this.reading = true;
    events.history('loading');
    try {
      while (this.gap && this.gap.after < this.gap.until) {
        const ack = await socket.timeout(10_000).emitWithAck('drill:history', { afterSeq: this.gap.after, untilSeq: this.gap.until });
        if (!ack.ok) throw new Error(ack.error.message);
        events.entries(ack.data.entries, 'history');
        if (ack.data.through <= this.gap.after) break;
        this.gap = { ...this.gap, after: ack.data.through };
      }
      this.gap = null;
      events.history('complete');
    } catch {
      events.history('failed');
    } finally {
      this.reading = false;
    }
  }

  async send(command: Command): Promise<AckResult<CommandResult>> {
    if (!this.socket) return { ok: false, error: { code: 'OFFLINE', message: 'not connected' } };
    const idempotencyKey = `${Date.now().toString(36)}-${(++this.counter).toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const socket = this.socket;
    const once = async (): Promise<AckResult<CommandResult>> => {
      // Retry once with the same key on a timeout: the server applies it at most once.
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          return await socket.timeout(8000).emitWithAck('drill:command', { command, idempotencyKey });
        } catch {
          /* timed out: retry with the same key */
        }
      }
      return { ok: false, error: { code: 'TIMEOUT', message: 'the server did not answer; check your connection' } };
    };
    return retryWhileOverloaded(once, { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), random: Math.random });
  }

  private async fetchReport(ext: string, reportLocale: Locale): Promise<string> {
    // The report is rendered in the reader's language, whatever language the drill was played in.
    const res = await fetch(`/drills/${this.drillId}/report.${ext}?token=${encodeURIComponent(this.token)}&locale=${encodeURIComponent(reportLocale)}`);
    const text = await res.text();
    if (!res.ok) throw new Error(JSON.parse(text).error?.message ?? `report unavailable (${res.status})`);
    return text;
  }
  reportHtml(reportLocale: Locale = locale()): Promise<string> {
    return this.fetchReport('html', reportLocale);
  }
  reportText(format: 'md' | 'json' | 'html', reportLocale: Locale = locale()): Promise<string> {
    return this.fetchReport(format, reportLocale);
  }

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
  }
}
