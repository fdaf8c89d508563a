import { afterEach, describe, expect, it } from 'vitest';
import { ManualTime } from '../../server/clock.ts';
import { InlineScoring } from '../../server/socket/inline-scoring.ts';
import { PreEncoded } from '../../server/socket/pre-encoded.ts';
import { RESTART_WINDOW_MS, ScoringThread, spawnScoringWorker } from '../../server/socket/scoring-thread.ts';
import type { Worker } from 'node:worker_threads';
import { LIVE_SCORE_INTERVAL_MS, LiveScores, type RenderedScore, type ScoreWatchers } from '../../server/socket/live-score.ts';
import type { LogEntry } from '../../shared/engine/index.ts';
import { liveScore, scoreDrill } from '../../shared/scoring/index.ts';
import { compiledFixture, DEPUTY, IC, SME } from '../engine/fixture.ts';
import { TestDrill } from '../engine/harness.ts';
import { SqliteStore } from '../../server/store/sqlite.ts';
import type { ScoringBatch } from '../../server/socket/scoring-protocol.ts';
import { tempDb } from './harness.ts';
import { Hub, type TtxSocket } from '../../server/socket/hub.ts';
import { MemoryStore } from '../../server/store/memory.ts';
import { silentLogger } from '../../server/log.ts';
import type { LiveScore } from '../../shared/scoring/index.ts';

/*
 * The facilitator's live score: the same as scoring the whole log, pushed at once the first time,
 * then at most every five seconds however many commands arrive, and at once when the drill ends;
 * nothing is computed for a drill no facilitator is watching.
 */

const compiled = compiledFixture();

/** A console reading English: each push lands in `pushed`. */
function consoleIn(pushed: RenderedScore[]): ScoreWatchers {
  return { locales: () => ['en'], send: (score) => pushed.push(score.inLocale('en')) };
}

/** What scoring the whole log gives, as an English console receives it. */
const wholeLog = (entries: readonly LogEntry[]) => liveScore(scoreDrill(compiled, entries), 'en', entries.at(-1)!.seq);

const liveScores = (time: ManualTime, readLog: () => LogEntry[]) => new LiveScores(time, () => time.now(), readLog, new InlineScoring());

describe('LIVE: the facilitator live score', () => {
  it('LIVE1 pushes are throttled to one per interval and always carry the latest score', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = liveScores(time, () => d.entries.slice(0, 2));
    const pushed: RenderedScore[] = [];
    const push = consoleIn(pushed);
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
    expect(pushed[1]).toEqual(wholeLog(d.entries)); // …with the score of the whole log
  });

  it('LIVE2 the final score goes out at once', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = liveScores(time, () => []);
    const pushed: RenderedScore[] = [];
    scores.applied('d1', compiled, d.entries, consoleIn(pushed));
    d.do(0, SME, { type: 'action.take', action: 'review-network-logs', target: 'app' });
    scores.applied('d1', compiled, d.entries, consoleIn(pushed), true);
    expect(pushed).toHaveLength(2);
    expect(pushed[1]).toEqual(wholeLog(d.entries));
  });

  it('LIVE3 a facilitator joining mid-drill gets the score of everything so far, read from the log once', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    let reads = 0;
    const scores = liveScores(time, () => (reads++, d.entries));
    expect(scores.current('d1', compiled, 'en')).toEqual(wholeLog(d.entries));
    expect(scores.current('d1', compiled, 'en')).toEqual(wholeLog(d.entries));
    expect(reads).toBe(1);
  });

  it('LIVE5 the score a joining facilitator gets counts as a push: the next waits for the interval', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = liveScores(time, () => d.entries);
    const pushed: RenderedScore[] = [];
    time.advance(10_000);
    expect(scores.current('d1', compiled, 'en')).toEqual(wholeLog(d.entries));
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    scores.applied('d1', compiled, d.entries, consoleIn(pushed));
    expect(pushed).toHaveLength(0);
    time.advance(LIVE_SCORE_INTERVAL_MS);
    expect(pushed).toEqual([wholeLog(d.entries)]);
  });

  it('LIVE7 the final score goes out at once even while a push is scheduled, and that push is dropped', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = liveScores(time, () => []);
    const pushed: RenderedScore[] = [];
    scores.applied('d1', compiled, d.entries, consoleIn(pushed));
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    scores.applied('d1', compiled, d.entries, consoleIn(pushed)); // scheduled for the interval's end
    d.do(0, SME, { type: 'action.take', action: 'review-network-logs', target: 'app' });
    scores.applied('d1', compiled, d.entries, consoleIn(pushed), true);
    expect(pushed).toHaveLength(2);
    expect(pushed[1]).toEqual(wholeLog(d.entries));
    time.advance(LIVE_SCORE_INTERVAL_MS * 2);
    expect(pushed).toHaveLength(2);
  });

  it('LIVE6 without a join, the first push after a quiet spell still goes out at once', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = liveScores(time, () => d.entries);
    const pushed: RenderedScore[] = [];
    scores.applied('d1', compiled, d.entries, consoleIn(pushed));
    time.advance(LIVE_SCORE_INTERVAL_MS * 2);
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    scores.applied('d1', compiled, d.entries, consoleIn(pushed));
    expect(pushed).toHaveLength(2);
  });

  it('LIVE4 with no facilitator watching, entries are folded but no score is computed or pushed', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = liveScores(time, () => []);
    scores.applied('d1', compiled, d.entries, null);
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    scores.applied('d1', compiled, d.entries, null);
    time.advance(LIVE_SCORE_INTERVAL_MS * 3);
    expect(scores.current('d1', compiled, 'en')).toEqual(wholeLog(d.entries));
  });

  it('LIVE8 a console holding the score of the latest seq is sent none; one holding an older score gets the latest', () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = liveScores(time, () => d.entries);
    const seq = scores.seqOf('d1', compiled);
    expect(seq).toBe(d.entries.at(-1)!.seq);
    expect(scores.current('d1', compiled, 'en', seq)).toBeNull();
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    scores.applied('d1', compiled, d.entries, null);
    expect(scores.current('d1', compiled, 'en', seq)).toEqual(wholeLog(d.entries));
    expect(scores.seqOf('d1', compiled)).toBe(d.entries.at(-1)!.seq);
  });
});

