import { gameTimeText } from '../i18n/message.ts';

/** A duration as m:ss (or h:mm:ss past an hour); negative times are before the drill began. */
export function gameTime(ms: number | null): string {
  if (ms === null) return '—';
  const sign = ms < 0 ? '−' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${sec}` : `${sign}${m}:${sec}`;
}

/** A moment of the drill as findings word it (T+12:05, T-40:00), so tables and findings read alike. */
export function clock(ms: number | null): string {
  return ms === null ? '—' : gameTimeText(ms);
}

/** Whole numbers grouped the locale's way (480,000 / 480,000 / 480,000); Intl with an explicit locale is deterministic. */
export function count(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** Points with their sign: +2, −1.5 (a true minus sign), 0. */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '0';
}
