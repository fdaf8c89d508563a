import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Where the project's files are. The server runs either from its TypeScript source (server/…, under
 * tsx or vitest) or from the bundle `npm run build` writes (dist/server/…); both sit inside the
 * project, so its root is the nearest folder above with a package.json, from either place.
 */

function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}: run the server from inside the project`);
  }
}

export const PROJECT_ROOT = projectRoot(dirname(fileURLToPath(import.meta.url)));
export const SCENARIOS_DIR = join(PROJECT_ROOT, 'scenarios');
/** The built client (`vite build`). */
export const CLIENT_DIR = join(PROJECT_ROOT, 'dist', 'client');
/** True when this code is the TypeScript source rather than the bundle. */
export const FROM_SOURCE = import.meta.url.endsWith('.ts');
