/**
 * Records of a few numbers each, kept in one growable typed array: four bytes a field (whole numbers
 * that fit 32 bits) or eight (any number), where a JavaScript object costs eight a field and
 * twenty-four more a record. A live drill's scoring context keeps one row per message and per piece
 * of work the rules judge, for as long as the drill runs (ARCHITECTURE.md SCO-MEM1), so rows are
 * what its size grows by.
 */
export class Rows {
  private data: Int32Array | Float64Array;
  /** Rows pushed so far. */
  length = 0;

  constructor(
    readonly width: number,
    /** 'int32' for whole numbers within ±2^31 (seqs, game times: a drill lasts at most a day), 'float64' for any. */
    readonly kind: 'int32' | 'float64' = 'int32',
  ) {
    this.data = this.array(width * 8);
  }

  private array(length: number): Int32Array | Float64Array {
    return this.kind === 'int32' ? new Int32Array(length) : new Float64Array(length);
  }

  /** Append a row of `width` values; returns its index. */
  push(values: readonly number[]): number {
    const at = this.length * this.width;
    if (at + this.width > this.data.length) {
      // Half again as large: a long drill's table is never more than a third empty.
      const grown = this.array(Math.ceil((this.data.length * 1.5) / this.width) * this.width + this.width);
      grown.set(this.data);
      this.data = grown;
    }
    for (let i = 0; i < this.width; i++) this.data[at + i] = values[i] ?? 0;
    return this.length++;
  }

  get(row: number, column: number): number {
    return this.data[row * this.width + column]!;
  }

  set(row: number, column: number, value: number): void {
    this.data[row * this.width + column] = value;
  }

  /** Bytes held (for tests of what a drill keeps). */
  get bytes(): number {
    return this.data.byteLength;
  }
}

/** Values given a small number each, the first time they are seen, so rows can refer to them by it. */
export class Interned<T> {
  readonly values: T[] = [];
  private readonly index = new Map<string, number>();

  constructor(private readonly key: (value: T) => string) {}

  /** The value's number, adding it if it is new. */
  of(value: T): number {
    const k = this.key(value);
    let i = this.index.get(k);
    if (i === undefined) {
      i = this.values.push(value) - 1;
      this.index.set(k, i);
    }
    return i;
  }

  get(i: number): T {
    return this.values[i]!;
  }
}
