import { describe, expect, it } from 'vitest';
import type { MessageDraft, StatementClaims } from '../../shared/engine/types.ts';
import { renderMsg } from '../../shared/i18n/message.ts';
import { buildContext, RULES, scoreContext, scoreDrill, type ScoreResult } from '../../shared/scoring/index.ts';
import type { Finding } from '../../shared/scoring/types.ts';
import { chat, compiledFixture, DEPUTY, FAC, fixtureWithAdversary, IC, min, SCRIBE, SME, SME2 } from '../engine/fixture.ts';
import { TestDrill } from '../engine/harness.ts';

/*
 * Every scoring rule has a case where it fires (a miss) and one where it does not (met). Logs are
 * produced by the real engine from commands, so work takes its time and knowledge is what the
 * team found out. The fixture's world: the attacker came in through `app` at T-30:00 and reached
 * `db` at T-20:00; `app2` and `wiki` are clean.
 */

const compiled = compiledFixture();
type Drill = TestDrill;

/** The team assembled by T+4:00: IC paged, codename set, private channel open. */
function assembled(c = compiled): Drill {
  const d = new TestDrill(c).start();
  d.take(0, DEPUTY, 'page-ic');
  d.take(min(2), IC, 'set-codename', undefined, 'blue-heron');
  d.take(min(2), DEPUTY, 'open-private-channel');
  d.tick(min(4));
  return d;
}
/** Observe the way in, then establish the break-in and the database reads. */
function investigated(d: Drill = assembled()): Drill {
  d.take(min(4), SME, 'review-system-logs', 'app');
  d.take(min(4), SME2, 'review-system-logs', 'db');
  d.tick(min(19));
  return d;
}
function approved(d: Drill): Drill {
  d.take(d.state.clock, IC, 'approve-disclosure');
  d.tick(d.state.clock + min(3));
  return d;
}
const statement = (kind: 'holding' | 'update' | 'final', claims: StatementClaims = {}, extra: Partial<MessageDraft> = {}): MessageDraft => ({
  channel: 'statement',
  recipients: [],
  subject: 'Security incident update, 2026-11-22',
  body: 'Timeline: on 2026-11-22 at 09:12 UTC we detected access and cut it off. Data affected: customer records (names, email addresses). What you should do: reset your password and enable multi-factor authentication.',
  encrypted: false,
  statement: { kind, claims },
  ...extra,
});
const send = (d: Drill, at: number, actor: typeof IC, message: MessageDraft) => d.do(at, actor, { type: 'message.send', message });

/** The drill's score; a context that keeps only what the rules read, as the live score's does, must give the same (SCO-MEM1). */
function score(d: Drill): ScoreResult {
  const whole = scoreDrill(d.compiled, d.entries);
  expect(scoreContext(buildContext(d.compiled, d.entries, 'scored'))).toEqual(whole);
  return whole;
}
const of = (d: Drill, rule: string) => score(d).findings.filter((f) => f.rule === rule);
const misses = (d: Drill, rule: string) => of(d, rule).filter((f) => f.verdict !== 'met');
const mets = (d: Drill, rule: string) => of(d, rule).filter((f) => f.verdict === 'met');

interface Case {
  fires: () => Drill;
  clean: () => Drill;
}

