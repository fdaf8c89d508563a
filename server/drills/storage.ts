import type { Storage } from '../../shared/master/ports.ts';
import type { EventStore } from '../store/types.ts';
import type { GroupCommitter } from './committer.ts';

/**
 * The drill masters' storage port on the server: writes go through the group commit (one
 * transaction per event-loop turn, durable before they resolve, COMMIT1–2) as the master made them, its
 * lease's fencing token included (CommitItem.fence, checked by a store shared by several nodes);
 * reads go to the event store, answered at once by SQLite and later by PostgreSQL (MASTER6).
 */
export function committedStorage(store: EventStore, committer: GroupCommitter): Storage {
  return {
    commit: (item) => committer.commit(item),
    idempotent: (drillId, key) => store.idempotent(drillId, key),
    entries: (drillId, afterSeq) => store.entries(drillId, afterSeq),
  };
}