/** Starts scoring threads whose batches are kept in `posted` as they are sent. */
const recordingInto =
  (posted: ScoringBatch[]) =>
  (logFile?: string): Worker => {
    const w = spawnScoringWorker(logFile);
    const post = w.postMessage.bind(w);
    w.postMessage = (batch: ScoringBatch) => (posted.push(batch), post(batch));
    return w;
  };

describe('LIVE: the scoring thread', () => {
  const threads: ScoringThread[] = [];
  afterEach(() => {
    for (const thread of threads.splice(0)) thread.close();
  });
  const thread = (problems: string[] = []) => {
    const t = new ScoringThread((problem) => problems.push(problem));
    threads.push(t);
    return t;
  };

  it('LIVE9 the scoring thread answers with the score of the whole log, as JSON text in each locale asked', async () => {
    const d = new TestDrill(compiled).start();
    const scoring = thread();
    scoring.prime('d1', compiled, d.entries.slice(0, 2));
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    d.do(0, SME, { type: 'action.take', action: 'review-network-logs', target: 'app' });
    scoring.fold('d1', d.entries.slice(2));
    const score = await scoring.score('d1', ['ja', 'en']);
    expect(score?.seq).toBe(d.entries.at(-1)!.seq);
    for (const locale of ['en', 'ja'] as const) {
      const rendered = score!.inLocale(locale);
      expect(rendered).toBeInstanceOf(PreEncoded);
      expect(JSON.parse((rendered as PreEncoded).json)).toEqual(JSON.parse(JSON.stringify(liveScore(scoreDrill(compiled, d.entries), locale, score!.seq))));
    }
  });

  it('LIVE9 through LiveScores, a push from the thread carries the same score as one scored in-thread', async () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    const scores = new LiveScores(time, () => time.now(), () => d.entries, thread());
    const pushed: RenderedScore[] = [];
    scores.applied('d1', compiled, d.entries, consoleIn(pushed), true);
    await expect.poll(() => pushed.length).toBe(1);
    expect((pushed[0] as PreEncoded).toJSON()).toEqual(JSON.parse(JSON.stringify(wholeLog(d.entries))));
    const joined = await scores.current('d1', compiled, 'en');
    expect((joined as PreEncoded).toJSON()).toEqual(JSON.parse(JSON.stringify(wholeLog(d.entries))));
  });

  it('LIVE11 with the store\'s file, the thread reads a drill\'s log itself, up to the seq it is primed at: no entry crosses, and it scores as the same log sent as entries', async () => {
    const d = new TestDrill(compiled).start();
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    d.do(0, SME, { type: 'action.take', action: 'review-network-logs', target: 'app' });
    const store = new SqliteStore(tempDb());
    store.createDrill({ id: 'd1', scenarioId: 's', scenarioVersion: 1, scenarioText: 'x', scenarioFile: 'x.yaml', seed: '1', hostKeyHash: 'h', createdAt: 1 }, [], d.entries, { wallMs: 0, gameMs: 0, speed: 1, running: true });
    const posted: ScoringBatch[] = [];
    const fromFile = new ScoringThread(() => undefined, {
      logFile: store.logFile,
      spawn: recordingInto(posted),
    });
    threads.push(fromFile);
    const sent = thread();
    try {
      // The file holds the whole log; a context primed as of the second entry counts only that far.
      const upTo = 2;
      for (const scoring of [fromFile, sent]) scoring.prime('d1', compiled, d.entries.slice(0, upTo));
      const [a, b] = await Promise.all([fromFile.score('d1', ['en']), sent.score('d1', ['en'])]);
      expect(a?.seq).toBe(d.entries[upTo - 1]!.seq);
      expect((a!.inLocale('en') as PreEncoded).json).toBe((b!.inLocale('en') as PreEncoded).json);
      const primes = posted.flatMap((batch) => batch.ops).filter((op) => op.op === 'prime');
      expect(primes).toEqual([{ op: 'prime', drillId: 'd1', scenario: 0, throughSeq: d.entries[upTo - 1]!.seq }]);
      // The rest folds in as it does for a context primed with entries.
      for (const scoring of [fromFile, sent]) scoring.fold('d1', d.entries.slice(upTo));
      const [c, e] = await Promise.all([fromFile.score('d1', ['en']), sent.score('d1', ['en'])]);
      expect(c?.seq).toBe(d.entries.at(-1)!.seq);
      expect((c!.inLocale('en') as PreEncoded).json).toBe((e!.inLocale('en') as PreEncoded).json);
      expect(JSON.parse((c!.inLocale('en') as PreEncoded).json)).toEqual(JSON.parse(JSON.stringify(wholeLog(d.entries))));
    } finally {
      await store.close();
    }
  });

  it('LIVE14 with the store\'s file, a drill primed by seq is read when its score is first asked, not when primed: nothing is read for a score nobody asks', async () => {
    const d = new TestDrill(compiled).start();
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    d.do(0, SME, { type: 'action.take', action: 'review-network-logs', target: 'app' });
    const store = new SqliteStore(tempDb());
    const problems: string[] = [];
    const fromFile = new ScoringThread((problem) => problems.push(problem), { logFile: store.logFile });
    threads.push(fromFile);
    const sent = thread();
    try {
      // Primed as of the second entry while the file holds none of the drill's log yet: a thread
      // that read the log at the prime would find it missing.
      const upTo = 2;
      fromFile.prime('d1', compiled, d.entries.slice(0, upTo));
      fromFile.prime('never-asked', compiled, d.entries);
      // A round trip: the thread has taken both primes in before the log is written.
      expect(await fromFile.score('elsewhere', ['en'])).toBeNull();
      await store.createDrill({ id: 'd1', scenarioId: 's', scenarioVersion: 1, scenarioText: 'x', scenarioFile: 'x.yaml', seed: '1', hostKeyHash: 'h', createdAt: 1 }, [], d.entries, { wallMs: 0, gameMs: 0, speed: 1, running: true });
      // Entries folded before the first score are committed, so the read reaches them too.
      fromFile.fold('d1', d.entries.slice(upTo));
      sent.prime('d1', compiled, d.entries);
      const [a, b] = await Promise.all([fromFile.score('d1', ['en']), sent.score('d1', ['en'])]);
      expect(a?.seq).toBe(d.entries.at(-1)!.seq);
      expect((a!.inLocale('en') as PreEncoded).json).toBe((b!.inLocale('en') as PreEncoded).json);
      fromFile.forget('never-asked');
      expect(await fromFile.score('never-asked', ['en'])).toBeNull();
      // Only the two drills asked for while not kept are reported; 'never-asked', whose log is not in the file, was never read.
      expect(problems).toEqual([expect.stringMatching(/elsewhere is not kept/), expect.stringMatching(/never-asked is not kept/)]);
    } finally {
      await store.close();
    }
  });

  it('LIVE11 without a file (another store), the entries cross with the prime', async () => {
    const d = new TestDrill(compiled).start();
    const posted: ScoringBatch[] = [];
    const scoring = new ScoringThread(() => undefined, {
      spawn: recordingInto(posted),
    });
    threads.push(scoring);
    scoring.prime('d1', compiled, d.entries);
    expect((await scoring.score('d1', ['en']))?.seq).toBe(d.entries.at(-1)!.seq);
    const primes = posted.flatMap((batch) => batch.ops).filter((op) => op.op === 'prime');
    expect(primes).toEqual([{ op: 'prime', drillId: 'd1', scenario: 0, entries: d.entries }]);
  });

  it('LIVE10 a drill the thread does not hold, or has forgotten, is answered with no score and the reason is told', async () => {
    const problems: string[] = [];
    const d = new TestDrill(compiled).start();
    const scoring = thread(problems);
    expect(await scoring.score('nowhere', ['en'])).toBeNull();
    scoring.prime('d1', compiled, d.entries);
    expect(await scoring.score('d1', ['en'])).not.toBeNull();
    scoring.forget('d1');
    expect(await scoring.score('d1', ['en'])).toBeNull();
    expect(problems).toEqual([expect.stringMatching(/nowhere is not kept/), expect.stringMatching(/d1 is not kept/)]);
  });

  it('LIVE10 once the thread is closed, scores are answered with none at once', async () => {
    const scoring = thread();
    scoring.close();
    expect(await scoring.score('d1', ['en'])).toBeNull();
  });

  /** A thread whose workers the test can kill, on a wall clock the test sets. */
  const killable = (problems: string[], clock: { now: number }) => {
    const workers: Worker[] = [];
    const t = new ScoringThread((problem) => problems.push(problem), {
      spawn: () => {
        const w = spawnScoringWorker();
        workers.push(w);
        return w;
      },
      now: () => clock.now,
    });
    threads.push(t);
    return { scoring: t, workers };
  };

  it('LIVE12 a scoring thread that dies is replaced, and each drill is scored again from its log', async () => {
    const problems: string[] = [];
    const clock = { now: 0 };
    const { scoring, workers } = killable(problems, clock);
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    const scores = new LiveScores(time, () => time.now(), () => d.entries, scoring);
    const pushed: RenderedScore[] = [];
    scores.applied('d1', compiled, d.entries, consoleIn(pushed), true);
    await expect.poll(() => pushed.length).toBe(1);

    clock.now = RESTART_WINDOW_MS + 1;
    await workers[0]!.terminate();
    await expect.poll(() => workers.length).toBe(2);
    expect(problems).toEqual([expect.stringMatching(/exited with code 1; a new thread takes over/)]);

    const before = d.entries.length;
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    time.advance(LIVE_SCORE_INTERVAL_MS);
    scores.applied('d1', compiled, d.entries.slice(before), consoleIn(pushed));
    await expect.poll(() => pushed.length).toBe(2);
    expect((pushed[1] as PreEncoded).toJSON()).toEqual(JSON.parse(JSON.stringify(wholeLog(d.entries))));
  });

  it('LIVE12 with the store\'s file, the new thread reads each drill\'s log itself: none is read again on the main thread', async () => {
    const clock = { now: 0 };
    const d = new TestDrill(compiled).start();
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    const store = new SqliteStore(tempDb());
    store.createDrill({ id: 'd1', scenarioId: 's', scenarioVersion: 1, scenarioText: 'x', scenarioFile: 'x.yaml', seed: '1', hostKeyHash: 'h', createdAt: 1 }, [], d.entries, { wallMs: 0, gameMs: 0, speed: 1, running: true });
    const workers: Worker[] = [];
    const scoring = new ScoringThread(() => undefined, {
      logFile: store.logFile,
      spawn: (logFile) => {
        const w = spawnScoringWorker(logFile);
        workers.push(w);
        return w;
      },
      now: () => clock.now,
    });
    threads.push(scoring);
    const time = new ManualTime();
    let reads = 0;
    const scores = new LiveScores(time, () => time.now(), () => (reads++, d.entries), scoring);
    try {
      scores.prime('d1', compiled, d.entries);
      clock.now = RESTART_WINDOW_MS + 1;
      await workers[0]!.terminate();
      await expect.poll(() => workers.length).toBe(2);
      const joined = await scores.current('d1', compiled, 'en');
      expect(reads).toBe(0);
      expect((joined as PreEncoded).toJSON()).toEqual(JSON.parse(JSON.stringify(wholeLog(d.entries))));
    } finally {
      await store.close();
    }
  });

  it('LIVE12 a scoring thread that dies within the restart window of its start is not replaced: scores stop, and why is told', async () => {
    const problems: string[] = [];
    const clock = { now: 0 };
    const { scoring, workers } = killable(problems, clock);
    const d = new TestDrill(compiled).start();
    scoring.prime('d1', compiled, d.entries);
    expect(await scoring.score('d1', ['en'])).not.toBeNull();
    clock.now = RESTART_WINDOW_MS - 1;
    await workers[0]!.terminate();
    await expect.poll(() => problems.length).toBe(1);
    expect(problems[0]).toMatch(/live scoring stopped: the thread exited with code 1, within 60 s of its start/);
    expect(workers).toHaveLength(1);
    expect(await scoring.score('d1', ['en'])).toBeNull();
  });
});

