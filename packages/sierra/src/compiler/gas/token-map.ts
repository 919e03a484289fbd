import type { CostToken } from '../types.js';

/** Insertion-ordered token map with swap-removal, mirroring the Rust `SmallOrderedMap` (VecMap). */
export class TokenMap {
  keys: CostToken[] = [];
  values: number[] = [];

  static from(entries: Iterable<[CostToken, number]>): TokenMap {
    const m = new TokenMap();
    for (const [k, v] of entries) m.set(k, v);
    return m;
  }
  clone(): TokenMap {
    const m = new TokenMap();
    m.keys = [...this.keys];
    m.values = [...this.values];
    return m;
  }
  get(k: CostToken): number | undefined {
    const i = this.keys.indexOf(k);
    return i < 0 ? undefined : this.values[i];
  }
  set(k: CostToken, v: number): void {
    const i = this.keys.indexOf(k);
    if (i < 0) {
      this.keys.push(k);
      this.values.push(v);
    } else this.values[i] = v;
  }
  remove(k: CostToken): void {
    const i = this.keys.indexOf(k);
    if (i < 0) return;
    const last = this.keys.length - 1;
    this.keys[i] = this.keys[last]!;
    this.values[i] = this.values[last]!;
    this.keys.pop();
    this.values.pop();
  }
  retain(f: (k: CostToken, v: number) => boolean): void {
    const keys: CostToken[] = [];
    const values: number[] = [];
    this.keys.forEach((k, i) => {
      if (f(k, this.values[i]!)) {
        keys.push(k);
        values.push(this.values[i]!);
      }
    });
    this.keys = keys;
    this.values = values;
  }
  entries(): [CostToken, number][] {
    return this.keys.map((k, i) => [k, this.values[i]!]);
  }
  get size(): number {
    return this.keys.length;
  }
  /** `merge_collection`: combine values; zero results are removed, zero inserts skipped. */
  merge(other: Iterable<[CostToken, number]>, op: (a: number, b: number) => number): TokenMap {
    const m = this.clone();
    for (const [k, v] of other) {
      const cur = m.get(k);
      if (cur !== undefined) {
        const nv = op(cur, v);
        if (nv === 0) m.remove(k);
        else m.set(k, nv);
      } else if (v !== 0) m.set(k, op(0, v));
    }
    return m;
  }
  addCollection(other: Iterable<[CostToken, number]>): TokenMap {
    return this.merge(other, (a, b) => a + b);
  }
  subCollection(other: Iterable<[CostToken, number]>): TokenMap {
    return this.merge(other, (a, b) => a - b);
  }
  toMap(): Map<CostToken, number> {
    return new Map(this.entries());
  }
}
