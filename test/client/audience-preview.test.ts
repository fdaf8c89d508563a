import { describe, expect, it } from 'vitest';
import { previewReach, unknownAddresses } from '../../client/src/ui/audience-preview.ts';
import { BUNDLED } from '../../client/src/scenarios.ts';
import { createDrill } from '../../shared/engine/execute.ts';
import { reachOf } from '../../shared/engine/reach.ts';
import type { Channel } from '../../shared/engine/types.ts';
import { publicScenario } from '../../shared/engine/view.ts';

/*
 * The composer shows who a message will reach before it is sent. It asks the engine's own rules with
 * only what a seat may see, so the preview is the audience and organisations the engine records,
 * in every drawn world, without ever saying whether the attacker reads it.
 */

const compiled = BUNDLED.find((c) => c.scenario.id === 'exfiltration-detected')!;
const scenario = publicScenario(compiled);

describe('REACH-P: the audience shown before sending', () => {
  it('REACH-P1 the preview is the reach the engine records (audience, organisations, people) for every kind of recipient', () => {
    const drafts: { channel: Channel; recipients: string[] }[] = [
      { channel: 'chat', recipients: ['incident-room'] },
      { channel: 'chat', recipients: ['engineering'] },
      { channel: 'email', recipients: ['counsel', 'ceo'] },
      { channel: 'email', recipients: ['reporter'] },
      { channel: 'email', recipients: ['customers', 'regulator'] },
      { channel: 'statement', recipients: [] },
      { channel: 'email', recipients: ['someone@northwind.example', 'x@elsewhere.example'] },
      { channel: 'sms', recipients: ['+1 555 0199'] },
    ];
    for (const seed of ['1', '2', '3', '4']) {
      const truth = createDrill(compiled, seed).state.truth;
      for (const d of drafts) {
        const { attackerReads: _hidden, ...real } = reachOf(compiled.scenario, truth, { ...d, subject: '', body: '', encrypted: false }, 0);
        const preview = previewReach(scenario, d);
        expect(preview, `${seed} ${JSON.stringify(d)}`).toEqual(real);
        expect(preview).not.toHaveProperty('attackerReads');
      }
    }
  });

  it('REACH-P2 a free recipient that is neither in the directory nor an address is named before sending', () => {
    expect(unknownAddresses(scenario, ['legal@northwind.example', '#room', 'not an address', 'counsel'])).toEqual(['not an address']);
  });
});
