import { PostgresStore } from '../../server/store/postgres.ts';
import { describeWithPostgres, freshSchema } from './postgres-harness.ts';
import { storeContract } from './store-contract.ts';

describeWithPostgres('the PostgreSQL store', () => {
  storeContract('postgres', async () => PostgresStore.open(await freshSchema()));
});
