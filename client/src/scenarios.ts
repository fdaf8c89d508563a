import { loadScenario } from '../../shared/scenario/index.ts';
import type { CompiledScenario } from '../../shared/scenario/compiled.ts';

/* The bundled scenarios, built into the page so solo training needs no server. */
const files = import.meta.glob('../../scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const BUNDLED: CompiledScenario[] = Object.entries(files)
  .map(([path, text]) => loadScenario(text, path.split('/').pop() ?? path))
  .flatMap((r) => (r.ok ? [r.compiled] : []));
