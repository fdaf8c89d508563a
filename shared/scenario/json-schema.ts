import { z } from 'zod';
import { scenarioSchema } from './schema.ts';

/** JSON Schema of the scenario format (input side), for editor completion and validation. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...(z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>),
    $id: 'https://ttx.example/scenario.schema.json',
    title: 'ttx scenario',
  };
}