describe('LIVE12: a backend that lost its contexts', () => {
  /** The in-thread backend, made to lose every context as a replaced thread does. */
  class LosingScoring extends InlineScoring {
    lose(): void {
      this.close();
      this.onReset?.();
    }
  }

  /**
   * A drill scored by a LosingScoring backend. loseAndRead() makes the backend lose its contexts
   * while the store answers reads later; what it returns gives the answer to the read it started.
   */
  function losingSetup() {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    let answer: ((entries: LogEntry[]) => void) | null = null;
    let asynchronous = false;
    const readLog = () => (asynchronous ? new Promise<LogEntry[]>((resolve) => (answer = resolve)) : d.entries);
    const backend = new LosingScoring();
    const scores = new LiveScores(time, () => time.now(), readLog, backend);
    const loseAndRead = () => {
      asynchronous = true;
      backend.lose();
      return () => answer!;
    };
    return { time, d, backend, scores, loseAndRead };
  }

  it('LIVE12 each drill is primed again from its log; what commits while an asynchronous store reads it is held and folded after', async () => {
    const { d, backend, scores, loseAndRead } = losingSetup();
    scores.prime('d1', compiled, d.entries);

    const answer = loseAndRead();
    const readAt = d.entries.length;
    const logAsRead = d.entries.slice();
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    scores.applied('d1', compiled, d.entries.slice(readAt), null);
    expect(backend.score('d1')).toBeNull();
    answer()(logAsRead);
    await Promise.resolve();
    expect(await scores.current('d1', compiled, 'en')).toEqual(wholeLog(d.entries));
  });

  it('LIVE12 a log that cannot be read again leaves that drill unscored, and the others are primed', async () => {
    const time = new ManualTime();
    const d = new TestDrill(compiled).start();
    let failing = false;
    const readLog = (drillId: string) => {
      if (failing && drillId === 'broken') throw new Error('disk I/O error');
      return d.entries;
    };
    const backend = new LosingScoring();
    const scores = new LiveScores(time, () => time.now(), readLog, backend);
    scores.prime('broken', compiled, d.entries);
    scores.prime('fine', compiled, d.entries);
    failing = true;
    expect(() => backend.lose()).not.toThrow();
    expect(backend.score('broken')).toBeNull();
    expect(await scores.current('fine', compiled, 'en')).toEqual(wholeLog(d.entries));
    const pushed: RenderedScore[] = [];
    const before = d.entries.length;
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    scores.applied('broken', compiled, d.entries.slice(before), consoleIn(pushed));
    time.advance(LIVE_SCORE_INTERVAL_MS);
    expect(pushed).toEqual([]);
  });

  it('LIVE12 a push that falls due while the log is read again waits for it', async () => {
    const { time, d, scores, loseAndRead } = losingSetup();
    const pushed: RenderedScore[] = [];
    scores.applied('d1', compiled, d.entries, consoleIn(pushed), true);
    expect(pushed).toHaveLength(1);

    const answer = loseAndRead();
    const before = d.entries.length;
    d.do(0, DEPUTY, { type: 'action.take', action: 'page-ic' });
    scores.applied('d1', compiled, d.entries.slice(before), consoleIn(pushed));
    time.advance(LIVE_SCORE_INTERVAL_MS);
    expect(pushed).toHaveLength(1);
    answer()(d.entries.slice(0, before));
    await Promise.resolve();
    time.advance(LIVE_SCORE_INTERVAL_MS);
    expect(pushed).toHaveLength(2);
    expect(pushed[1]).toEqual(wholeLog(d.entries));
  });
});

describe('LIVE13: a score a welcome went without', () => {
  it('LIVE13 follows to its console unless the console has gone or already got a push as late or later', () => {
    const time = new ManualTime();
    const hub = new Hub(new MemoryStore(), time, time, silentLogger, new InlineScoring());
    const sent: number[] = [];
    const socket = { connected: true, emit: (_event: string, score: LiveScore) => sent.push(score.seq) } as unknown as TtxSocket;
    const score = (seq: number) => ({ seq }) as LiveScore;
    hub.scoreTo(socket, score(5), 5);
    // An older score that finished after it, and the same one again, are not sent.
    hub.scoreTo(socket, score(3), 3);
    hub.scoreTo(socket, score(5), 5);
    hub.scoreTo(socket, score(7), 7);
    expect(sent).toEqual([5, 7]);
    (socket as { connected: boolean }).connected = false;
    hub.scoreTo(socket, score(9), 9);
    expect(sent).toEqual([5, 7]);
  });
});
