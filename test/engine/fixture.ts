import { compileScenario } from '../../shared/scenario/compile.ts';
import { scenarioSchema, type ScenarioInput } from '../../shared/scenario/schema.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import type { Viewer } from '../../shared/engine/view-types.ts';
import type { MessageDraft } from '../../shared/engine/types.ts';

/**
 * A small scenario that exercises every engine mechanism: the schedule, conditions, facilitator
 * pushes, exfiltration, tip-off, phases, findings, knowledge, decisions, the directory and claims.
 * The entry point is fixed (app) so tests know the world; VARIED lets the seed choose.
 */
export const FIXTURE: ScenarioInput = {
  formatVersion: 2,
  id: 'fixture',
  version: 1,
  title: 'Fixture',
  brief: 'A small drill for engine tests.',
  difficulty: 'intro',
  durationMinutes: 120,
  startsAt: '21:00',
  organisation: { name: 'Example Corp', domain: 'example.com' },
  team: { smes: 2 },
  assets: [
    { id: 'db', name: 'Customer database', kind: 'database', criticality: 'critical', hasBackup: true, links: ['app'], work: { 'image-disk': { minutes: 60 } } },
    { id: 'app', name: 'App server', kind: 'server', criticality: 'high' },
    { id: 'app2', name: 'Second app server', kind: 'server', criticality: 'high' },
    { id: 'wiki', name: 'Wiki', kind: 'service', criticality: 'low' },
  ],
  dataStores: [{ id: 'customers', name: 'Customer records', asset: 'db', records: 100_000, sensitivity: 'personal' }],
  directory: [
    { id: 'incident-room', name: 'Incident channel', address: '#inc', org: 'team', group: true, openedBy: 'open-private-channel' },
    { id: 'soc', name: 'SOC on call', address: 'soc@example.com', org: 'team' },
    { id: 'all-staff', name: 'All staff', address: 'all@example.com', org: 'company', group: true },
    { id: 'eng', name: 'Engineering', address: '#eng', org: 'company', group: true, readByInsider: true },
    { id: 'pat', name: 'Pat, the engineer the alert names', address: 'pat@example.com', org: 'company', suspect: true },
    { id: 'counsel', name: 'Counsel', address: 'legal@example.com', org: 'company' },
    { id: 'customers', name: 'Customers', address: 'customers@lists.example.com', org: 'customer', group: true },
    { id: 'reporter', name: 'A reporter', address: 'desk@news.example', org: 'press' },
    { id: 'police', name: 'Police', address: 'cyber@police.example', org: 'law-enforcement' },
    { id: 'regulator', name: 'Regulator', address: 'breach@dpa.example', org: 'regulator' },
    { id: 'acme-hosting', name: 'Acme Hosting', address: 'support@acme.example', org: 'vendor' },
  ],
  claims: {
    causes: [{ id: 'vuln', label: 'A software vulnerability' }, { id: 'phishing', label: 'Phishing' }],
    actors: [{ id: 'crew', label: 'An outside criminal group' }, { id: 'supplier', label: 'Our hosting supplier', names: true }],
  },
  adversary: {
    origin: 'external',
    profile: 'A financially motivated crew.',
    aliases: ['Night Owl crew'],
    entry: ['app'],
    spread: [{ asset: 'db', atMinute: -20 }],
    cause: 'vuln',
    actor: 'crew',
    exfiltration: { from: 'customers', perMinute: 1000, startsAtMinute: 0, stoppedBy: [{ action: 'network-isolate', target: 'db' }, { action: 'network-isolate', target: '$entry' }] },
    reads: [{ channel: 'email', ifCompromised: 'wiki' }],
    tipOff: {
      chance: 1,
      fallbackAfterMinutes: 3,
      fallback: { kind: 'wipe', target: '$entry', description: 'The attacker wipes the way in.' },
      preventedBy: [{ action: 'network-isolate', target: '$entry' }],
    },
  },
  findings: {
    'review-system-logs': [
      { when: { target: 'entry' }, learn: [{ asset: '$target', level: 'confirmed' }, { fact: 'access' }, { fact: 'entry' }], text: '{target} was broken into at {time:access}.' },
      { when: { target: 'compromised' }, learn: [{ asset: '$target', level: 'confirmed' }, { fact: 'dump' }], text: '{target} is being read by {entry}.' },
      { when: { target: 'clean' }, learn: [{ asset: '$target', level: 'cleared' }], text: 'Nothing on {target}.' },
    ],
    'identify-compromised-data': [
      { when: { known: ['dump'] }, learn: [{ fact: 'data' }, { fact: 'records' }], text: 'Customer records were copied.' },
      { text: 'Not enough is known yet.' },
    ],
    'assess-insider-threat': [{ when: { known: ['entry'] }, learn: [{ fact: 'insider' }], text: 'No insider.' }, { text: 'Too early to say.' }],
    'forensic-analysis': [{ learn: [{ fact: 'cause' }, { fact: 'actor' }], text: 'The Night Owl crew exploited a bug.' }],
  },
  truth: [
    { id: 'access', atMinute: -30, kind: 'initial-access', asset: '$entry', text: 'Attacker logs in to the way in', key: true },
    { id: 'dump', atMinute: 0, kind: 'exfiltration', asset: 'db', text: 'Database dump starts', key: true },
  ],
  injects: [
    { id: 'alert', title: 'Unusual egress', body: 'Outbound traffic from db spiked.', delivery: { at: 0 }, hint: 'Page an IC.', learn: [{ fact: 'exfil' }, { asset: 'db', level: 'suspected' }, { asset: 'app', level: 'suspected' }] },
    { id: 'followup', title: 'Follow-up', body: 'Egress continues.', delivery: { at: 5 } },
    { id: 'isolated', title: 'DB isolated', body: 'Egress dropped to zero.', delivery: { when: { exfilStopped: true } }, audience: ['ic', 'sme'] },
    {
      id: 'exec',
      title: 'Exec asks',
      body: 'Should we restart everything?',
      delivery: { facilitator: true },
      decision: { prompt: 'Restart?', dueInMinutes: 5, by: ['ic'], options: [{ id: 'hold', label: 'Hold', verdict: 'good' }, { id: 'restart', label: 'Restart', verdict: 'poor' }] },
    },
    { id: 'restarted', title: 'Restarted', body: 'They restarted the app server.', delivery: { when: { any: [{ decision: 'exec', is: 'restart' }, { decision: 'exec', is: 'missed' }] } }, effects: [{ asset: 'app', set: { rebooted: true } }] },
    { id: 'secret', title: 'Facilitator only', body: 'For your eyes.', delivery: { at: 1 }, audience: 'facilitator', learn: [{ fact: 'entry' }] },
  ],
  phases: {
    initial: 'active',
    states: [
      { id: 'active', title: 'Attack in progress', transitions: [{ to: 'contained', when: { exfilStopped: true } }] },
      { id: 'contained', title: 'Contained', final: true },
    ],
  },
  rubric: { weights: {}, targets: { pageIcMinutes: 5, containMinutes: 15 } },
};

