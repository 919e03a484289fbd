// Reads of the latest state memoized until the next block closes: the latest state changes only
// when the sequencer stores a block, so hot keys (balances, nonces) are answered without LMDB reads.

const LIMIT = 100_000;

/** Storage values at the latest block, as served (hex), per contract and key; keyed by that block. */
export class LatestReads {
  private readonly storage = new Map<bigint, Map<bigint, string>>();
  private size = 0;
  private block: number | undefined;

  /** The value read at `block` (the latest block now), if memoized. */
  get(block: number | undefined, address: bigint, key: bigint): string | undefined {
    if (block !== this.block) {
      this.clear();
      this.block = block;
      return undefined;
    }
    return this.storage.get(address)?.get(key);
  }

  /** Memoizes a value read at the latest block given to `get`. */
  set(address: bigint, key: bigint, value: string): void {
    if (this.size >= LIMIT) this.clear();
    let m = this.storage.get(address);
    if (m === undefined) this.storage.set(address, (m = new Map()));
    m.set(key, value);
    this.size++;
  }

  /** Forgets everything (a block was stored, or the chain restarted). */
  clear(): void {
    this.storage.clear();
    this.size = 0;
  }
}
