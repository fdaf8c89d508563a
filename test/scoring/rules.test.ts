import { describe, expect, it } from 'vitest';
import type { MessageDraft } from '../../shared/engine/types.ts';
import { RULES, scoreDrill } from '../../shared/scoring/index.ts';
import { compiledFixture, DEPUTY, FAC, IC, min, SCRIBE, SME } from '../engine/fixture.ts';
import { TestDrill } from '../engine/harness.ts';

/*
 * Every scoring rule has a case where it fires (a deduction) and one where it does not (a credit,
 * or the rule does not apply). Logs are produced by the real engine from commands.
 */

const compiled = compiledFixture();
const insiderCompiled = compiledFixture({ id: 'fixture-insider', adversary: { ...compiledFixture().scenario.adversary, origin: 'insider' } });
const take = (action: string, target?: string, detail?: string) => ({ type: 'action.take' as const, action, ...(target ? { target } : {}), ...(detail ? { detail } : {}) });
const say = (m: Partial<MessageDraft>) => ({ type: 'message.send' as const, message: { channel: 'chat', recipients: ['soc'], subject: '', body: 'Update on blue-heron: containment under way.', encrypted: false, ...m } as MessageDraft });

type Drill = TestDrill;
const GOOD_STATEMENT = {
  channel: 'statement' as const,
  audience: 'public' as const,
  purpose: 'public-statement' as const,
  subject: 'Security incident update, 2026-11-22',
  body: 'Timeline: on 2026-11-22 at 09:12 UTC we detected access. Data affected: customer records (names, email addresses). What you should do: reset your password and enable multi-factor authentication.',
};

/** A team that assembles properly, so rules about later work can be judged in isolation. */
function assembled(c = compiled): Drill {
  const d = new TestDrill(c).start();
  d.do(0, DEPUTY, take('page-ic'));
  d.do(0, IC, take('set-codename', undefined, 'blue-heron'));
  d.do(0, DEPUTY, take('open-private-channel'));
  return d;
}
function analysed(d: Drill, at = min(1)): Drill {
  d.do(at, SME, take('build-attack-timeline'));
  d.do(at, SME, take('identify-compromised-data'));
  return d;
}
function approved(d: Drill, at = min(1)): Drill {
  d.do(at, IC, take('approve-disclosure'));
  return d;
}

const score = (d: Drill) => scoreDrill(d.compiled, d.entries);
const deductions = (d: Drill, rule: string) => score(d).findings.filter((f) => f.rule === rule && f.points < 0);
const credits = (d: Drill, rule: string) => score(d).findings.filter((f) => f.rule === rule && f.points > 0);

interface Case {
  fires: () => Drill;
  clean: () => Drill;
}

