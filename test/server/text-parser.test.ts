import { describe, expect, it } from 'vitest';
import { Encoder, PacketType, type Packet } from 'socket.io-parser';
import { PreEncoded } from '../../server/socket/pre-encoded.ts';
import { TextOnlyEncoder } from '../../server/socket/text-parser.ts';

const packets: Packet[] = [
  { type: PacketType.EVENT, nsp: '/', data: ['drill:eventApplied', { seq: 7, event: { type: 'message.sent', body: 'Ç "quoted" \\ 日本語 ✓', to: ['soc', null] } }, { seq: 7, ops: [] }] },
  { type: PacketType.ACK, nsp: '/', id: 42, data: [{ ok: true, data: { seqs: [5, 6], seq: 6 } }] },
  { type: PacketType.EVENT, nsp: '/', id: 3, data: ['drill:scoreChanged', { total: 0, findings: [] }] },
  { type: PacketType.CONNECT, nsp: '/', data: { sid: 'abc' } },
  { type: PacketType.CONNECT_ERROR, nsp: '/', data: { message: 'origin not allowed', data: { code: 'UNAUTHORIZED' } } },
  { type: PacketType.EVENT, nsp: '/admin', id: 9, data: ['ping', 1.5, false, null] },
  { type: PacketType.DISCONNECT, nsp: '/' },
];

describe('WIRE8 text-only encoder', () => {
  it('WIRE8 writes each packet as the one text frame the stock encoder writes', () => {
    const stock = new Encoder();
    const text = new TextOnlyEncoder();
    for (const packet of packets) {
      const frames = text.encode(packet);
      expect(frames).toEqual(stock.encode(packet));
      expect(frames).toHaveLength(1);
      expect(typeof frames[0]).toBe('string');
    }
  });
});

describe('WIRE9 pre-encoded payloads', () => {
  it('WIRE9 a payload given as JSON text is framed exactly as the stock encoder frames the value it stands for', () => {
    const stock = new Encoder();
    const text = new TextOnlyEncoder();
    const score = { locale: 'ja', seq: 12, total: 40, findings: [{ rule: 'R1', message: '封じ込め "済み" \\ ✓' }] };
    for (const packet of [
      { type: PacketType.EVENT, nsp: '/', data: ['drill:scoreChanged', score] },
      { type: PacketType.EVENT, nsp: '/admin', id: 4, data: ['drill:scoreChanged', undefined, score] },
    ] as Packet[]) {
      const data = packet.data as unknown[];
      const pre: Packet = { ...packet, data: [...data.slice(0, -1), new PreEncoded(JSON.stringify(data.at(-1)))] };
      expect(text.encode(pre)).toEqual(stock.encode(packet));
    }
  });

  it('WIRE9 nested in another payload it serialises as the value it stands for', () => {
    const score = { total: 3, findings: [] };
    expect(JSON.stringify({ score: new PreEncoded(JSON.stringify(score)) })).toBe(JSON.stringify({ score }));
  });
});
