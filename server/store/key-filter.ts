/**
 * A Bloom filter over one drill's idempotency keys: "definitely never seen" or "maybe seen". Almost
 * every command carries a fresh key, and looking it up in SQLite on the main thread cost about
 * 30 µs (the writer thread's commits invalidate this connection's page cache several hundred times a
 * second). The filter answers the fresh-key case from memory; a "maybe" still asks the database, so
 * a false positive costs one lookup and never a wrong answer.
 *
 * It grows with the drill, as a chain of filters each four times the size of the one before
 * (a scalable Bloom filter): a key goes into the newest, a lookup asks them all, and none is ever
 * rebuilt, so no key is ever dropped. Most drills store a few hundred keys; a fixed 4 KB filter,
 * sized for thousands, held 4.3 MB at 1,000 drills (heap snapshot, session 9), where the first
 * stage is 512 bytes. 12 bits and 6 hash positions per key keep each full stage near 0.4 % false
 * positives: measured, 0.85 % at 2,000 keys and 0.88 % at 5,000 over three stages, where the fixed
 * filter gave 0.1 % at 2,000 and 4 % at 5,000.
 */
const FIRST_STAGE_BITS = 1 << 12;
const GROWTH = 4;
const BITS_PER_KEY = 12;
const HASHES = 6;

/** Two independent 32-bit hashes of a string (FNV-1a and a multiply-xorshift variant). */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b | 1) >>> 0];
}

class Stage {
  readonly bits: Uint32Array;
  readonly capacity: number;
  count = 0;

  constructor(readonly size: number) {
    this.bits = new Uint32Array(size / 32);
    this.capacity = Math.floor(size / BITS_PER_KEY);
  }

  add(a: number, b: number): void {
    for (let i = 0; i < HASHES; i++) {
      const bit = (a + i * b) % this.size;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
    this.count++;
  }

  has(a: number, b: number): boolean {
    for (let i = 0; i < HASHES; i++) {
      const bit = (a + i * b) % this.size;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

export class KeyFilter {
  private readonly stages: Stage[] = [new Stage(FIRST_STAGE_BITS)];

  add(key: string): void {
    const [a, b] = hashes(key);
    let newest = this.stages[this.stages.length - 1]!;
    if (newest.count >= newest.capacity) {
      newest = new Stage(newest.size * GROWTH);
      this.stages.push(newest);
    }
    newest.add(a, b);
  }

  mightHave(key: string): boolean {
    const [a, b] = hashes(key);
    return this.stages.some((stage) => stage.has(a, b));
  }

  /** The bits held, in bytes (for tests and memory accounting). */
  get bytes(): number {
    return this.stages.reduce((sum, stage) => sum + stage.bits.byteLength, 0);
  }
}