const CASES: Record<string, Case> = {
  'ORD-0': {
    // Assembled, then nothing: five of six milestones are missing.
    fires: () => assembled(),
    clean: () => {
      const d = analysed(assembled());
      d.do(min(1), SME, take('network-isolate', 'db'));
      d.do(min(2), SME, take('assess-risk-other-systems'));
      d.do(min(3), IC, take('close-incident'));
      return d;
    },
  },
  'COM-0': {
    // Data is leaving (the fixture exfiltrates from minute 0) and nobody tells the customers or the public.
    fires: () => { const d = assembled(); d.do(min(1), IC, say({})); return d; },
    clean: () => { const d = approved(analysed(assembled())); d.do(min(1), IC, say({})); d.do(min(2), DEPUTY, say(GOOD_STATEMENT)); return d; },
  },
  'ORD-1': {
    fires: () => { const d = new TestDrill(compiled).start(); d.do(0, IC, say({})); return d; },
    clean: () => { const d = assembled(); d.do(0, IC, say({})); return d; },
  },
  'ORD-2': {
    fires: () => { const d = assembled(); d.do(0, SME, take('shutdown-instance', 'db')); return d; },
    clean: () => { const d = assembled(); d.do(0, SME, take('image-disk', 'db')); d.do(0, SME, take('shutdown-instance', 'db')); return d; },
  },
  'ORD-3': {
    fires: () => { const d = approved(assembled()); d.do(min(1), IC, say({ audience: 'internal', purpose: 'internal-announcement' })); return d; },
    clean: () => { const d = approved(assembled()); d.do(min(1), SME, take('assess-insider-threat')); d.do(min(1), IC, say({ audience: 'internal', purpose: 'internal-announcement' })); return d; },
  },
  'ORD-4': {
    fires: () => { const d = approved(assembled()); d.do(min(1), DEPUTY, say(GOOD_STATEMENT)); return d; },
    clean: () => { const d = approved(analysed(assembled())); d.do(min(2), DEPUTY, say(GOOD_STATEMENT)); return d; },
  },
  'ORD-5': {
    fires: () => { const d = assembled(); d.do(0, SME, take('network-isolate', 'db')); return d; },
    clean: () => { const d = assembled(); d.do(0, SME, take('review-network-logs')); d.do(0, SME, take('network-isolate', 'db')); return d; },
  },
  'ORD-6': {
    fires: () => { const d = new TestDrill(compiled).start(); d.do(0, SME, take('network-isolate', 'db')); return d; },
    clean: () => { const d = assembled(); d.do(0, SME, take('network-isolate', 'db')); return d; },
  },
  'ORD-7': {
    fires: () => { const d = assembled(); d.do(0, SME, take('image-disk-on-host', 'wiki')); d.do(0, SME, take('forensic-analysis')); return d; },
    clean: () => { const d = assembled(); d.do(0, SME, take('image-disk', 'db')); d.do(0, SME, take('forensic-analysis')); return d; },
  },
  'ORD-8': {
    fires: () => { const d = assembled(); d.do(min(1), IC, take('close-incident')); return d; },
    clean: () => { const d = assembled(); d.do(0, SME, take('network-isolate', 'db')); d.do(min(1), IC, take('close-incident')); return d; },
  },
  'ORD-9': {
    fires: () => { const d = assembled(); d.do(min(1), IC, take('schedule-postmortem')); return d; },
    clean: () => { const d = assembled(); d.do(min(1), IC, take('close-incident')); d.do(min(1), IC, take('schedule-postmortem')); return d; },
  },
  'ORD-10': {
    fires: () => { const d = assembled(); d.do(0, SME, take('rotate-credentials')); return d; },
    clean: () => { const d = assembled(); d.do(0, DEPUTY, take('assess-risk-other-systems')); d.do(0, SME, take('rotate-credentials')); return d; },
  },
  'EVD-1': {
    fires: () => { const d = assembled(); d.do(0, SME, take('terminate-instance', 'db')); return d; },
    clean: () => { const d = assembled(); d.do(0, SME, take('image-disk', 'db')); d.do(0, SME, take('terminate-instance', 'db')); return d; },
  },
  'EVD-2': {
    fires: () => { const d = assembled(); d.do(0, SME, take('reboot-host', 'app')); return d; },
    clean: () => { const d = assembled(); d.do(0, SME, take('capture-memory', 'app')); d.do(0, SME, take('reboot-host', 'app')); return d; },
  },
  'EVD-3': {
    fires: () => { const d = assembled(); d.do(0, SME, take('image-disk', 'db')); return d; },
    clean: () => { const d = assembled(); d.do(0, SME, take('image-disk', 'db')); d.do(0, SME, take('image-disk', 'app')); return d; },
  },
  'EVD-4': {
    fires: () => { const d = assembled(); d.do(0, SME, take('image-disk-on-host', 'db')); return d; },
    clean: () => { const d = assembled(); d.do(0, SME, take('image-disk', 'db')); return d; },
  },
  'EVD-5': {
    fires: () => { const d = assembled(); d.do(0, SME, take('clean-host', 'app')); return d; },
    clean: () => { const d = assembled(); d.do(0, SME, take('image-disk', 'app')); return d; },
  },
  'EVD-6': {
    fires: () => { const d = assembled(); d.do(0, SME, take('restore-from-backup', 'db')); return d; },
    clean: () => { const d = assembled(); d.do(0, SME, take('validate-backup', 'db')); d.do(0, SME, take('restore-from-backup', 'db')); return d; },
  },
  'COM-1': {
    fires: () => { const d = new TestDrill(compiled).start(); d.do(0, DEPUTY, take('page-ic')); d.do(0, IC, say({ body: 'We are looking at the database breach.' })); return d; },
    clean: () => { const d = assembled(); d.do(0, IC, say({})); return d; },
  },
  'COM-2': {
    fires: () => { const d = assembled(); d.do(0, IC, say({ body: 'The database breach is ongoing.' })); return d; },
    clean: () => { const d = assembled(); d.do(0, IC, say({ body: 'Blue-Heron: next steps on the bridge.' })); return d; },
  },
  'COM-3': {
    fires: () => { const d = assembled(); d.do(0, IC, say({ subject: 'blue-heron status' })); return d; },
    clean: () => { const d = assembled(); d.do(0, IC, say({ subject: '[Attorney Work Project] blue-heron' })); return d; },
  },
  'COM-4': {
    fires: () => { const d = approved(assembled()); d.do(min(1), DEPUTY, say({ channel: 'email', audience: 'external', purpose: 'external-contact', recipients: ['cert@cert.example'], subject: 'Attorney Work Product: database breach', encrypted: true })); return d; },
    clean: () => { const d = approved(assembled()); d.do(min(1), DEPUTY, say({ channel: 'email', audience: 'external', purpose: 'external-contact', recipients: ['cert@cert.example'], subject: 'Attorney Work Product', encrypted: true })); return d; },
  },
  'COM-5': {
    fires: () => { const d = assembled(); d.do(0, IC, say({ channel: 'email', subject: 'Attorney Work Product', recipients: ['ops@example.com'] })); return d; },
    clean: () => { const d = assembled(); d.do(0, IC, say({ channel: 'voice' })); return d; },
  },
  'COM-6': {
    fires: () => { const d = assembled(); d.do(0, IC, say({ channel: 'sms', body: 'The customer database was breached, call me' })); return d; },
    clean: () => { const d = assembled(); d.do(0, IC, say({ channel: 'sms', purpose: 'redirect', body: 'Please join the bridge ASAP' })); return d; },
  },
  'COM-7': {
    fires: () => { const d = approved(assembled()); d.do(min(1), DEPUTY, say({ channel: 'email', audience: 'external', purpose: 'external-contact', recipients: ['ir@partner.example'], subject: 'Attorney Work Product', encrypted: false })); return d; },
    clean: () => { const d = approved(assembled()); d.do(min(1), DEPUTY, say({ channel: 'email', audience: 'external', purpose: 'external-contact', recipients: ['ir@partner.example'], subject: 'Attorney Work Product', encrypted: true })); return d; },
  },
  'COM-8': {
    fires: () => { const d = analysed(assembled()); d.do(min(2), DEPUTY, say(GOOD_STATEMENT)); return d; },
    clean: () => { const d = approved(analysed(assembled())); d.do(min(2), DEPUTY, say(GOOD_STATEMENT)); return d; },
  },
  'COM-9': {
    fires: () => { const d = approved(analysed(assembled())); d.do(min(2), DEPUTY, say({ ...GOOD_STATEMENT, subject: 'Security incident update' })); return d; },
    clean: () => { const d = approved(analysed(assembled())); d.do(min(2), DEPUTY, say({ ...GOOD_STATEMENT, subject: 'セキュリティインシデントのお知らせ（2026年11月22日）' })); return d; },
  },
  'COM-10': {
    fires: () => { const d = approved(analysed(assembled())); d.do(min(2), DEPUTY, say({ ...GOOD_STATEMENT, body: `${GOOD_STATEMENT.body} We take security very seriously.` })); return d; },
    clean: () => { const d = approved(analysed(assembled())); d.do(min(2), DEPUTY, say(GOOD_STATEMENT)); return d; },
  },
  'COM-11': {
    fires: () => { const d = approved(analysed(assembled())); d.do(min(2), DEPUTY, say({ ...GOOD_STATEMENT, body: 'Customer records were affected. Please reset your password.' })); return d; },
    clean: () => { const d = approved(analysed(assembled())); d.do(min(2), DEPUTY, say(GOOD_STATEMENT)); return d; },
  },
  'COM-12': {
    fires: () => { const d = approved(analysed(assembled())); d.do(min(2), DEPUTY, say({ ...GOOD_STATEMENT, body: 'On 2026-11-22 at 09:12 UTC something happened. Please reset your password.' })); return d; },
    clean: () => { const d = approved(analysed(assembled())); d.do(min(2), DEPUTY, say(GOOD_STATEMENT)); return d; },
  },
  'COM-13': {
    fires: () => { const d = approved(analysed(assembled())); d.do(min(2), DEPUTY, say({ ...GOOD_STATEMENT, body: 'On 2026-11-22 at 09:12 UTC customer records were accessed.' })); return d; },
    clean: () => { const d = approved(analysed(assembled())); d.do(min(2), DEPUTY, say(GOOD_STATEMENT)); return d; },
  },
  'COM-14': {
    fires: () => { const d = approved(analysed(assembled())); d.do(min(2), DEPUTY, say({ ...GOOD_STATEMENT, body: `${GOOD_STATEMENT.body} This was caused by the negligence of our hosting vendor.` })); return d; },
    clean: () => { const d = approved(analysed(assembled())); d.do(min(2), DEPUTY, say(GOOD_STATEMENT)); return d; },
  },
  'ROL-1': {
    fires: () => { const d = assembled(); d.do(0, IC, take('capture-memory', 'db')); return d; },
    clean: () => { const d = assembled(); d.do(0, IC, { type: 'task.assign', toRole: 'sme', action: 'capture-memory', target: 'db' }); d.do(0, SME, take('capture-memory', 'db')); return d; },
  },
  'ROL-2': {
    fires: () => { const d = assembled(); d.do(0, DEPUTY, take('image-disk', 'db')); return d; },
    clean: () => { const d = assembled(); d.do(0, SME, take('image-disk', 'db')); return d; },
  },
  'ROL-3': {
    fires: () => { const d = assembled(); d.do(0, SCRIBE, { type: 'timeline.add', text: 'Coffee was made' }); return d; },
    clean: () => { const d = assembled(); d.do(0, SCRIBE, { type: 'timeline.add', text: 'Attacker login on the app server' }); d.do(0, SCRIBE, { type: 'timeline.add', text: 'DB dump begins' }); return d; },
  },
  'ROL-4': {
    fires: () => { const d = assembled(); d.do(0, SCRIBE, { type: 'timeline.add', text: 'DB dump begins', claimedAt: min(-120) }); return d; },
    clean: () => { const d = assembled(); d.do(0, SCRIBE, { type: 'timeline.add', text: 'DB dump begins', claimedAt: min(1) }); return d; },
  },
  'TIM-1': {
    fires: () => { const d = new TestDrill(compiled).start(); d.do(min(12), DEPUTY, take('page-ic')); return d; },
    clean: () => assembled(),
  },
  'TIM-2': {
    fires: () => { const d = assembled(); d.do(min(29), SME, take('network-isolate', 'db')); return d; },
    clean: () => { const d = assembled(); d.do(min(2), SME, take('network-isolate', 'db')); return d; },
  },
  'TIM-3': {
    fires: () => { const d = assembled(); d.do(min(29), SME, take('network-isolate', 'db')); return d; },
    clean: () => { const d = assembled(); d.do(0, SME, take('network-isolate', 'db')); return d; },
  },
};

