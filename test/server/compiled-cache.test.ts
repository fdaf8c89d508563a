import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPILED_TEXTS_KEPT } from '../../server/drills/registry.ts';
import { tracked } from './harness.ts';

/*
 * Compiled scenarios kept by the registry: the bundled ones always, uploaded ones (any other
 * text) only the most recently used few, so a server that has seen many uploads does not keep them
 * all in memory.
 */

const { server } = tracked();
const bundledText = readFileSync(new URL('../../scenarios/exfiltration-detected.yaml', import.meta.url), 'utf8');
/** Another text of the same scenario: an "upload" the registry has not seen. */
const upload = (n: number) => `${bundledText}\n# upload ${n}\n`;

describe('COMPILED: compiled scenarios kept in memory', () => {
  it('COMPILED1 an uploaded scenario used again is not parsed again', async () => {
    const s = await server();
    const first = s.app.registry.load(upload(0), 'upload.yaml');
    const again = s.app.registry.load(upload(0), 'upload.yaml');
    expect(first.ok && again.ok && again.compiled === first.compiled).toBe(true);
  });

  it(`COMPILED2 past ${COMPILED_TEXTS_KEPT} uploads the least recently used is let go of; bundled scenarios stay`, async () => {
    const s = await server();
    const registry = s.app.registry;
    const bundled = s.app.bundled.list().find((b) => b.id === 'exfiltration-detected')?.compiled;
    const compiledOf = (text: string) => {
      const r = registry.load(text, 'upload.yaml');
      if (!r.ok) throw new Error('the upload did not load');
      return r.compiled;
    };
    const oldest = compiledOf(upload(0));
    const kept = compiledOf(upload(1));
    for (let n = 2; n <= COMPILED_TEXTS_KEPT; n++) compiledOf(upload(n));
    expect(compiledOf(upload(1))).toBe(kept); // used again: now the most recent
    compiledOf(upload(COMPILED_TEXTS_KEPT + 1)); // one too many: upload 0 is the least recently used
    expect(compiledOf(upload(1))).toBe(kept);
    expect(compiledOf(upload(0))).not.toBe(oldest);
    expect(compiledOf(bundledText)).toBe(bundled);
  });
});
