// The mempool's store in the node's LMDB environment (a named sub-database next to the state tables).
import type { MempoolStore } from '@starling/mempool';
import type { StateDatabase } from '@starling/state';

const keyOf = (h: bigint): Buffer => Buffer.from(h.toString(16).padStart(64, '0'), 'hex');

/** Pooled transactions stored in the `mempool` sub-database of the state environment. */
export class LmdbMempoolStore implements MempoolStore {
  private readonly table;

  constructor(db: StateDatabase) {
    this.table = db.tables.root.openDB<Buffer, Buffer>({
      name: 'mempool',
      keyEncoding: 'binary',
      encoding: 'binary',
      compression: false,
    });
  }

  // Asynchronous writes: LMDB batches those of one event-loop turn into one durable commit (one
  // sync to disk for many submissions); each promise resolves once its batch is on disk.
  async put(hash: bigint, bytes: Uint8Array): Promise<void> {
    await this.table.put(keyOf(hash), Buffer.from(bytes));
  }

  async delete(hashes: readonly bigint[]): Promise<void> {
    await Promise.all(hashes.map((h) => this.table.remove(keyOf(h))));
  }

  *entries(): Iterable<[bigint, Uint8Array]> {
    for (const { key, value } of this.table.getRange({})) yield [BigInt(`0x${key.toString('hex')}`), value];
  }
}
