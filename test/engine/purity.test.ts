import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/paths.ts';

/*
 * ENG1: shared/ is the pure engine. `npm run lint` holds every file of it to the rules of
 * eslint.config.js; these probes show the rules are there and bite in shared/ only.
 */

const eslint = new ESLint({ cwd: PROJECT_ROOT });

/** The rules a snippet breaks when it is a file at `path`. */
async function broken(code: string, path: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(PROJECT_ROOT, path) });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

const IMPURE: Record<string, string> = {
  'a clock': 'export const t = Date.now();',
  'a clock, by new Date()': 'export const t = new Date();',
  'a performance clock': 'export const t = performance.now();',
  'a timer': 'setTimeout(() => undefined, 1);',
  'unseeded randomness': 'export const r = Math.random();',
  'the DOM': 'export const w = window.location.href;',
  'Node built-ins': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;",
  'a transport': "import { Server } from 'socket.io';\nexport const S = Server;",
  'server code': "import { PROJECT_ROOT } from '../../server/paths.ts';\nexport const root = PROJECT_ROOT;",
};

describe('ENG1: the engine is pure', () => {
  it('ENG1 in shared/, ESLint refuses a clock, a timer, Math.random, the DOM, Node, a transport and server code', async () => {
    for (const [what, code] of Object.entries(IMPURE)) {
      expect(await broken(code, 'shared/engine/probe.ts'), what).toEqual([expect.stringMatching(/^no-restricted-(syntax|globals|imports)$/)]);
    }
  }, 60_000);

  it('ENG1 the same code outside shared/ breaks none of those rules', async () => {
    for (const [what, code] of Object.entries(IMPURE)) {
      expect((await broken(code, 'server/probe.ts')).filter((rule) => rule.startsWith('no-restricted-')), what).toEqual([]);
    }
  }, 60_000);
});
