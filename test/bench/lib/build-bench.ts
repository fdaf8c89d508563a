import { bundleNode } from '../../../server/tools/build-server.ts';

/*
 * The benchmark servers, bundled as `npm run build` bundles the product's, so benchmarks measure the
 * server as it is deployed: the real app (bench-server.ts) into dist/bench and the load bench's
 * transport floor (floor-server.ts) into dist/bench-floor.
 */

const TARGETS = {
  bench: { entry: 'test/bench/lib/bench-server.ts', out: 'dist/bench', name: 'bench-server' },
  floor: { entry: 'test/bench/lib/floor-server.ts', out: 'dist/bench-floor', name: 'floor-server' },
} as const;

export function buildBenchServer(target: keyof typeof TARGETS): Promise<string> {
  const { entry, out, name } = TARGETS[target];
  return bundleNode(entry, out, name);
}
