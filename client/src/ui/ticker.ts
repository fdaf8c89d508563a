/*
 * One timer for everything on the page that shows game time between entries: the header clock,
 * countdowns, progress bars and the business-impact meter. Each subscriber redraws only when its
 * own text changes, so a tick that changes nothing costs a few comparisons.
 */

/** A game second at 5× speed: the clock reads smoothly at every pace without redrawing more often. */
export const TICK_MS = 200;

const subscribers = new Set<() => void>();
let handle: ReturnType<typeof setInterval> | null = null;

export function onTick(fn: () => void): () => void {
  subscribers.add(fn);
  handle ??= setInterval(() => {
    for (const sub of subscribers) sub();
  }, TICK_MS);
  fn();
  return () => {
    subscribers.delete(fn);
    if (subscribers.size === 0 && handle !== null) {
      clearInterval(handle);
      handle = null;
    }
  };
}

/** Set an element's text only when it changed (no layout work on a tick that changes nothing). */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
