import type { ClockAnchor } from '../store/types.ts';

/*
 * Game time from an absolute anchor: while running, game time = anchor game time + elapsed wall time
 * × speed. Because the anchor is absolute and stored, a restarted server computes the same game time
 * and processes whatever fell due while it was down, exactly once.
 */

export function gameNow(anchor: ClockAnchor, wallNow: number): number {
  if (!anchor.running) return anchor.gameMs;
  return anchor.gameMs + Math.max(0, Math.floor((wallNow - anchor.wallMs) * anchor.speed));
}

/** Wall milliseconds until the next whole game minute, when injects and the adversary move. */
export function msToNextMinute(anchor: ClockAnchor, wallNow: number): number | null {
  if (!anchor.running) return null;
  const g = gameNow(anchor, wallNow);
  const next = (Math.floor(g / 60_000) + 1) * 60_000;
  return Math.ceil((next - g) / anchor.speed);
}
