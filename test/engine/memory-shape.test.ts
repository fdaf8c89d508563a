import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { MessageDraft } from '../../shared/engine/types.ts';
import { compiledFixture, IC, min, SCRIBE } from './fixture.ts';
import { TestDrill } from './harness.ts';

/*
 * The records a drill keeps for its whole life must share V8's hidden classes. A message record made
 * with `{ ...event.message, id, at, seq, from }` gets a hidden class of its own (a few hundred bytes
 * each, ARCHITECTURE.md MEM3–5), and nothing but memory shows it. V8's own test hook says whether two
 * objects share one.
 */

setFlagsFromString('--allow-natives-syntax');
const sameShape = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

/** How many of `objects` have a hidden class different from the first one's. */
const otherShapes = (objects: object[]) => objects.filter((o) => !sameShape(o, objects[0]!)).length;

const draft = (body: string): MessageDraft => ({ channel: 'chat', recipients: ['all-staff'], subject: '', body, encrypted: false });

/** Twenty drills of the same scenario, each with messages and timeline entries from two seats, interleaved as on a server. */
function playedDrills(): TestDrill[] {
  const compiled = compiledFixture();
  const drills = Array.from({ length: 20 }, (_, i) => new TestDrill(compiled, `seed-${i}`).start());
  for (let round = 1; round <= 5; round++) {
    for (const d of drills) {
      // A message's text arrives parsed from JSON, as it does from a socket or the log.
      d.do(min(round), IC, JSON.parse(JSON.stringify({ type: 'message.send', message: draft(`status ${round}`) })));
      d.do(min(round) + 1, SCRIBE, { type: 'timeline.add', text: `note ${round}` });
    }
  }
  return drills;
}

describe('MEM: long-lived drill records share hidden classes', () => {
  it('MEM3 message records of every drill share one hidden class', () => {
    const messages = playedDrills().flatMap((d) => d.state.messages);
    expect(messages).toHaveLength(100);
    expect(otherShapes(messages)).toBe(0);
  });

  it('MEM4 timeline entries share one hidden class', () => {
    const entries = playedDrills().flatMap((d) => d.state.timeline);
    expect(entries).toHaveLength(100);
    expect(otherShapes(entries)).toBe(0);
  });

  it('MEM5 the check can tell: a spread of a spread, plus properties, gives each copy a class of its own', () => {
    // The counterpart of MEM3, so that MEM3 cannot pass because the check always says "same".
    const copies = Array.from({ length: 50 }, (_, i) => {
      const inner = { ...draft(`x ${i}`), recipients: [] };
      return { ...inner, id: `m${i}`, at: i, seq: i, from: IC };
    });
    expect(otherShapes(copies)).toBeGreaterThan(25);
  });
});
