import { TokenBucket } from '../socket/rate-limit.ts';

/*
 * Who may create drills, and how fast. With TTX_ORGANISER_KEY set, POST /api/drills needs it as
 * `Authorization: Bearer <key>`. Each address may create CREATE_BURST drills at once and one more
 * every CREATE_EVERY_MS after that; tries with a wrong key count too, so the key cannot be guessed
 * at speed. Behind a reverse proxy every request comes from the proxy's address, and the limit is
 * shared by everyone behind it.
 */

export const CREATE_BURST = 10;
export const CREATE_EVERY_MS = 20_000;
/** Addresses remembered at once; past it the least recently seen are forgotten (they start afresh). */
const ADDRESSES_KEPT = 10_000;

export interface CreationRate {
  burst: number;
  everyMs: number;
}

export class CreationLimit {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly now: () => number,
    private readonly rate: CreationRate = { burst: CREATE_BURST, everyMs: CREATE_EVERY_MS },
  ) {}

  /** Take one creation for this address; false when it is over its limit. */
  take(address: string): boolean {
    let bucket = this.buckets.get(address);
    if (bucket) this.buckets.delete(address);
    else bucket = new TokenBucket(this.rate.burst, 1000 / this.rate.everyMs, this.now());
    // Most recently seen last, so the oldest go first when there are too many.
    this.buckets.set(address, bucket);
    if (this.buckets.size > ADDRESSES_KEPT) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket.take(this.now());
  }

  /** Seconds until this address may create again. */
  retryAfterSeconds(): number {
    return Math.ceil(this.rate.everyMs / 1000);
  }
}
