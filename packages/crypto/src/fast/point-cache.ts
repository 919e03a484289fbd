import type { AffinePoint } from '../curve.js';

/** How many distinct once-seen points are remembered before the memory is cleared. */
const SEEN_LIMIT = 4096;
/**
 * Table builds are paid from credits that every lookup earns (one each, up to CREDIT_CAP): a build
 * costs about six multiplications, so charging BUILD_COST lookups for one bounds what a workload
 * cycling through more points than there are slots can lose to rebuilding (about 6/32).
 */
const BUILD_COST = 32;
/** A point qualifies for a table when it returns within this many lookups per slot. */
const REUSE_WINDOW = 4;
const CREDIT_CAP = 256;

/**
 * Which points own one of crypto.wasm's precomputed table slots, least recently used first. A point
 * gets a table on its second use: building one costs about six variable-base multiplications, so a
 * point used once (a random ec_op base) never pays for it, and a repeated one (an account's public
 * key) does so once. A point must come back within a few lookups per slot (farther apart, LRU
 * would evict it first anyway), and builds are rationed (see BUILD_COST) so evictions cannot thrash.
 */
export class PointCache {
  private readonly tables = new Map<bigint, number>();
  /** Lookup number of each point's last use without a table. */
  private readonly seen = new Map<bigint, number>();
  private lookups = 0;
  private readonly free: number[];
  private credits = CREDIT_CAP;

  /** `build(slot, p)` writes p's table into the slot; false when p is not on the curve. */
  constructor(
    private readonly capacity: number,
    private readonly build: (slot: number, p: AffinePoint) => boolean,
  ) {
    this.free = Array.from({ length: capacity }, (_, i) => capacity - 1 - i);
  }

  /** The slot holding p's table, building it on p's second use; null when p has none. */
  slotOf(p: AffinePoint): number | null {
    if (this.credits < CREDIT_CAP) this.credits++;
    const now = ++this.lookups;
    const key = (p.y << 256n) | p.x;
    const slot = this.tables.get(key);
    if (slot !== undefined) {
      // Re-insert: Map order is the recency order.
      this.tables.delete(key);
      this.tables.set(key, slot);
      return slot;
    }
    // A point comes back after more distinct points than the slots hold: LRU could not keep it.
    const last = this.seen.get(key);
    if (last === undefined || now - last > REUSE_WINDOW * this.capacity) {
      if (this.seen.size >= SEEN_LIMIT) this.seen.clear();
      this.seen.set(key, now);
      return null;
    }
    if (this.credits < BUILD_COST) return null;
    this.credits -= BUILD_COST;
    this.seen.delete(key);
    let next = this.free.pop();
    if (next === undefined) {
      const [oldest, oldSlot] = this.tables.entries().next().value as [bigint, number];
      this.tables.delete(oldest);
      next = oldSlot;
    }
    if (!this.build(next, p)) {
      this.free.push(next);
      return null;
    }
    this.tables.set(key, next);
    return next;
  }

  /** Number of points that own a table now. */
  get size(): number {
    return this.tables.size;
  }
}
