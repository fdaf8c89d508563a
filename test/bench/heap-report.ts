import { parseArgs } from 'node:util';
import { HeapGraph } from './lib/heap-snapshot.ts';

/*
 * `node --import tsx test/bench/heap-report.ts <file.heapsnapshot> [--path DrillMaster.state …]`:
 * what a server's heap is spent on. Take the snapshot with `npm run bench load -- --heap-snapshot
 * <file>` (the server's heap at the end of the measured window). Prints, in MB retained:
 *  - the groups of objects by constructor (an object counts where its dominator is of another kind,
 *    so a Map inside a Map is not counted twice);
 *  - objects that have a V8 hidden class of their own, grouped by their first keys: each such class
 *    costs a few hundred bytes, and thousands of them mean records built in a way V8 cannot share
 *    (ARCHITECTURE.md MEM1–6);
 *  - for each `--path`, what the objects it reaches retain, by property.
 * Not a benchmark (`npm run bench` does not run it): it reads a file and prints.
 */

const { values, positionals } = parseArgs({ allowPositionals: true, options: { path: { type: 'string', multiple: true, default: [] }, top: { type: 'string', default: '25' } } });
const file = positionals[0];
if (!file) {
  console.error('usage: heap-report.ts <file.heapsnapshot> [--path Constructor.property…] [--top n]');
  process.exit(2);
}
const top = Number(values.top);
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(2).padStart(8);

process.stderr.write(`reading ${file} and building its dominator tree…\n`);
const heap = new HeapGraph(file);

type Tally = Map<string, { bytes: number; count: number }>;
const add = (tally: Tally, key: string, bytes: number) => {
  const t = tally.get(key) ?? { bytes: 0, count: 0 };
  t.bytes += bytes;
  t.count++;
  tally.set(key, t);
};
const print = (title: string, tally: Tally) => {
  console.log(`\n${title}\n${'MB'.padStart(8)} ${'objects'.padStart(8)}  what`);
  for (const [key, t] of [...tally].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, top)) console.log(`${mb(t.bytes)} ${String(t.count).padStart(8)}  ${key}`);
};

const groups: Tally = new Map();
/** For each hidden class, its first object and how many use it. */
const mapUsers = new Map<number, { first: number; count: number }>();
for (let v = 0; v < heap.count; v++) {
  if (heap.idom[v] === -1 || heap.type(v) !== 'object') continue;
  const d = heap.idom[v]!;
  if (heap.kind(d) !== heap.kind(v)) add(groups, heap.kind(v), heap.retained[v]!);
  const map = heap.child(v, 'map');
  if (map < 0) continue;
  const users = mapUsers.get(map);
  if (users) users.count++;
  else mapUsers.set(map, { first: v, count: 1 });
}
console.log(`live heap in the snapshot: ${mb(heap.retained[0]!).trim()} MB, ${heap.count} nodes`);
print('retained, by constructor (outermost of each kind)', groups);

const ownClass: Tally = new Map();
let ownClassObjects = 0;
let ownClassBytes = 0;
for (const [map, users] of mapUsers) {
  if (users.count !== 1) continue;
  const descriptors = heap.child(map, 'descriptors');
  const keys: string[] = [];
  if (descriptors >= 0) for (const e of heap.edges(descriptors)) if (heap.type(e.to) === 'string' && e.type === 'internal' && Number(e.name) % 3 === 0) keys.push(heap.name(e.to));
  // A descriptor array the class does not share is part of its cost.
  const bytes = heap.selfSize(map) + (descriptors >= 0 && heap.idom[descriptors] === map ? heap.selfSize(descriptors) : 0);
  ownClassObjects++;
  ownClassBytes += bytes;
  add(ownClass, `${heap.kind(users.first)} {${keys.slice(0, 8).join(', ')}}`, bytes);
}
print(`objects with a hidden class of their own: ${ownClassObjects}, ${mb(ownClassBytes).trim()} MB of classes (by constructor and first keys)`, ownClass);

for (const path of values.path ?? []) {
  const [constructor, ...steps] = path.split('.');
  const children: Tally = new Map();
  let reached = 0;
  for (let v = 0; v < heap.count; v++) {
    if (heap.idom[v] === -1 || heap.type(v) !== 'object' || heap.name(v) !== constructor) continue;
    let x = v;
    for (const step of steps) if (x >= 0) x = heap.child(x, step);
    if (x < 0) continue;
    reached++;
    for (const e of heap.edges(x)) if (heap.idom[e.to] === x) add(children, `${e.type === 'element' ? '[i]' : e.name} → ${heap.kind(e.to)}`, heap.retained[e.to]!);
  }
  print(`${path}: ${reached} reached; what each retains, by property`, children);
}

console.log(JSON.stringify({ liveMb: Number(mb(heap.retained[0]!)), ownClassObjects, ownClassMb: Number(mb(ownClassBytes)), groups: Object.fromEntries([...groups].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 10).map(([k, t]) => [k, Number(mb(t.bytes))])) }));