const CASES: Record<string, Case> = {
  'ORD-0': {
    fires: () => assembled(),
    clean: () => {
      const d = investigated();
      d.take(min(19), SME, 'network-isolate', 'app');
      d.take(min(19), SME2, 'identify-compromised-data');
      d.take(min(19), DEPUTY, 'assess-insider-threat');
      d.tick(min(40));
      d.take(min(40), DEPUTY, 'assess-risk-other-systems');
      d.tick(min(56));
      d.take(min(56), IC, 'close-incident');
      d.tick(min(59));
      return d;
    },
  },
  'ORD-1': {
    fires: () => { const d = new TestDrill(compiled).start(); send(d, min(1), IC, chat('help', ['counsel'])); return d; },
    clean: () => { const d = assembled(); send(d, min(5), IC, chat('status', ['counsel'])); return d; },
  },
  'ORD-4': {
    fires: () => { const d = assembled(); send(d, min(5), IC, statement('final')); return d; },
    clean: () => {
      const d = investigated();
      d.take(min(19), SME, 'identify-compromised-data');
      d.tick(min(40));
      send(d, min(40), IC, statement('final', { data: ['customers'] }));
      return d;
    },
  },
  'ORD-5': {
    fires: () => { const d = assembled(); d.take(min(5), SME, 'network-isolate', 'db'); return d; },
    clean: () => { const d = investigated(); d.take(min(19), SME, 'network-isolate', 'db'); return d; },
  },
  'ORD-6': {
    fires: () => { const d = new TestDrill(compiled).start(); d.take(0, SME, 'network-isolate', 'db'); return d; },
    clean: () => { const d = assembled(); d.take(min(5), SME, 'network-isolate', 'db'); return d; },
  },
  'ORD-8': {
    fires: () => { const d = assembled(); d.take(min(5), IC, 'close-incident'); d.tick(min(8)); return d; },
    clean: () => { const d = assembled(); d.take(min(5), SME, 'network-isolate', 'db'); d.tick(min(10)); d.take(min(10), IC, 'close-incident'); d.tick(min(13)); return d; },
  },
  'ORD-9': {
    fires: () => { const d = assembled(); d.take(min(5), IC, 'schedule-postmortem'); d.tick(min(8)); return d; },
    clean: () => { const d = assembled(); d.take(min(5), IC, 'close-incident'); d.tick(min(8)); d.take(min(8), IC, 'schedule-postmortem'); d.tick(min(11)); return d; },
  },
  'ORD-11': {
    fires: () => { const d = assembled(); d.take(min(5), SME, 'network-isolate', 'wiki'); return d; },
    clean: () => { const d = assembled(); d.take(min(5), SME, 'network-isolate', 'app'); return d; },
  },
  'EVD-1': {
    fires: () => { const d = assembled(); d.take(min(5), SME, 'terminate-instance', 'db'); d.tick(min(8)); return d; },
    clean: () => {
      const d = assembled();
      d.take(min(5), SME, 'capture-memory', 'app');
      d.tick(min(20));
      d.take(min(20), SME, 'image-disk', 'app');
      d.tick(min(50));
      d.take(min(50), SME, 'terminate-instance', 'app');
      d.tick(min(53));
      return d;
    },
  },
  'EVD-2': {
    fires: () => { const d = assembled(); d.take(min(5), SME, 'reboot-host', 'app'); d.tick(min(11)); return d; },
    clean: () => { const d = assembled(); d.take(min(5), SME, 'capture-memory', 'app'); d.tick(min(20)); d.take(min(20), SME, 'reboot-host', 'app'); d.tick(min(26)); return d; },
  },
  'EVD-3': {
    fires: () => { const d = assembled(); d.tick(min(10)); return d; },
    clean: () => {
      const d = compiledFixtureWithOneCompromise();
      d.take(min(4), SME, 'capture-memory', 'app');
      d.take(min(4), SME2, 'image-disk', 'app');
      d.tick(min(40));
      return d;
    },
  },
  'EVD-4': {
    fires: () => { const d = assembled(); d.take(min(5), SME, 'image-disk-on-host', 'app'); d.tick(min(30)); return d; },
    clean: () => { const d = assembled(); d.take(min(5), SME, 'image-disk', 'app'); d.tick(min(40)); return d; },
  },
  'EVD-5': {
    fires: () => { const d = assembled(); d.take(min(5), SME, 'clean-host', 'app'); d.tick(min(40)); return d; },
    clean: () => assembled(),
  },
  'EVD-6': {
    fires: () => { const d = assembled(); d.take(min(5), SME, 'restore-from-backup', 'db'); d.tick(min(50)); return d; },
    clean: () => { const d = assembled(); d.take(min(5), SME, 'validate-backup', 'db'); d.tick(min(20)); d.take(min(20), SME, 'restore-from-backup', 'db'); d.tick(min(65)); return d; },
  },
  'COM-0': {
    fires: () => { const d = assembled(); d.tick(min(10)); return d; },
    clean: () => {
      const d = approved(investigated());
      send(d, min(23), IC, chat('blue-heron: status', ['incident-room']));
      d.take(min(23), SME, 'identify-compromised-data');
      d.take(min(23), DEPUTY, 'assess-insider-threat');
      d.tick(min(45));
      send(d, min(45), IC, chat('Attorney Work Product. blue-heron overview for staff.', ['all-staff']));
      send(d, min(45), IC, { ...statement('final', { data: ['customers'] }), channel: 'email', recipients: ['customers'], encrypted: true });
      send(d, min(45), DEPUTY, { channel: 'email', recipients: ['regulator'], subject: 'Attorney Work Product', body: 'Attorney Work Product. Breach notification attached.', encrypted: true });
      return d;
    },
  },
  'COM-1': {
    fires: () => { const d = new TestDrill(compiled).start(); d.take(0, DEPUTY, 'open-private-channel'); d.tick(min(2)); send(d, min(2), IC, chat('hi')); return d; },
    clean: () => { const d = assembled(); send(d, min(5), IC, chat('blue-heron: hi')); return d; },
  },
  'COM-2': {
    fires: () => { const d = assembled(); send(d, min(5), IC, chat('status update')); return d; },
    clean: () => { const d = assembled(); send(d, min(5), IC, chat('blue-heron status update')); return d; },
  },
  'COM-3': {
    fires: () => { const d = assembled(); send(d, min(5), IC, { channel: 'email', recipients: ['counsel'], subject: 'Breach', body: 'We have a breach.', encrypted: true }); return d; },
    clean: () => { const d = assembled(); send(d, min(5), IC, { channel: 'email', recipients: ['counsel'], subject: 'Attorney Work Product', body: 'Attorney Work Product. We have a breach.', encrypted: true }); return d; },
  },
  'COM-4': {
    fires: () => { const d = assembled(); send(d, min(5), IC, { channel: 'email', recipients: ['counsel'], subject: 'Attorney Work Product: the database breach', body: 'Attorney Work Product. We have a breach.', encrypted: true }); return d; },
    clean: () => { const d = assembled(); send(d, min(5), IC, { channel: 'email', recipients: ['counsel'], subject: 'Attorney Work Product', body: 'Attorney Work Product. We have a breach.', encrypted: true }); return d; },
  },
  'COM-5': {
    fires: () => { const d = assembled(); send(d, min(5), IC, { channel: 'email', recipients: ['incident-room'], subject: 'Attorney Work Product', body: 'blue-heron: status', encrypted: true }); return d; },
    clean: () => { const d = assembled(); send(d, min(5), IC, chat('blue-heron: status')); return d; },
  },
  'COM-6': {
    fires: () => { const d = assembled(); send(d, min(5), IC, { channel: 'sms', recipients: ['+1 555 0100'], subject: '', body: 'We got hacked, the database is leaking.', encrypted: false }); return d; },
    clean: () => { const d = assembled(); send(d, min(5), IC, { channel: 'sms', recipients: ['+1 555 0100'], subject: '', body: 'Please join the bridge now.', encrypted: false }); return d; },
  },
  'COM-7': {
    fires: () => { const d = approved(assembled()); send(d, min(8), DEPUTY, { channel: 'email', recipients: ['police'], subject: 'Attorney Work Product', body: 'Reporting a breach.', encrypted: false }); return d; },
    clean: () => { const d = approved(assembled()); send(d, min(8), DEPUTY, { channel: 'email', recipients: ['police'], subject: 'Attorney Work Product', body: 'Reporting a breach.', encrypted: true }); return d; },
  },
  'COM-8': {
    fires: () => { const d = assembled(); send(d, min(5), DEPUTY, { channel: 'email', recipients: ['police'], subject: 'Attorney Work Product', body: 'Reporting a breach.', encrypted: true }); return d; },
    clean: () => { const d = approved(assembled()); send(d, min(8), DEPUTY, { channel: 'email', recipients: ['police'], subject: 'Attorney Work Product', body: 'Reporting a breach.', encrypted: true }); return d; },
  },
  'COM-9': {
    fires: () => { const d = assembled(); send(d, min(5), IC, statement('holding', {}, { subject: 'Security notice' })); return d; },
    clean: () => { const d = assembled(); send(d, min(5), IC, statement('holding')); return d; },
  },
  'COM-10': {
    fires: () => { const d = assembled(); send(d, min(5), IC, statement('holding', {}, { body: 'We take security very seriously and are investigating.' })); return d; },
    clean: () => { const d = assembled(); send(d, min(5), IC, statement('holding', {}, { body: 'We are investigating and will update this statement tomorrow.' })); return d; },
  },
  'COM-11': {
    fires: () => { const d = assembled(); send(d, min(5), IC, statement('final', {}, { body: 'Reset your password.' })); return d; },
    clean: () => { const d = assembled(); send(d, min(5), IC, statement('final')); return d; },
  },
  'COM-12': {
    fires: () => { const d = assembled(); send(d, min(5), IC, statement('final', {}, { body: 'Timeline: on 2026-11-22 we detected it. Reset your password.' })); return d; },
    clean: () => { const d = assembled(); send(d, min(5), IC, statement('final')); return d; },
  },
  'COM-13': {
    fires: () => { const d = assembled(); send(d, min(5), IC, statement('final', {}, { body: 'Timeline: on 2026-11-22 we detected it. Customer records were affected.' })); return d; },
    clean: () => { const d = assembled(); send(d, min(5), IC, statement('final')); return d; },
  },
  'COM-15': {
    fires: () => { const d = assembled(); send(d, min(5), IC, statement('holding', { cause: 'vuln', records: 10 })); return d; },
    clean: () => { const d = assembled(); send(d, min(5), IC, statement('holding')); return d; },
  },
  'COM-16': {
    fires: () => { const d = assembled(); send(d, min(5), IC, statement('holding', {}, { body: 'The Night Owl crew attacked us; we are investigating.' })); return d; },
    clean: () => { const d = assembled(); send(d, min(5), IC, statement('holding', {}, { body: 'We are investigating and will update this statement tomorrow.' })); return d; },
  },
  'COM-17': {
    fires: () => { const d = approved(assembled()); send(d, min(8), DEPUTY, { channel: 'email', recipients: ['police'], subject: 'Attorney Work Product', body: 'Attorney Work Product. The admin password is Winter2026! on db.', encrypted: true }); return d; },
    clean: () => { const d = approved(assembled()); send(d, min(8), DEPUTY, { channel: 'email', recipients: ['police'], subject: 'Attorney Work Product', body: 'Attorney Work Product. Indicators are available on request.', encrypted: true }); return d; },
  },
  'COM-18': {
    fires: () => {
      const d = new TestDrill(fixtureWithAdversary({ reads: [{ channel: 'email' }] })).start();
      send(d, min(1), IC, { channel: 'email', recipients: ['counsel'], subject: 'Attorney Work Product', body: 'Attorney Work Product. We have a breach.', encrypted: true });
      return d;
    },
    clean: () => {
      const d = new TestDrill(fixtureWithAdversary({ reads: [{ channel: 'email', ifCompromised: 'wiki' }] })).start();
      send(d, min(1), IC, { channel: 'email', recipients: ['counsel'], subject: 'Attorney Work Product', body: 'Attorney Work Product. We have a breach.', encrypted: true });
      return d;
    },
  },
  'COM-19': {
    fires: () => { const d = assembled(); send(d, min(5), IC, chat('Attorney Work Product. We are handling a breach.', ['all-staff'])); return d; },
    clean: () => {
      const d = investigated();
      d.take(min(19), DEPUTY, 'assess-insider-threat');
      d.tick(min(35));
      send(d, min(35), IC, chat('Attorney Work Product. We are handling a breach.', ['all-staff']));
      return d;
    },
  },
  'COM-20': {
    fires: () => { const d = assembled(); send(d, min(5), IC, chat('Pat, did you do this?', ['pat'])); return d; },
    clean: () => {
      const d = investigated();
      d.take(min(19), DEPUTY, 'assess-insider-threat');
      d.tick(min(35));
      send(d, min(35), IC, chat('Pat, you are in the clear.', ['pat']));
      return d;
    },
  },
  'DEC-1': {
    fires: () => { const d = assembled(); d.do(min(5), FAC, { type: 'inject.push', injectId: 'exec' }); d.tick(min(11)); return d; },
    clean: () => { const d = assembled(); d.do(min(5), FAC, { type: 'inject.push', injectId: 'exec' }); d.do(min(6), IC, { type: 'decision.answer', injectId: 'exec', option: 'hold' }); return d; },
  },
  'ROL-1': {
    fires: () => { const d = assembled(); d.take(min(5), IC, 'capture-memory', 'app'); return d; },
    clean: () => { const d = assembled(); d.do(min(5), IC, { type: 'task.assign', toSeat: 'sme-1', action: 'capture-memory', target: 'app' }); return d; },
  },
  'ROL-2': {
    fires: () => { const d = assembled(); d.take(min(5), DEPUTY, 'capture-memory', 'app'); d.tick(min(21)); return d; },
    clean: () => { const d = assembled(); d.take(min(5), SME, 'capture-memory', 'app'); d.tick(min(21)); return d; },
  },
  'ROL-3': {
    fires: () => {
      const d = investigated();
      // Right facts, wrong author: only the scribe (or whoever the IC handed the timeline to) keeps it.
      d.do(min(20), IC, { type: 'timeline.add', text: 'Break-in on the app server', claimedAt: min(-30), asset: 'app', kind: 'initial-access' });
      return d;
    },
    clean: () => {
      const d = investigated();
      d.tick(min(20));
      d.do(min(20), SCRIBE, { type: 'timeline.add', text: 'Break-in on the app server', claimedAt: min(-30), asset: 'app', kind: 'initial-access' });
      d.do(min(20), SCRIBE, { type: 'timeline.add', text: 'Database reads begin', claimedAt: 0, asset: 'db', kind: 'exfiltration' });
      return d;
    },
  },
  'ROL-4': {
    fires: () => { const d = investigated(); d.do(min(20), SCRIBE, { type: 'timeline.add', text: 'Break-in', claimedAt: min(5), asset: 'app', kind: 'initial-access' }); return d; },
    clean: () => { const d = investigated(); d.do(min(20), SCRIBE, { type: 'timeline.add', text: 'Break-in', claimedAt: min(-32), asset: 'app', kind: 'initial-access' }); return d; },
  },
  'ROL-5': {
    fires: () => { const d = assembled(); d.do(min(5), IC, { type: 'task.assign', toSeat: 'sme-1', action: 'capture-memory', target: 'app' }); d.tick(min(30)); return d; },
    clean: () => { const d = assembled(); d.do(min(5), IC, { type: 'task.assign', toSeat: 'sme-1', action: 'capture-memory', target: 'app' }); d.take(min(6), SME, 'capture-memory', 'app'); d.tick(min(30)); return d; },
  },
  'TIM-1': {
    fires: () => { const d = new TestDrill(compiled).start(); d.take(min(20), DEPUTY, 'page-ic'); d.tick(min(40)); return d; },
    clean: () => assembled(),
  },
  'TIM-2': {
    fires: () => { const d = assembled(); d.take(min(45), SME, 'network-isolate', 'db'); d.tick(min(50)); return d; },
    clean: () => { const d = assembled(); d.take(min(5), SME, 'network-isolate', 'db'); d.tick(min(10)); return d; },
  },
  'TIM-3': {
    fires: () => { const d = assembled(); d.take(min(45), SME, 'network-isolate', 'db'); d.tick(min(50)); return d; },
    clean: () => { const d = new TestDrill(compiled).start(); d.take(0, SME, 'network-isolate', 'db'); d.tick(min(0.5)); return d; },
  },
  'TIM-4': {
    fires: () => { const d = assembled(); d.take(min(5), SME, 'network-isolate', 'wiki'); d.tick(min(60)); return d; },
    clean: () => { const d = assembled(); d.take(min(5), SME, 'network-isolate', 'app'); d.tick(min(60)); return d; },
  },
};

