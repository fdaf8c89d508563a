import { Worker, type WorkerOptions } from 'node:worker_threads';
import { FROM_SOURCE } from './paths.ts';

/**
 * Start one of the server's threads, `name` in the directory of `from` (the caller's
 * import.meta.url). Built, the thread is a plain script beside the bundle (build-server.ts bundles
 * each); from source, a worker starts without the parent's TypeScript loader (under vitest there
 * is none), so ts-thread.mjs registers tsx and then loads the thread's TypeScript.
 */
export function startThread(from: string, name: string, options: WorkerOptions): Worker {
  if (!FROM_SOURCE) return new Worker(new URL(`./${name}.mjs`, from), options);
  const script = new URL(`./${name}.ts`, from).href;
  const workerData: unknown = options.workerData;
  return new Worker(new URL('./ts-thread.mjs', import.meta.url), { ...options, workerData: { ...(workerData as object), script } });
}
