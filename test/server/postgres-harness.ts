import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { createDatabase, createSchema } from '../bench/lib/throwaway-postgres.ts';

/*
 * Tests that need PostgreSQL use the server the server project's global setup started
 * (global-setup.ts), each in a schema or a database of its own. Without PostgreSQL on the machine
 * they skip, and say why.
 */

export const POSTGRES_URL = process.env.TTX_TEST_POSTGRES ?? null;
const missing = process.env.TTX_TEST_POSTGRES_MISSING ?? 'no PostgreSQL server was started for the tests';

/** `describe`, or a skipped one that prints why when PostgreSQL is not there. */
export function describeWithPostgres(name: string, body: () => void): void {
  if (!POSTGRES_URL) console.log(`skipped "${name}": ${missing}`);
  describe.skipIf(!POSTGRES_URL)(name, body);
}

const unique = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

/** A URL whose connections use a new, empty schema. */
export function freshSchema(): Promise<string> {
  return createSchema(POSTGRES_URL!, unique('t'));
}

/** A new, empty database on the test server. */
export function freshDatabase(): Promise<string> {
  return createDatabase(POSTGRES_URL!, unique('ttx'));
}
