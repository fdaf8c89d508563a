// Bootstrap for the SQLite writer thread: a worker starts without the parent's TypeScript loader
// (under vitest there is none), so register tsx here and load the writer written in TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./sqlite-writer.ts');