/** The fixture with only the way in compromised (nothing spread), for a case that secures every compromised system. */
function compiledFixtureWithOneCompromise(): Drill {
  return assembled(fixtureWithAdversary({ spread: [] }));
}

describe('scoring rules: each fires when broken and not when followed', () => {
  it('SCO-0 every rule in the rulebook has a case here', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual(Object.keys(CASES).sort());
  });
  for (const [id, c] of Object.entries(CASES)) {
    it(`${id} fires when the rule is broken`, () => {
      const found = misses(c.fires(), id);
      expect(found.length, JSON.stringify(of(c.fires(), id).map((f) => renderMsg(f.message, 'en')))).toBeGreaterThan(0);
      for (const f of found) {
        expect(f).toMatchObject({ rule: id, runbookRef: expect.stringMatching(/^[a-z-]+:[a-z0-9-]+$/) });
        expect(f.points).toBeLessThan(0);
        expect(f.severity).not.toBeNull();
        expect(renderMsg(f.message, 'en')).not.toMatch(/\{[a-zA-Z0-9]+\}/);
      }
    });
    it(`${id} does not fire when the rule is followed`, () => {
      const d = c.clean();
      expect(misses(d, id).map((f) => renderMsg(f.message, 'en'))).toEqual([]);
      if (id !== 'EVD-5') expect(mets(d, id).length).toBeGreaterThan(0);
    });
  }
});

