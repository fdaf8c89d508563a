import { describe, expect, it } from 'vitest';
import { drillOfRequestHead, owns, shardOf } from '../../server/cluster/shard.ts';
import { newDrillId, newSeatToken } from '../../server/drills/tokens.ts';
import { drillOfToken } from '../../shared/protocol/index.ts';

/*
 * The pure parts of sharding: which process owns a drill, and how the primary reads the drill a
 * connection is about from its request line (see server/cluster/).
 */

describe('SHARD: ownership', () => {
  it('SHARD1 every drill has exactly one owner, the same in every process, and drills spread evenly', () => {
    const ids = Array.from({ length: 4000 }, () => newDrillId());
    for (const count of [2, 3, 4]) {
      const perShard = new Array<number>(count).fill(0);
      for (const id of ids) {
        const owners = Array.from({ length: count }, (_, index) => owns({ index, count }, id));
        expect(owners.filter(Boolean)).toHaveLength(1);
        expect(owners.indexOf(true)).toBe(shardOf(id, count));
        perShard[shardOf(id, count)]!++;
      }
      // 4,000 random ids: each shard within 15 % of an even share.
      for (const n of perShard) expect(Math.abs(n - 4000 / count)).toBeLessThan((0.15 * 4000) / count);
    }
    expect(shardOf('abc123', 2)).toBe(shardOf('abc123', 2));
  });

  it('SHARD2 a lone process (no shard, or a shard of one) owns every drill', () => {
    expect(owns(null, 'anything')).toBe(true);
    expect(owns({ index: 0, count: 1 }, 'anything')).toBe(true);
  });
});

describe('SHARD: routing keys', () => {
  it('SHARD3 a seat token carries its drill id; older tokens and junk carry none', () => {
    const id = newDrillId();
    expect(drillOfToken(newSeatToken(id))).toBe(id);
    expect(drillOfToken('Zm9vYmFyYmF6cXV4cXV1eHF1dXhx')).toBeNull();
    expect(drillOfToken('.secret')).toBeNull();
    expect(drillOfToken('UPPER.secret')).toBeNull();
    expect(drillOfToken('a/b.secret')).toBeNull();
  });

  it('SHARD4 the drill is read from ?drill= or a /drills/<id>/ path; anything else names none', () => {
    const head = (target: string) => `GET ${target} HTTP/1.1\r\nHost: x\r\n\r\n`;
    expect(drillOfRequestHead(head('/socket.io/?EIO=4&transport=websocket&drill=abc123'))).toBe('abc123');
    expect(drillOfRequestHead(head('/socket.io/?drill=abc123&EIO=4'))).toBe('abc123');
    expect(drillOfRequestHead(head('/drills/abc123/report.html?token=x'))).toBe('abc123');
    expect(drillOfRequestHead(head('/drills/abc123/events.jsonl'))).toBe('abc123');
    expect(drillOfRequestHead(head('/drills/abc123/view'))).toBe('abc123');
    expect(drillOfRequestHead(`POST /api/drills HTTP/1.1\r\n\r\n{}`)).toBeNull();
    expect(drillOfRequestHead(head('/'))).toBeNull();
    expect(drillOfRequestHead(head('/assets/index.js'))).toBeNull();
    // Hostile or malformed: no drill, never an exception.
    expect(drillOfRequestHead(head('/socket.io/?drill=%00%2F..'))).toBeNull();
    expect(drillOfRequestHead(head(`/socket.io/?drill=${'a'.repeat(3000)}`))).toBeNull();
    expect(drillOfRequestHead(head('/socket.io/?drill=ABC'))).toBeNull();
    expect(drillOfRequestHead('\u0016\u0003\u0001 binary TLS hello')).toBeNull();
    expect(drillOfRequestHead('GET /drills/abc123/report.html')).toBeNull();
    expect(drillOfRequestHead('')).toBeNull();
  });
});
