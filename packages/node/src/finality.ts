// Which stored blocks count as ACCEPTED_ON_L1: none until devnet_acceptOnL1 (no settlement layer is
// attached); persisted next to the chain so that a restart keeps it.
import type { StateDatabase } from '@starling/state';

const KEY = 'l1_accepted';

/** The highest block accepted on L1, kept in the node's metadata table. */
export class L1Finality {
  private readonly meta;
  private cached: number | undefined;

  constructor(db: StateDatabase) {
    this.meta = db.tables.root.openDB<string, string>({ name: 'node', encoding: 'string' });
    const v = this.meta.get(KEY);
    this.cached = v === undefined ? undefined : Number(v);
  }

  /** The highest L1-accepted block, if any. */
  get latest(): number | undefined {
    return this.cached;
  }

  /** Marks blocks up to `n` accepted on L1 (never lowers the mark). */
  accept(n: number): void {
    if (this.cached !== undefined && n <= this.cached) return;
    this.cached = n;
    this.meta.putSync(KEY, String(n));
  }

  /** Lowers the mark to `n` when blocks after it are dropped. */
  lowerTo(n: number): void {
    if (this.cached === undefined || this.cached <= n) return;
    this.cached = n;
    this.meta.putSync(KEY, String(n));
  }

  /** Forgets every acceptance (a restart from genesis). */
  clear(): void {
    this.cached = undefined;
    this.meta.removeSync(KEY);
  }

  /** The finality status of stored block `n`. */
  statusOf(n: number): 'ACCEPTED_ON_L1' | 'ACCEPTED_ON_L2' {
    return this.cached !== undefined && n <= this.cached ? 'ACCEPTED_ON_L1' : 'ACCEPTED_ON_L2';
  }
}
