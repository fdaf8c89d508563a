import { describe, expect, it } from 'vitest';
import { LiveClock } from '../../client/src/store/live-clock.ts';
import { gameClock, parseGameClock } from '../../client/src/ui/time.ts';

/*
 * The game clock a client shows between entries: counted from the server's reading at the speed the
 * drill runs, restarted at each lifecycle or speed change, never behind the view's last entry.
 * Wall time is a variable the test moves, not the machine's clock.
 */

function clock() {
  let wall = 1_000;
  const c = new LiveClock(() => wall);
  return { c, advance: (ms: number) => (wall += ms) };
}

describe('CLOCK-C: the client counts game time between entries', () => {
  it('CLOCK-C1 a running clock counts from the reading at its speed; a stopped one does not move', () => {
    const { c, advance } = clock();
    c.read({ gameMs: 60_000, speed: 5, running: true });
    advance(2_000);
    expect(c.now()).toBe(70_000);
    c.read({ gameMs: 90_000, speed: 1, running: false });
    advance(60_000);
    expect(c.now()).toBe(90_000);
    expect(c.running()).toBe(false);
  });

  it('CLOCK-C2 a view whose lifecycle or speed changed restarts the count at the time of the change', () => {
    const { c, advance } = clock();
    c.read({ gameMs: 0, speed: 1, running: false });
    c.observe({ clock: 0, lifecycle: 'briefing', speed: 1 });
    advance(5_000);
    expect(c.now()).toBe(0);
    c.observe({ clock: 0, lifecycle: 'running', speed: 1 });
    advance(3_000);
    expect(c.now()).toBe(3_000);
    c.observe({ clock: 3_000, lifecycle: 'running', speed: 10 });
    advance(1_000);
    expect(c.now()).toBe(13_000);
    // The pause says when it happened; the count stops there even if this page had counted past it.
    advance(500);
    c.observe({ clock: 17_500, lifecycle: 'paused', speed: 10 });
    advance(10_000);
    expect(c.now()).toBe(17_500);
  });

  it('CLOCK-C3 other views only move the count forward, never back, and it is never behind the last entry', () => {
    const { c, advance } = clock();
    c.read({ gameMs: 10_000, speed: 1, running: true });
    c.observe({ clock: 10_000, lifecycle: 'running', speed: 1 });
    advance(5_000);
    // An entry stamped at a whole minute that the count already passed changes nothing.
    c.observe({ clock: 12_000, lifecycle: 'running', speed: 1 });
    expect(c.now()).toBe(15_000);
    // One later than the count (this page was slow) moves it up.
    c.observe({ clock: 20_000, lifecycle: 'running', speed: 1 });
    expect(c.now()).toBe(20_000);
    advance(1_000);
    expect(c.now()).toBe(21_000);
    // Before any reading, the view's clock is what there is.
    const fresh = new LiveClock(() => 0);
    fresh.observe({ clock: 42_000, lifecycle: 'paused', speed: 2 });
    expect(fresh.now()).toBe(42_000);
  });
});

describe('CLOCK-C4: times typed for the timeline', () => {
  it('CLOCK-C4 a time typed as the feed shows it reads back to the same moment, weeks before the drill included', () => {
    for (const ms of [0, 754_000, -2_400_000, -30_240 * 60_000, 150 * 60_000]) expect(parseGameClock(gameClock(ms))).toBe(ms);
    expect(parseGameClock('-40:00')).toBe(-2_400_000);
    expect(parseGameClock('12:61')).toBeNull();
    expect(parseGameClock('yesterday')).toBeNull();
  });
});
