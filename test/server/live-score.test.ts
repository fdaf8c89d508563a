import { describe, expect, it } from 'vitest';
import { ManualTime } from '../../server/clock.ts';
import { LIVE_SCORE_INTERVAL_MS, LiveScores } from '../../server/socket/live-score.ts';
import { scoreDrill, type ScoreResult } from '../../shared/scoring/index.ts';
import { compiledFixture, DEPUTY, IC, SME } from '../engine/fixture.ts';
import { TestDrill } from '../engine/harness.ts';

/*
 * The facilitator's live score: the same as scoring the whole log, pushed at once the first time,
 * then at most every five seconds however many commands arrive, and at once when the drill ends;
 * nothing is computed for a drill no facilitator is watching.
 */

const compiled = compiledFixture();

describe('LIVE: the facilitator live score', () => {
  it('LIVE1 pushes are throttled to one per interval and always carry the latest score', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = new LiveScores(time, () => time.now(), () => d.entries.slice(0, 2));
    const pushed: ScoreResult[] = [];
    const push = (s: ScoreResult) => pushed.push(s);
    scores.applied('d1', compiled, d.entries, push);
    expect(pushed).toHaveLength(1); // the first push is immediate
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    scores.applied('d1', compiled, d.entries, push);
    d.do(0, IC, { type: 'action.take', action: 'set-codename', detail: 'blue-heron' });
    scores.applied('d1', compiled, d.entries, push);
    expect(pushed).toHaveLength(1); // within the interval: nothing yet
    time.advance(LIVE_SCORE_INTERVAL_MS - 1);
    expect(pushed).toHaveLength(1);
    time.advance(1);
    expect(pushed).toHaveLength(2); // one push for both commands…
    expect(pushed[1]).toEqual(scoreDrill(compiled, d.entries)); // …with the score of the whole log
  });

  it('LIVE2 the final score goes out at once', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = new LiveScores(time, () => time.now(), () => []);
    const pushed: ScoreResult[] = [];
    scores.applied('d1', compiled, d.entries, (s) => pushed.push(s));
    d.do(0, SME, { type: 'action.take', action: 'review-network-logs', target: 'app' });
    scores.applied('d1', compiled, d.entries, (s) => pushed.push(s), true);
    expect(pushed).toHaveLength(2);
    expect(pushed[1]).toEqual(scoreDrill(compiled, d.entries));
  });

  it('LIVE3 a facilitator joining mid-drill gets the score of everything so far, read from the log once', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    let reads = 0;
    const scores = new LiveScores(time, () => time.now(), () => (reads++, d.entries));
    expect(scores.current('d1', compiled)).toEqual(scoreDrill(compiled, d.entries));
    expect(scores.current('d1', compiled)).toEqual(scoreDrill(compiled, d.entries));
    expect(reads).toBe(1);
  });

  it('LIVE5 the score a joining facilitator gets counts as a push: the next waits for the interval', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = new LiveScores(time, () => time.now(), () => d.entries);
    const pushed: ScoreResult[] = [];
    time.advance(10_000);
    expect(scores.current('d1', compiled)).toEqual(scoreDrill(compiled, d.entries));
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    scores.applied('d1', compiled, d.entries, (s) => pushed.push(s));
    expect(pushed).toHaveLength(0);
    time.advance(LIVE_SCORE_INTERVAL_MS);
    expect(pushed).toEqual([scoreDrill(compiled, d.entries)]);
  });

  it('LIVE7 the final score goes out at once even while a push is scheduled, and that push is dropped', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = new LiveScores(time, () => time.now(), () => []);
    const pushed: ScoreResult[] = [];
    scores.applied('d1', compiled, d.entries, (s) => pushed.push(s));
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    scores.applied('d1', compiled, d.entries, (s) => pushed.push(s)); // scheduled for the interval's end
    d.do(0, SME, { type: 'action.take', action: 'review-network-logs', target: 'app' });
    scores.applied('d1', compiled, d.entries, (s) => pushed.push(s), true);
    expect(pushed).toHaveLength(2);
    expect(pushed[1]).toEqual(scoreDrill(compiled, d.entries));
    time.advance(LIVE_SCORE_INTERVAL_MS * 2);
    expect(pushed).toHaveLength(2);
  });

  it('LIVE6 without a join, the first push after a quiet spell still goes out at once', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = new LiveScores(time, () => time.now(), () => d.entries);
    const pushed: ScoreResult[] = [];
    scores.applied('d1', compiled, d.entries, (s) => pushed.push(s));
    time.advance(LIVE_SCORE_INTERVAL_MS * 2);
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    scores.applied('d1', compiled, d.entries, (s) => pushed.push(s));
    expect(pushed).toHaveLength(2);
  });

  it('LIVE4 with no facilitator watching, entries are folded but no score is computed or pushed', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = new LiveScores(time, () => time.now(), () => []);
    scores.applied('d1', compiled, d.entries, null);
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    scores.applied('d1', compiled, d.entries, null);
    time.advance(LIVE_SCORE_INTERVAL_MS * 3);
    expect(scores.current('d1', compiled)).toEqual(scoreDrill(compiled, d.entries));
  });

  it('LIVE8 a console holding the score of the latest seq is sent none; one holding an older score gets the latest', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = new LiveScores(time, () => time.now(), () => d.entries);
    const seq = scores.seqOf('d1', compiled);
    expect(seq).toBe(d.entries.at(-1)!.seq);
    expect(scores.current('d1', compiled, seq)).toBeNull();
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    scores.applied('d1', compiled, d.entries, null);
    expect(scores.current('d1', compiled, seq)).toEqual(scoreDrill(compiled, d.entries));
    expect(scores.seqOf('d1', compiled)).toBe(d.entries.at(-1)!.seq);
  });
});
