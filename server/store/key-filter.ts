/**
 * A Bloom filter over one drill's idempotency keys: "definitely never seen" or "maybe seen". Almost
 * every command carries a fresh key, and the main thread's SQLite lookup is slow while the writer
 * thread's commits keep invalidating its page cache. The filter answers the fresh-key case from
 * memory; a "maybe" still asks the database, so a false positive costs one lookup and never a wrong
 * answer (ARCHITECTURE.md IDEM1–5).
 *
 * It grows with the drill as a chain of filters, each four times the one before (a scalable Bloom
 * filter): a key goes into the newest, a lookup asks them all, none is ever rebuilt, so no key is
 * dropped, and a drill of a few hundred keys holds only the first, 512-byte stage. 12 bits and 6
 * hash positions per key keep false positives under 1 % (tests IDEM1–5).
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
