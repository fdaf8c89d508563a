import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { bundled, produceScripts, scriptPath } from './scripts.ts';

/* Rewrites the committed strategy and reference play scripts from the strategies. */
for (const { compiled } of bundled()) {
  for (const { name, text } of produceScripts(compiled)) {
    const path = scriptPath(compiled.scenario.id, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${text}\n`);
    console.log(`wrote ${path}`);
  }
}