export function compiledFixture(overrides: Partial<ScenarioInput> = {}): CompiledScenario {
  return compileScenario(scenarioSchema.parse({ ...FIXTURE, ...overrides }));
}

/** The fixture with the adversary changed (a deep field of it), everything else as it is. */
export function fixtureWithAdversary(change: Partial<ScenarioInput['adversary']>): CompiledScenario {
  return compiledFixture({ adversary: { ...FIXTURE.adversary, ...change } });
}

export const FAC: Viewer = { role: 'facilitator', seat: 'facilitator' };
export const IC: Viewer = { role: 'ic', seat: 'ic' };
export const DEPUTY: Viewer = { role: 'deputy', seat: 'deputy' };
export const SCRIBE: Viewer = { role: 'scribe', seat: 'scribe' };
export const SME: Viewer = { role: 'sme', seat: 'sme-1' };
export const SME2: Viewer = { role: 'sme', seat: 'sme-2' };
export const OBSERVER: Viewer = { role: 'observer', seat: 'observer-1' };
export const min = (m: number) => Math.round(m * 60_000);

/** A chat message to the given recipients (the team channel by default). */
export const chat = (body: string, recipients: string[] = ['incident-room'], extra: Partial<MessageDraft> = {}): MessageDraft => ({ channel: 'chat', recipients, subject: '', body, encrypted: false, ...extra });
