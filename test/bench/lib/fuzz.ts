import seedrandom from 'seedrandom';
import WebSocket from 'ws';
import { drillOfToken, PROTOCOL_VERSION } from '../../../shared/protocol/index.ts';

/*
 * Frames a hostile or broken client might send, written straight onto the WebSocket below
 * socket.io: malformed engine.io and socket.io packets, and well-formed socket.io events whose
 * payloads break the schema, carry prototype keys, name unknown events, exceed the frame limit,
 * or ask for what the seat may not do. Every one is seeded, so a run can be repeated.
 */

type Rng = () => number;

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const randomBytes = (rng: Rng, n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(rng() * 256)));
const randomText = (rng: Rng, n: number) => Array.from({ length: n }, () => String.fromCharCode(32 + Math.floor(rng() * 95))).join('');

/** A command a player must not be allowed to run, or one that is malformed in a new way. */
function hostileCommand(rng: Rng): unknown {
  return pick(rng, [
    { type: 'drill.start' },
    { type: 'drill.end', reason: 'fuzz' },
    { type: 'inject.push', injectId: 'egress-alert' },
    { type: 'inject.adhoc', title: 'x', body: 'y', audience: 'all' },
    { type: 'facilitator.note', text: 'x' },
    { type: 'clock.tick' },
    { type: 'action.take', action: 'no-such-action' },
    { type: 'action.take', action: 'capture-memory', target: 'no-such-asset' },
    { type: 'action.take' },
    { type: 'message.send', message: { channel: 'pigeon', recipients: ['soc'], subject: '', body: 'x', encrypted: false } },
    { type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: '', body: '', encrypted: false } },
    { type: 'timeline.add', text: 42 },
    { type: 'task.assign', toRole: 'ceo', action: 'page-ic' },
    { type: 'drill.setSpeed', speed: -5 },
    { type: 'nope' },
    null,
    [],
    'drill.start',
    JSON.parse('{"__proto__":{"polluted":true},"type":"action.take","action":"page-ic"}'),
    JSON.parse('{"type":"message.send","message":{"__proto__":{"isAdmin":true},"channel":"chat"}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":true}},"type":"drill.start"}'),
  ]);
}

/** One frame's text (or bytes), given a socket.io ack id to use. */
export function hostileFrame(rng: Rng, ackId: number): string | Buffer {
  const event = (name: string, payload: unknown) => `42${ackId}${JSON.stringify([name, payload])}`;
  switch (Math.floor(rng() * 14)) {
    case 0: return randomBytes(rng, 1 + Math.floor(rng() * 64)); // binary garbage
    case 1: return randomText(rng, 1 + Math.floor(rng() * 80)); // text garbage
    case 2: return `4${randomText(rng, 20)}`; // engine.io message with a broken socket.io packet
    case 3: return `42${ackId}[${randomText(rng, 10)}`; // truncated JSON
    case 4: return `9${randomText(rng, 5)}`; // unknown engine.io packet type
    case 5: return event(pick(rng, ['drill:hack', 'admin:shutdown', '__proto__', 'constructor', 'drill:commands']), { x: 1 }); // unknown events
    case 6: return event('drill:command', { command: hostileCommand(rng), idempotencyKey: `fuzz-${ackId}-${Math.floor(rng() * 1e9)}` });
    case 7: return event('drill:command', { command: { type: 'action.take', action: 'page-ic' } }); // no idempotency key
    case 8: return event('drill:command', JSON.parse(`{"__proto__":{"ok":true},"command":{"type":"drill.start"},"idempotencyKey":"fuzz-proto-${ackId}"}`));
    case 9: return event('drill:sync', { lastSeq: pick(rng, [-5, 'x', 1e20, null]) });
    case 10: return event('drill:join', { lastSeq: pick(rng, [{}, [], 'zero', -2]) });
    case 11: return event('drill:command', { command: { type: 'message.send', message: { channel: 'chat', recipients: ['soc'], subject: '', body: 'x'.repeat(70_000), encrypted: false } }, idempotencyKey: `fuzz-big-${ackId}` }); // over the 64 KB frame limit
    case 12: return `42${JSON.stringify(['drill:command', { command: { type: 'drill.start' }, idempotencyKey: `fuzz-noack-${ackId}` }])}`; // no ack callback
    default: return `451-${ackId}["drill:command",{"_placeholder":true,"num":0}]`; // binary-attachment packet with no attachment
  }
}

