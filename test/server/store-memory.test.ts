import { MemoryStore } from '../../server/store/memory.ts';
import { storeContract } from './store-contract.ts';

storeContract('memory', () => new MemoryStore());
