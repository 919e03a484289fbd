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

  put(hash: bigint, bytes: Uint8Array): void {
    this.table.putSync(keyOf(hash), Buffer.from(bytes));
  }

  delete(hashes: readonly bigint[]): void {
    this.table.transactionSync(() => {
      for (const h of hashes) this.table.removeSync(keyOf(h));
    });
  }

  *entries(): Iterable<[bigint, Uint8Array]> {
    for (const { key, value } of this.table.getRange({})) yield [BigInt(`0x${key.toString('hex')}`), value];
  }
}
