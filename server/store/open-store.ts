import { SoleLeases, type DrillLeases } from '../drills/lease.ts';
import { PostgresLeases } from './postgres-leases.ts';
import { PostgresStore } from './postgres.ts';
import { SqliteStore } from './sqlite.ts';
import { StorageError } from './storage-error.ts';
import type { EventStore } from './types.ts';

/*
 * The store TTX_DB names. A postgres:// (or postgresql://) URL: PostgreSQL, shared by every node of
 * a deployment, with drill leases there. Anything else is the path of an embedded SQLite file, for
 * one process that runs every drill (the default, ./data/ttx.db). Either is checked before the
 * server serves from it: a store it cannot use is a StorageError saying why in one line (OPS5).
 */

export interface OpenedStore {
  store: EventStore;
  leases: DrillLeases;
  /** For the start-up line: the SQLite file, or PostgreSQL's host and database (never its password). */
  database: string;
  /** With PostgreSQL, this node's id in the lease table. */
  node?: string;
}

export interface OpenStoreOptions {
  /** With PostgreSQL: this node's name in the lease table (TTX_NODE_NAME; the host name by default). */
  nodeName?: string | undefined;
  /** Hears of trouble the store survives (a failed checkpoint, a lost idle connection, a failed heartbeat). */
  onProblem?(message: string): void;
}

export const isPostgresUrl = (setting: string): boolean => /^postgres(ql)?:\/\//.test(setting);

export async function openStore(setting: string, options: OpenStoreOptions = {}): Promise<OpenedStore> {
  const onProblem = (message: string) => options.onProblem?.(message);
  if (!isPostgresUrl(setting)) {
    const store = new SqliteStore(setting, { onProblem });
    await store.ready();
    return { store, leases: new SoleLeases(), database: setting };
  }
  // The URL may carry a password: only its host and database are shown.
  const url = new URL(setting);
  const database = `PostgreSQL ${url.host}${url.pathname}`;
  const unusable = (error: Error) => new StorageError(database, error.message || String(error));
  const store = await PostgresStore.open(setting, { onProblem }).catch((error: Error) => {
    throw unusable(error);
  });
  const leases = await PostgresLeases.start(setting, { ...(options.nodeName ? { nodeName: options.nodeName } : {}), onProblem }).catch(async (error: Error) => {
    await store.close();
    throw unusable(error);
  });
  return { store, leases, database, node: leases.nodeId };
}
