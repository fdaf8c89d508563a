import Database from 'better-sqlite3';
import pg from 'pg';
import type { LoadMetrics } from './load.ts';

/*
 * After a run, the database is the judge: every acknowledged seq must be there (lost = acked but
 * absent), each drill's seqs must run 0, 1, 2… without a hole (gaps), and no command's unique text
 * may appear twice (duplicates: a retried command applied again). The same judgement for the
 * SQLite file and for a PostgreSQL database.
 */

export interface Verdict {
  drills: number;
  events: number;
  lostAcked: number;
  gaps: number;
  duplicates: number;
}

/** One drill as stored: its seqs in order, and the event JSON of its timeline entries and messages. */
interface StoredDrill {
  id: string;
  seqs: number[];
  texts: string[];
}

function judge(drills: Iterable<StoredDrill>, metrics: LoadMetrics): Verdict {
  const verdict: Verdict = { drills: 0, events: 0, lostAcked: 0, gaps: 0, duplicates: 0 };
  for (const { id, seqs, texts } of drills) {
    verdict.drills++;
    verdict.events += seqs.length;
    seqs.forEach((seq, i) => {
      if (seq !== i) verdict.gaps++;
    });
    const present = new Set(seqs);
    for (const acked of metrics.ackedSeqs.get(id) ?? []) if (!present.has(acked)) verdict.lostAcked++;
    const seen = new Map<string, number>();
    for (const event of texts) {
      const e = JSON.parse(event) as { type: string; text?: string; message?: { body: string } };
      const text = e.type === 'timeline.added' ? e.text : e.message?.body;
      if (text && metrics.ackedTexts.has(text)) seen.set(text, (seen.get(text) ?? 0) + 1);
    }
    for (const n of seen.values()) if (n > 1) verdict.duplicates += n - 1;
  }
  return verdict;
}

const TEXT_EVENTS = `(event LIKE '%"timeline.added"%' OR event LIKE '%"message.sent"%')`;

export function verifyDatabase(path: string, metrics: LoadMetrics): Verdict {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const seqsOf = db.prepare('SELECT seq FROM events WHERE drill_id = ? ORDER BY seq').pluck();
    const texts = db.prepare(`SELECT event FROM events WHERE drill_id = ? AND ${TEXT_EVENTS}`).pluck();
    const ids = db.prepare('SELECT id FROM drills').pluck().all() as string[];
    return judge(
      ids.map((id) => ({ id, seqs: seqsOf.all(id) as number[], texts: texts.all(id) as string[] })),
      metrics,
    );
  } finally {
    db.close();
  }
}

export async function verifyPostgres(url: string, metrics: LoadMetrics): Promise<Verdict> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const drills = new Map<string, StoredDrill>();
    for (const { id } of (await client.query<{ id: string }>('SELECT id FROM drills')).rows) drills.set(id, { id, seqs: [], texts: [] });
    for (const row of (await client.query<{ drill_id: string; seq: number }>('SELECT drill_id, seq FROM events ORDER BY drill_id, seq')).rows) drills.get(row.drill_id)?.seqs.push(row.seq);
    for (const row of (await client.query<{ drill_id: string; event: string }>(`SELECT drill_id, event FROM events WHERE ${TEXT_EVENTS}`)).rows) drills.get(row.drill_id)?.texts.push(row.event);
    return judge(drills.values(), metrics);
  } finally {
    await client.end();
  }
}