describe('scoring rules: each fires when broken and not when followed', () => {
  it('SCO-0 every rule in the rulebook has a case here', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual(Object.keys(CASES).sort());
  });
  for (const [id, c] of Object.entries(CASES)) {
    it(`${id} fires when the rule is broken`, () => {
      const found = deductions(c.fires(), id);
      expect(found.length).toBeGreaterThan(0);
      for (const f of found) {
        expect(f).toMatchObject({ rule: id, runbookRef: expect.stringMatching(/^[a-z-]+:[a-z0-9-]+$/) });
        // Every finding says what happened in each locale, and the translations are not copies.
        for (const text of [f.message.en, f.message.ja, f.message['zh-CN']]) expect(text.trim().length).toBeGreaterThan(0);
        expect(f.message.ja).not.toBe(f.message.en);
        expect(f.message['zh-CN']).not.toBe(f.message.en);
      }
    });
    it(`${id} does not fire when the rule is followed`, () => {
      const d = c.clean();
      expect(deductions(d, id)).toEqual([]);
      expect(credits(d, id).length).toBeGreaterThan(0);
    });
  }
});

describe('scoring: totals and determinism', () => {
  it('SCO-1 category scores are 0–100 and the total is their weighted mean', () => {
    const d = assembled();
    d.do(0, SME, take('terminate-instance', 'db'));
    const s = score(d);
    for (const v of Object.values(s.categories)) expect(v).toBeGreaterThanOrEqual(0);
    for (const v of Object.values(s.categories)) expect(v).toBeLessThanOrEqual(100);
    const mean = Object.values(s.categories).reduce((a, b) => a + b, 0) / 5;
    expect(s.total).toBeCloseTo(mean, 0);
  });
  it('SCO-2 an insider confirmed never counts as ruled out (ORD-3 fires even after assessment)', () => {
    const d = approved(assembled(insiderCompiled));
    d.do(min(1), SME, take('assess-insider-threat'));
    d.do(min(1), IC, say({ audience: 'internal', purpose: 'internal-announcement' }));
    expect(deductions(d, 'ORD-3').length).toBe(1);
  });
  it('SCO-3 the same log always scores the same', () => {
    const d = analysed(assembled());
    expect(JSON.stringify(score(d))).toBe(JSON.stringify(score(d)));
  });
  it('SCO-4 the facilitator cannot earn or lose points', () => {
    const d = assembled();
    d.do(0, FAC, { type: 'facilitator.note', text: 'slow start' });
    const before = score(assembled());
    expect(score(d).total).toBe(before.total);
  });
});
