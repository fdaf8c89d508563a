import { fmt, t } from '../i18n/index.ts';

/*
 * Game time for people. Times of day in a drill are shown as T+mm:ss from the drill's start (T-mm:ss
 * before it); lengths of time in the reader's words ("4 min, 30 sec").
 */

/** "T+12:05", "T-40:00"; hours stay minutes (T+150:00), as drills count them. */
export function gameClock(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const s = Math.floor(Math.abs(ms) / 1000);
  return `T${sign}${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** "12:05" without the T: for fields people type a time into. */
export function clockDigits(ms: number): string {
  return gameClock(ms).slice(2);
}

/** A game time people type: "12:30", "-40:00", "T+12:30", "T-40:00"; null when it is not one. */
export function parseGameClock(text: string): number | null {
  const m = /^\s*(?:T\s*)?([+-]?)\s*(\d{1,6}):([0-5]\d)\s*$/i.exec(text);
  if (!m) return null;
  const ms = (Number(m[2]) * 60 + Number(m[3])) * 1000;
  return m[1] === '-' ? -ms : ms;
}

/** Time left until a moment, in words; "now" once it has come. */
export function timeLeft(untilMs: number, nowMs: number): string {
  const left = untilMs - nowMs;
  return left <= 0 ? t('time.now') : fmt.duration(Math.ceil(left / 1000) * 1000);
}

/** Whole game minutes, in words ("15 min"). */
export function minutesText(minutes: number): string {
  return fmt.duration(minutes * 60_000);
}
