// Persistence of the pool through a small storage interface; the node provides an LMDB one.
import { MempoolError } from './errors.js';
import type { PooledTransaction } from './types.js';

/** Byte storage of pooled transactions, keyed by hash. Writes must be durable when they return. */
export interface MempoolStore {
  put(hash: bigint, bytes: Uint8Array): void | Promise<void>;
  delete(hashes: readonly bigint[]): void | Promise<void>;
  /** Every stored record. */
  entries(): Iterable<[bigint, Uint8Array]>;
}

/** A store in memory (tests, in-memory devnet). */
export class MemoryMempoolStore implements MempoolStore {
  readonly map = new Map<bigint, Uint8Array>();
  put(hash: bigint, bytes: Uint8Array): void {
    this.map.set(hash, bytes);
  }
  delete(hashes: readonly bigint[]): void {
    for (const h of hashes) this.map.delete(h);
  }
  entries(): Iterable<[bigint, Uint8Array]> {
    return this.map.entries();
  }
}

// bigints are tagged strings; no other string of a transaction starts with the tag.
const TAG = 'n:';

/** Encodes a pooled transaction (bigints kept exact). */
export function encodePooled(p: PooledTransaction): Uint8Array {
  const { contractClass, ...rest } = p;
  const body = JSON.stringify(rest, (_k, v: unknown) =>
    typeof v === 'bigint' ? `${TAG}0x${v.toString(16)}` : v,
  );
  const cls = contractClass === undefined ? '' : JSON.stringify(contractClass);
  return new TextEncoder().encode(`${body}\n${cls}`);
}

/** Decodes what encodePooled wrote. */
export function decodePooled(bytes: Uint8Array): PooledTransaction {
  const text = new TextDecoder().decode(bytes);
  const cut = text.indexOf('\n');
  if (cut < 0) throw new MempoolError('STORE_CORRUPT', 'a stored mempool record has no separator');
  try {
    const p = JSON.parse(text.slice(0, cut), (_k, v: unknown) =>
      typeof v === 'string' && v.startsWith(TAG) ? BigInt(v.slice(TAG.length)) : v,
    ) as PooledTransaction;
    const cls = text.slice(cut + 1);
    if (cls !== '') p.contractClass = JSON.parse(cls);
    return p;
  } catch (cause) {
    throw new MempoolError('STORE_CORRUPT', `a stored mempool record does not parse: ${String(cause)}`);
  }
}
