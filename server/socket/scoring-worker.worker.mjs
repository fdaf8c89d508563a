// Bootstrap for the scoring thread run from source: a worker starts without the parent's TypeScript
// loader (under vitest there is none), so register tsx here and load the thread written in TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./scoring-worker.ts');
