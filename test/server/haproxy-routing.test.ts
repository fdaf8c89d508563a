import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { newDrillId, newSeatToken } from '../../server/drills/tokens.ts';
import { drillOfToken } from '../../shared/protocol/index.ts';
import { haproxyBinary, startProxy, type Proxy } from '../bench/lib/haproxy.ts';

/*
 * The shipped HAProxy configuration (deploy/haproxy.cfg) in front of stand-in nodes that answer
 * every request, and every websocket, with their own name: which node a request reaches is what
 * the proxy decided. Health checks are what the stand-ins answer at /healthz.
 */

interface FakeNode {
  name: string;
  address: string;
  healthy: boolean;
  server: Server;
}

const started: { nodes: FakeNode[]; proxy: Proxy | null } = { nodes: [], proxy: null };
afterEach(async () => {
  await started.proxy?.stop();
  started.proxy = null;
  for (const n of started.nodes.splice(0)) await new Promise((r) => n.server.close(r));
});

async function fakeNode(name: string): Promise<FakeNode> {
  const server = createServer();
  const node: FakeNode = { name, address: '', healthy: true, server };
  server.on('request', (req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(node.healthy ? 200 : 503).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ node: name }));
  });
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => ws.send(name));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  node.address = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  started.nodes.push(node);
  return node;
}

async function deployment(count: number) {
  const nodes = await Promise.all(Array.from({ length: count }, (_, i) => fakeNode(`node${i + 1}`)));
  started.proxy = await startProxy(nodes.map((n) => n.address));
  const proxy = started.proxy;
  const reached = async (path: string): Promise<string> => {
    const res = await fetch(`${proxy.url}${path}`);
    return ((await res.json()) as { node: string }).node;
  };
  return { nodes, proxy, reached };
}

const haproxy = haproxyBinary();
if ('missing' in haproxy) console.log(`skipped "ROUTE": ${haproxy.missing}`);

describe.skipIf('missing' in haproxy)('ROUTE: drill-affinity routing at HAProxy (deploy/haproxy.cfg)', () => {
  it('ROUTE1 every request naming a drill reaches the same node, by ?drill= or by a /drills/<id>/ path, and drills spread over the nodes', { timeout: 60_000 }, async () => {
    const { reached } = await deployment(2);
    const drills = Array.from({ length: 24 }, () => newDrillId());
    const owners = new Map<string, string>();
    for (const id of drills) {
      const token = newSeatToken(id);
      const first = await reached(`/socket.io/?EIO=4&transport=polling&drill=${drillOfToken(token)}`);
      owners.set(id, first);
      for (const path of [`/socket.io/?drill=${id}&EIO=4&transport=polling`, `/drills/${id}/report.html?token=x`, `/drills/${id}/events.jsonl`, `/drills/${id}/view`]) {
        expect(await reached(path), `${path} goes where the drill's connections go`).toBe(first);
      }
    }
    expect(new Set(owners.values())).toEqual(new Set(['node1', 'node2']));
  });

  it('ROUTE2 requests that name no drill (or a malformed one) go round-robin', { timeout: 60_000 }, async () => {
    const { reached } = await deployment(2);
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) seen.add(await reached(i % 2 ? '/api/scenarios' : `/socket.io/?drill=${encodeURIComponent('../NOT-AN-ID')}`));
    expect(seen).toEqual(new Set(['node1', 'node2']));
  });

  it('ROUTE3 a node that fails its health checks gets no drill; only its drills move, and they come back when it passes again', { timeout: 60_000 }, async () => {
    // Three nodes (the configuration's block of server lines, one per node).
    const { nodes, reached } = await deployment(3);
    const drills = Array.from({ length: 30 }, () => newDrillId());
    const where = () => Promise.all(drills.map(async (id) => [id, await reached(`/drills/${id}/view`)] as const));
    const before = new Map(await where());
    expect(new Set(before.values())).toEqual(new Set(['node1', 'node2', 'node3']));
    nodes[0]!.healthy = false;
    // Down after three failed checks a second apart: waited for, not timed.
    let during = await where();
    for (const deadline = Date.now() + 20_000; during.some(([, n]) => n === 'node1') && Date.now() < deadline; during = await where()) await new Promise((r) => setTimeout(r, 200));
    expect(during.filter(([, n]) => n === 'node1')).toEqual([]);
    // Consistent hashing: the other nodes' drills did not move.
    for (const [id, n] of during) if (before.get(id) !== 'node1') expect(n).toBe(before.get(id));
    nodes[0]!.healthy = true;
    let after = await where();
    for (const deadline = Date.now() + 20_000; after.some(([id, n]) => n !== before.get(id)) && Date.now() < deadline; after = await where()) await new Promise((r) => setTimeout(r, 200));
    expect(new Map(after)).toEqual(before);
  });

  it('ROUTE4 a websocket upgrade naming a drill is tunnelled to the drill\'s node', { timeout: 60_000 }, async () => {
    const { proxy, reached } = await deployment(2);
    const id = newDrillId();
    const owner = await reached(`/drills/${id}/view`);
    const ws = new WebSocket(`${proxy.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket&drill=${id}`);
    const greeting = await new Promise<string>((resolve, reject) => {
      ws.once('message', (data) => resolve(String(data)));
      ws.once('error', reject);
    });
    ws.close();
    expect(greeting).toBe(owner);
  });
});

describe('ROUTE: what clients route by', () => {
  it('ROUTE5 a seat token carries its drill id, which clients put in their connection URL; older tokens and junk carry none', () => {
    const id = newDrillId();
    expect(drillOfToken(newSeatToken(id))).toBe(id);
    expect(drillOfToken('Zm9vYmFyYmF6cXV4cXV1eHF1dXhx')).toBeNull();
    expect(drillOfToken('.secret')).toBeNull();
    expect(drillOfToken('UPPER.secret')).toBeNull();
    expect(drillOfToken('a/b.secret')).toBeNull();
  });
});
