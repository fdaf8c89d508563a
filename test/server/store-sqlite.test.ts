import { SqliteStore } from '../../server/store/sqlite.ts';
import { tempDb } from './harness.ts';
import { storeContract } from './store-contract.ts';

storeContract('sqlite', () => new SqliteStore(tempDb()));