describe('scoring: what a message said is judged on what was known when it was sent', () => {
  const email = { channel: 'email' as const, recipients: ['police'], subject: 'Attorney Work Product', body: 'Attorney Work Product. Re blue-heron: we have a breach.', encrypted: true };
  const codenameLeaks = (d: Drill) => of(d, 'COM-17').filter((f) => JSON.stringify(f.message).includes('secret.codename'));

  it('COM-17 a message naming the codename outside the company after it was set gives it away', () => {
    const d = assembled();
    send(d, min(5), IC, email);
    expect(codenameLeaks(d)).toHaveLength(1);
  });

  it('COM-17 the same words sent before the codename was set give nothing away', () => {
    const d = new TestDrill(compiled).start();
    send(d, 0, IC, email);
    d.take(0, DEPUTY, 'page-ic');
    d.take(min(2), IC, 'set-codename', undefined, 'blue-heron');
    d.tick(min(4));
    expect(d.state.codename).toBe('blue-heron');
    expect(of(d, 'COM-17')).toHaveLength(1);
    expect(codenameLeaks(d)).toEqual([]);
  });
});

describe('scoring: totals, severity and determinism', () => {
  it('SCO-1 category scores are 0–100; the total is their weighted mean less the penalties of grave failures', () => {
    const d = assembled();
    d.take(min(5), SME, 'terminate-instance', 'db');
    d.tick(min(10));
    const s = score(d);
    for (const v of Object.values(s.categories)) expect(v).toBeGreaterThanOrEqual(0);
    for (const v of Object.values(s.categories)) expect(v).toBeLessThanOrEqual(100);
    const mean = Object.values(s.categories).reduce((a, b) => a + b, 0) / 5;
    expect(s.penalties).toBeGreaterThanOrEqual(25 + 8);
    expect(s.total).toBeCloseTo(Math.max(0, mean - s.penalties), 0);
  });

  it('SCO-2 one finding per rule instance, with net points: never a credit and a deduction for the same thing', () => {
    const d = assembled();
    d.take(min(5), SME, 'network-isolate', 'wiki');
    d.tick(min(60));
    const keys = score(d).findings.map((f: Finding) => `${f.rule}@${f.at}@${JSON.stringify(f.message)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('SCO-3 the same log always scores the same', () => {
    const d = investigated();
    expect(JSON.stringify(score(d))).toBe(JSON.stringify(score(d)));
  });

  it('SCO-4 the facilitator cannot earn or lose points', () => {
    const d = assembled();
    d.do(min(4), FAC, { type: 'facilitator.note', text: 'slow start' });
    expect(score(d).total).toBe(score(assembled()).total);
  });

  it('SCO-5 every seat is scored on what it did and owned; a seat that did nothing judged has no score', () => {
    const d = assembled();
    d.take(min(5), IC, 'capture-memory', 'app');
    d.tick(min(25));
    const seats = Object.fromEntries(score(d).seats.map((s) => [s.seat, s]));
    expect(seats.ic?.total).not.toBeNull();
    expect(seats.deputy?.total).toBeGreaterThan(seats.ic?.total ?? 100);
    expect(seats['sme-2']?.possible).toBeGreaterThanOrEqual(0);
  });

  it('SCO-6 speed cannot buy back destroyed evidence: a fast team that terminates the breached hosts scores below a slower one that images them', () => {
    const fast = assembled();
    fast.take(min(4), SME, 'terminate-instance', 'app');
    fast.take(min(4), SME2, 'terminate-instance', 'db');
    fast.tick(min(90));
    const careful = investigated();
    careful.take(min(19), SME, 'network-isolate', 'app');
    careful.take(min(19), SME2, 'capture-memory', 'db');
    careful.tick(min(34));
    careful.take(min(34), SME2, 'image-disk', 'db');
    careful.take(min(34), SME, 'capture-memory', 'app');
    careful.tick(min(49));
    careful.take(min(49), SME, 'image-disk', 'app');
    careful.tick(min(90));
    expect(score(fast).total).toBeLessThan(score(careful).total - 15);
  });
});
