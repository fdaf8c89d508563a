import type { ClockAnchor } from './ports.ts';

/*
 * Game time from an absolute anchor: while running, game time = anchor game time + elapsed wall time
 * × speed. Because the anchor is absolute and stored, a restarted server computes the same game time
 * and processes whatever fell due while it was down, exactly once.
 */

export function gameNow(anchor: ClockAnchor, wallNow: number): number {
  if (!anchor.running) return anchor.gameMs;
  return anchor.gameMs + Math.max(0, Math.floor((wallNow - anchor.wallMs) * anchor.speed));
}

/**
 * Wall milliseconds from `wallNow` until game time reaches `gameAt` (0 when it already has); null
 * while the clock is stopped. Rounded up, so gameNow at the end is at least `gameAt`.
 */
export function wallDelayUntil(anchor: ClockAnchor, wallNow: number, gameAt: number): number | null {
  if (!anchor.running) return null;
  return Math.max(0, Math.ceil((gameAt - gameNow(anchor, wallNow)) / anchor.speed));
}
