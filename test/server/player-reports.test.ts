import { describe, expect, it } from 'vitest';
import { createDrill, tracked } from './harness.ts';

/* The report a seat downloads holds what that seat was shown (REP2; the model is tested in test/report/report-seat.test.ts and report-safety.test.ts). */

const { server, client } = tracked();

describe('REP2: reports over HTTP', () => {
  it('REP2 after the end, an observer\'s and the SME\'s reports leave out the IC\'s ad-hoc inject and the facilitator\'s note; the IC\'s and the facilitator\'s have what they saw', async () => {
    const s = await server();
    const d = await createDrill(s);
    const fac = await client(s, d.seat('facilitator'));
    await fac.send({ type: 'drill.start' });
    await fac.send({ type: 'inject.adhoc', title: 'IC-ONLY briefing', body: 'x', audience: ['ic'] });
    await fac.send({ type: 'facilitator.note', text: 'NOTE-for the debrief' });
    await fac.send({ type: 'drill.end', reason: 'done' });
    const report = async (seat: string, ext: string) => (await fetch(`${s.url}/drills/${d.drillId}/report.${ext}?token=${d.seat(seat).token}`)).text();
    for (const ext of ['html', 'md', 'json']) {
      for (const seat of ['observer-1', 'sme-1']) {
        const text = await report(seat, ext);
        expect(text, `${seat} ${ext}`).not.toContain('IC-ONLY briefing');
        expect(text, `${seat} ${ext}`).not.toContain('NOTE-for the debrief');
      }
      expect(await report('ic', ext), ext).toContain('IC-ONLY briefing');
      expect(await report('facilitator', ext), ext).toContain('IC-ONLY briefing');
    }
  });
});
