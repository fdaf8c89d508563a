import { compileScenario } from '../../shared/scenario/compile.ts';
import { scenarioSchema, type ScenarioInput } from '../../shared/scenario/schema.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';
import type { Viewer } from '../../shared/engine/view-types.ts';

/** A small scenario that exercises every engine mechanism: schedule, conditions, facilitator pushes, exfiltration, tip-off, phases. */
export const FIXTURE: ScenarioInput = {
  formatVersion: 1,
  id: 'fixture',
  version: 1,
  title: 'Fixture',
  brief: 'A small drill for engine tests.',
  difficulty: 'intro',
  durationMinutes: 30,
  organisation: { name: 'Example Corp', domain: 'example.com' },
  assets: [
    { id: 'db', name: 'Customer database', kind: 'database', criticality: 'critical', compromised: true, hasBackup: true, links: ['app'] },
    { id: 'app', name: 'App server', kind: 'server', criticality: 'high', compromised: true },
    { id: 'wiki', name: 'Wiki', kind: 'service', criticality: 'low' },
  ],
  dataStores: [{ id: 'customers', name: 'Customer records', asset: 'db', records: 10_000, sensitivity: 'personal' }],
  adversary: {
    origin: 'external',
    profile: 'A financially motivated crew.',
    foothold: ['app'],
    exfiltration: { from: 'customers', perMinute: 1000, startsAtMinute: 0, stoppedBy: [{ action: 'network-isolate', target: 'db' }, { action: 'block-ips' }] },
    tipOff: {
      chance: 1,
      fallbackAfterMinutes: 3,
      fallback: { kind: 'wipe', target: 'app', description: 'The attacker wipes the app server.' },
      preventedBy: [{ action: 'network-isolate', target: 'app' }],
    },
  },
  reveals: { 'identify-compromised-data': 'Customer records were copied.' },
  truth: [
    { id: 'access', atMinute: -30, text: 'Attacker logs in to the app server', keywords: ['app server', 'login'], key: true },
    { id: 'dump', atMinute: 0, text: 'Database dump starts', keywords: ['dump'], key: true },
  ],
  injects: [
    { id: 'alert', title: 'Unusual egress', body: 'Outbound traffic from db spiked.', delivery: { at: 0 }, hint: 'Page an IC.' },
    { id: 'followup', title: 'Follow-up', body: 'Egress continues.', delivery: { at: 5 } },
    { id: 'isolated', title: 'DB isolated', body: 'Egress dropped to zero.', delivery: { when: { exfilStopped: true } }, audience: ['ic', 'sme'] },
    { id: 'exec', title: 'Exec asks', body: 'What is going on?', delivery: { facilitator: true } },
    { id: 'secret', title: 'Facilitator only', body: 'For your eyes.', delivery: { at: 1 }, audience: 'facilitator' },
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

export const FAC: Viewer = { role: 'facilitator', seat: 'facilitator' };
export const IC: Viewer = { role: 'ic', seat: 'ic' };
export const DEPUTY: Viewer = { role: 'deputy', seat: 'deputy' };
export const SCRIBE: Viewer = { role: 'scribe', seat: 'scribe' };
export const SME: Viewer = { role: 'sme', seat: 'sme-1' };
export const OBSERVER: Viewer = { role: 'observer', seat: 'observer-1' };
export const min = (m: number) => Math.round(m * 60_000);
