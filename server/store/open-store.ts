import { SoleLeases, type DrillLeases } from '../drills/lease.ts';
import { PostgresLeases } from './postgres-leases.ts';
import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import type { EventStore } from './types.ts';

/*
 * The store TTX_DB names. A postgres:// (or postgresql://) URL: PostgreSQL, shared by every node of
 * a deployment, with drill leases there. Anything else is the path of an embedded SQLite file, for
 * one process that runs every drill (the default, ./data/ttx.db).
 */

export interface OpenedStore {
  store: EventStore;
  leases: DrillLeases;
  /** For the start-up line: which store, and for PostgreSQL this node's id. */
  description: string;
}

export const isPostgresUrl = (setting: string): boolean => /^postgres(ql)?:\/\//.test(setting);

export async function openStore(setting: string, options: { nodeName?: string | undefined } = {}): Promise<OpenedStore> {
  if (!isPostgresUrl(setting)) return { store: new SqliteStore(setting), leases: new SoleLeases(), description: `database ${setting}` };
  const store = await PostgresStore.open(setting);
  const leases = await PostgresLeases.start(setting, options.nodeName ? { nodeName: options.nodeName } : {}).catch(async (error: Error) => {
    await store.close();
    throw error;
  });
  // The URL may carry a password: only its host and database are shown.
  const url = new URL(setting);
  return { store, leases, description: `PostgreSQL ${url.host}${url.pathname}, node ${leases.nodeId}` };
}
