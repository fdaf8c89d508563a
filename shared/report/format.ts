/** Game time as m:ss (or h:mm:ss past an hour); negative times are before the drill began. */
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

/** Whole numbers grouped the locale's way (480,000 / 480,000 / 480,000); Intl with an explicit locale is deterministic. */
export function count(n: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(n);
}
