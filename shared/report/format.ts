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

export const CATEGORY_LABELS = {
  ordering: 'Ordering',
  evidence: 'Evidence preservation',
  comms: 'Communication discipline',
  roles: 'Role discipline',
  timeliness: 'Timeliness',
} as const;
