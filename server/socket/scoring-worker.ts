import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import '../memory-tuning.ts';
import type { LogEntry } from '../../shared/engine/index.ts';
import { compileScenario } from '../../shared/scenario/compile.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { LOG_THROUGH_SQL } from '../store/sqlite-schema.ts';
import { InlineScoring } from './inline-scoring.ts';
import type { ScoringAnswer, ScoringBatch, ScoringOp } from './scoring-protocol.ts';

/*
 * The scoring thread: each live drill's scoring context, fed the entries the main thread commits,
 * scored and worded when the main thread asks (scoring-thread.ts). A rule that throws costs that one
 * answer, not the thread.
 */

const scenarios = new Map<number, CompiledScenario>();
const scoring = new InlineScoring();

/*
 * With the store's SQLite file, a drill's log is read here, on a read-only connection of this
 * thread's own: the main thread sends a seq instead of the log, and neither copies nor holds a
 * thousand logs' text while it boots.
 */
const { logFile } = (workerData ?? {}) as { logFile?: string };
const logThrough = logFile ? openLogReader(logFile) : null;

function openLogReader(file: string): (drillId: string, seq: number) => LogEntry[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  // The writer thread holds the lock only for a commit's moment; a read that meets it waits.
  db.pragma('busy_timeout = 5000');
  const read = db.prepare(LOG_THROUGH_SQL).pluck();
  return (drillId, seq) => JSON.parse(read.get(drillId, seq) as string) as LogEntry[];
}

/**
 * Drills primed by seq whose logs are not read yet: a drill's log is read and folded when its score
 * is first asked, not when it is primed. After a restart every live drill is primed at once, while
 * its clients reconnect; most consoles come back holding the latest score (nothing to compute), so
 * reading a thousand logs then would take CPU from the reconnections for scores nobody is waiting
 * for. Entries folded meanwhile are committed, so the read simply reaches further.
 */
const unread = new Map<string, { compiled: CompiledScenario; throughSeq: number }>();

function primeOf(op: Extract<ScoringOp, { op: 'prime' }>, compiled: CompiledScenario): void {
  if ('entries' in op) {
    unread.delete(op.drillId);
    scoring.prime(op.drillId, compiled, op.entries);
    return;
  }
  if (!logThrough) throw new Error(`drill ${op.drillId}: primed by seq, but this thread was given no file to read its log from`);
  scoring.forget(op.drillId);
  unread.set(op.drillId, { compiled, throughSeq: op.throughSeq });
}

/** A drill primed by seq is read from the file the first time its score is asked. */
function readIfUnread(drillId: string): void {
  const pending = unread.get(drillId);
  if (!pending || !logThrough) return;
  const entries = logThrough(drillId, pending.throughSeq);
  unread.delete(drillId);
  scoring.prime(drillId, pending.compiled, entries);
}

function run(op: ScoringOp, answers: ScoringAnswer[]): void {
  switch (op.op) {
    case 'scenario':
      scenarios.set(op.key, compileScenario(op.scenario));
      return;
    case 'dropScenario':
      scenarios.delete(op.key);
      return;
    case 'prime': {
      const compiled = scenarios.get(op.scenario);
      if (!compiled) throw new Error(`drill ${op.drillId}: scenario ${op.scenario} was not sent`);
      primeOf(op, compiled);
      return;
    }
    case 'fold': {
      const pending = unread.get(op.drillId);
      if (pending) pending.throughSeq = Math.max(pending.throughSeq, op.entries.at(-1)?.seq ?? -1);
      else scoring.fold(op.drillId, op.entries);
      return;
    }
    case 'score': {
      readIfUnread(op.drillId);
      const score = scoring.score(op.drillId);
      if (!score) answers.push({ request: op.request, error: `drill ${op.drillId} is not kept here` });
      else answers.push({ request: op.request, seq: score.seq, json: op.locales.map((locale) => JSON.stringify(score.inLocale(locale))) });
      return;
    }
    case 'forget':
      unread.delete(op.drillId);
      scoring.forget(op.drillId);
  }
}

parentPort?.on('message', ({ ops }: ScoringBatch) => {
  const answers: ScoringAnswer[] = [];
  for (const op of ops) {
    try {
      run(op, answers);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (op.op === 'score') answers.push({ request: op.request, error: message });
      else parentPort?.postMessage({ problem: `${op.op} failed: ${message}` });
    }
  }
  if (answers.length > 0) parentPort?.postMessage({ answers });
});
