// A server thread run from source (threads.ts): register tsx, then load the thread's TypeScript.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.script);
