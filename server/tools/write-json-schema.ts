import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../../shared/scenario/json-schema.ts';

// `npm run schema`: regenerate scenarios/scenario.schema.json from the zod schema (a test keeps it in sync).
const out = fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));
writeFileSync(out, JSON.stringify(scenarioJsonSchema(), null, 2) + '\n');
process.stdout.write(`wrote ${out}\n`);