export interface FuzzStats {
  framesSent: number;
  connections: number;
  rejectedConnections: number;
}

/**
 * `connections` raw sockets at a time, each authenticated with one of `tokens` (or a forged one),
 * each sending hostile frames as fast as the socket drains, until `frames` have been sent in all.
 * With `rate` (frames per second, all sockets together) no faster than that; 0 is flat out.
 * The server closes sockets that break the protocol; the fuzzer opens new ones.
 */
export async function fuzz(url: string, tokens: readonly string[], frames: number, connections: number, seed: string, onProgress?: (sent: number) => void, rate = 0): Promise<FuzzStats> {
  const rng = seedrandom(seed);
  const stats: FuzzStats = { framesSent: 0, connections: 0, rejectedConnections: 0 };
  const started = performance.now();
  /** How many frames the rate allows by now, in all. */
  const allowed = () => (rate > 0 ? Math.floor(((performance.now() - started) / 1000) * rate) + 1 : Infinity);
  const wsUrl = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  let lastReport = 0;

  const worker = async (): Promise<void> => {
    while (stats.framesSent < frames) {
      await new Promise<void>((resolve) => {
        stats.connections++;
        // The token is chosen per connection: a real one names its drill in the URL, as clients do,
        // so a proxy in front of several nodes routes it to the node that runs the drill; the rest name none, a
        // forged drill, or garbage.
        const token = rng() < 0.8 ? pick(rng, tokens) : pick(rng, ['forged-token-forged-token', '', 'x'.repeat(500)]);
        const drill = drillOfToken(token);
        const route = drill ? `&drill=${drill}` : pick(rng, ['', '&drill=zzzzzzzz', '&drill=%00%2F..', `&drill=${'a'.repeat(3000)}`]);
        const ws = new WebSocket(wsUrl + route);
        let ackId = 0;
        let sentHere = 0;
        const budget = 50 + Math.floor(rng() * 500);
        const pump = () => {
          // Keep the socket busy without buffering unboundedly on our side.
          const limit = allowed();
          while (ws.readyState === WebSocket.OPEN && ws.bufferedAmount < 256 * 1024 && sentHere < budget && stats.framesSent < frames && stats.framesSent < limit) {
            ws.send(hostileFrame(rng, ++ackId));
            sentHere++;
            stats.framesSent++;
          }
          if (stats.framesSent - lastReport >= frames / 20) {
            lastReport = stats.framesSent;
            onProgress?.(stats.framesSent);
          }
          if (sentHere >= budget || stats.framesSent >= frames) ws.close();
          else if (stats.framesSent >= limit) setTimeout(pump, 2); // paced: wait for the rate to allow more
          else setImmediate(pump);
        };
        ws.on('message', (data) => {
          const text = data.toString();
          if (text.startsWith('0')) {
            // engine.io open: connect to the namespace with a real seat token, a forged one, or junk.
            const auth = rng() < 0.9 ? JSON.stringify({ token, protocolVersion: PROTOCOL_VERSION }) : `{"__proto__":{"admin":true},"token":${JSON.stringify(token)},"protocolVersion":99}`;
            ws.send(`40${auth}`);
          } else if (text.startsWith('40')) {
            pump();
          } else if (text.startsWith('44')) {
            stats.rejectedConnections++;
            // Refused at the handshake: send garbage anyway, the server must shrug it off.
            pump();
          } else if (text === '2') {
            ws.send('3'); // answer pings so the server does not drop us for silence
          }
        });
        ws.on('close', () => resolve());
        ws.on('error', () => resolve());
      });
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return stats;
}
