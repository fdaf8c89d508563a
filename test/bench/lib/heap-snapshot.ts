import { readFileSync } from 'node:fs';

/*
 * A V8 heap snapshot (.heapsnapshot) as a graph with its dominator tree, so that memory can be
 * charged to what keeps it alive: an object's retained size is what would be freed without it.
 * Chrome DevTools shows the same, one object at a time; this adds it up over thousands of rooms and
 * sockets. Weak and shortcut edges keep nothing alive and are left out.
 */

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; edge_fields: string[]; node_types: [string[]]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export class HeapGraph {
  readonly count: number;
  private readonly raw: RawSnapshot;
  private readonly nodeFieldCount: number;
  private readonly edgeFieldCount: number;
  private readonly firstEdge: Uint32Array;
  /** Immediate dominator of each node (the root's is itself); -1 if unreachable. */
  readonly idom: Int32Array;
  readonly retained: Float64Array;
  private readonly f: { type: number; name: number; size: number; edgeCount: number; edgeType: number; edgeName: number; edgeTo: number };

  constructor(path: string) {
    this.raw = JSON.parse(readFileSync(path, 'utf8')) as RawSnapshot;
    const meta = this.raw.snapshot.meta;
    this.nodeFieldCount = meta.node_fields.length;
    this.edgeFieldCount = meta.edge_fields.length;
    this.f = {
      type: meta.node_fields.indexOf('type'),
      name: meta.node_fields.indexOf('name'),
      size: meta.node_fields.indexOf('self_size'),
      edgeCount: meta.node_fields.indexOf('edge_count'),
      edgeType: meta.edge_fields.indexOf('type'),
      edgeName: meta.edge_fields.indexOf('name_or_index'),
      edgeTo: meta.edge_fields.indexOf('to_node'),
    };
    this.count = this.raw.nodes.length / this.nodeFieldCount;
    this.firstEdge = new Uint32Array(this.count + 1);
    for (let i = 0, e = 0; i < this.count; i++) {
      this.firstEdge[i] = e;
      e += this.raw.nodes[i * this.nodeFieldCount + this.f.edgeCount]! * this.edgeFieldCount;
      this.firstEdge[i + 1] = e;
    }
    const { idom, retained } = this.dominators();
    this.idom = idom;
    this.retained = retained;
  }

  type(node: number): string {
    return this.raw.snapshot.meta.node_types[0][this.raw.nodes[node * this.nodeFieldCount + this.f.type]!]!;
  }

  name(node: number): string {
    return this.raw.strings[this.raw.nodes[node * this.nodeFieldCount + this.f.name]!]!;
  }

  selfSize(node: number): number {
    return this.raw.nodes[node * this.nodeFieldCount + this.f.size]!;
  }

  /** A plain object's constructor name, or the node type in parentheses ("(string)", "(closure)"). */
  kind(node: number): string {
    return this.type(node) === 'object' ? this.name(node) : `(${this.type(node)})`;
  }

  /** Outgoing edges: kind of edge, its name (a property, or an index for elements), target node. */
  *edges(node: number): Generator<{ type: string; name: string; to: number }> {
    const edgeTypes = this.raw.snapshot.meta.edge_types[0];
    for (let e = this.firstEdge[node]!; e < this.firstEdge[node + 1]!; e += this.edgeFieldCount) {
      const type = edgeTypes[this.raw.edges[e + this.f.edgeType]!]!;
      const n = this.raw.edges[e + this.f.edgeName]!;
      const name = type === 'element' || type === 'hidden' ? `[${n}]` : this.raw.strings[n]!;
      yield { type, name, to: this.raw.edges[e + this.f.edgeTo]! / this.nodeFieldCount };
    }
  }

  /** The node a named property of `node` points to, or -1. */
  child(node: number, property: string): number {
    for (const e of this.edges(node)) if (e.name === property && e.type !== 'element') return e.to;
    return -1;
  }

  private keeps(edgeType: number): boolean {
    const name = this.raw.snapshot.meta.edge_types[0][edgeType];
    return name !== 'weak' && name !== 'shortcut';
  }

  /** Cooper, Harvey and Kennedy's iterative algorithm over a depth-first order from the root (node 0). */
  private dominators(): { idom: Int32Array; retained: Float64Array } {
    const n = this.count;
    const { edges } = this.raw;
    const postIndex = new Int32Array(n).fill(-1);
    const order = new Int32Array(n);
    const cursor = new Uint32Array(n);
    const seen = new Uint8Array(n);
    let reached = 0;
    const stack = [0];
    seen[0] = 1;
    cursor[0] = this.firstEdge[0]!;
    while (stack.length > 0) {
      const v = stack[stack.length - 1]!;
      let descended = false;
      while (cursor[v]! < this.firstEdge[v + 1]!) {
        const e = cursor[v]!;
        cursor[v] = e + this.edgeFieldCount;
        if (!this.keeps(edges[e + this.f.edgeType]!)) continue;
        const w = edges[e + this.f.edgeTo]! / this.nodeFieldCount;
        if (seen[w]) continue;
        seen[w] = 1;
        cursor[w] = this.firstEdge[w]!;
        stack.push(w);
        descended = true;
        break;
      }
      if (!descended) {
        stack.pop();
        postIndex[v] = reached;
        order[reached++] = v;
      }
    }
    // Predecessors, as compact arrays.
    const predStart = new Uint32Array(n + 1);
    const forEachKeptEdge = (fn: (from: number, to: number) => void) => {
      for (let v = 0; v < n; v++) {
        if (!seen[v]) continue;
        for (let e = this.firstEdge[v]!; e < this.firstEdge[v + 1]!; e += this.edgeFieldCount) {
          if (this.keeps(edges[e + this.f.edgeType]!)) fn(v, edges[e + this.f.edgeTo]! / this.nodeFieldCount);
        }
      }
    };
    forEachKeptEdge((_, to) => predStart[to + 1]!++);
    for (let i = 0; i < n; i++) predStart[i + 1]! += predStart[i]!;
    const preds = new Uint32Array(predStart[n]!);
    const fill = predStart.slice(0, n);
    forEachKeptEdge((from, to) => (preds[fill[to]!++] = from));
    const idom = new Int32Array(n).fill(-1);
    idom[0] = 0;
    const intersect = (a: number, b: number) => {
      while (a !== b) {
        while (postIndex[a]! < postIndex[b]!) a = idom[a]!;
        while (postIndex[b]! < postIndex[a]!) b = idom[b]!;
      }
      return a;
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (let k = reached - 2; k >= 0; k--) {
        const v = order[k]!;
        let d = -1;
        for (let p = predStart[v]!; p < predStart[v + 1]!; p++) {
          const u = preds[p]!;
          if (idom[u] === -1) continue;
          d = d === -1 ? u : intersect(u, d);
        }
        if (d !== idom[v]) {
          idom[v] = d;
          changed = true;
        }
      }
    }
    const retained = new Float64Array(n);
    for (let k = 0; k < reached; k++) {
      const v = order[k]!;
      retained[v]! += this.selfSize(v);
      if (v !== 0) retained[idom[v]!]! += retained[v]!;
    }
    return { idom, retained };
  }
}
