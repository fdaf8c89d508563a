import { parentPort } from 'node:worker_threads';
import '../memory-tuning.ts';
import type { LogEntry } from '../../shared/engine/index.ts';
import { compileScenario } from '../../shared/scenario/compile.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import { InlineScoring } from './inline-scoring.ts';
import type { ScoringAnswer, ScoringBatch, ScoringOp } from './scoring-protocol.ts';

/*
 * The scoring thread: each live drill's scoring context, fed the entries the main thread commits,
 * scored and worded when the main thread asks (scoring-thread.ts). A rule that throws costs that one
 * answer, not the thread.
 */

const scenarios = new Map<number, CompiledScenario>();
const scoring = new InlineScoring();

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
      scoring.prime(op.drillId, compiled, 'text' in op ? (JSON.parse(op.text) as LogEntry[]) : op.entries);
      return;
    }
    case 'fold':
      scoring.fold(op.drillId, op.entries);
      return;
    case 'score': {
      const score = scoring.score(op.drillId);
      if (!score) answers.push({ request: op.request, error: `drill ${op.drillId} is not kept here` });
      else answers.push({ request: op.request, seq: score.seq, json: op.locales.map((locale) => JSON.stringify(score.inLocale(locale))) });
      return;
    }
    case 'forget':
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
