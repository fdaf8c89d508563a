import Database from 'better-sqlite3';
import type { LoadMetrics } from './load.ts';

/*
 * After a run, the database is the judge: every acknowledged seq must be there (lost = acked but
 * absent), each drill's seqs must run 0, 1, 2… without a hole (gaps), and no command's unique text
 * may appear twice (duplicates: a retried command applied again).
 */

export interface Verdict {
  drills: number;
  events: number;
  lostAcked: number;
  gaps: number;
  duplicates: number;
}

export function verifyDatabase(path: string, metrics: LoadMetrics): Verdict {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const seqsOf = db.prepare('SELECT seq FROM events WHERE drill_id = ? ORDER BY seq');
    const texts = db.prepare("SELECT event FROM events WHERE drill_id = ? AND (event LIKE '%\"timeline.added\"%' OR event LIKE '%\"message.sent\"%')");
    const drillIds = (db.prepare('SELECT id FROM drills').all() as { id: string }[]).map((r) => r.id);
    let events = 0;
    let lostAcked = 0;
    let gaps = 0;
    let duplicates = 0;
    for (const id of drillIds) {
      const seqs = (seqsOf.all(id) as { seq: number }[]).map((r) => r.seq);
      events += seqs.length;
      seqs.forEach((seq, i) => {
        if (seq !== i) gaps++;
      });
      const present = new Set(seqs);
      for (const acked of metrics.ackedSeqs.get(id) ?? []) if (!present.has(acked)) lostAcked++;
      const seen = new Map<string, number>();
      for (const row of texts.all(id) as { event: string }[]) {
        const e = JSON.parse(row.event) as { type: string; text?: string; message?: { body: string } };
        const text = e.type === 'timeline.added' ? e.text : e.message?.body;
        if (text && metrics.ackedTexts.has(text)) seen.set(text, (seen.get(text) ?? 0) + 1);
      }
      for (const n of seen.values()) if (n > 1) duplicates += n - 1;
    }
    return { drills: drillIds.length, events, lostAcked, gaps, duplicates };
  } finally {
    db.close();
  }
}
