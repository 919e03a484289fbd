import type { Database } from 'lmdb';
import { readU64, u64 } from './keys.js';

/** The newest value stored under `prefix ‖ block` with block ≤ `atBlock`, or undefined. */
export function latestAt(db: Database<Buffer, Buffer>, prefix: Buffer, atBlock: number): Buffer | undefined {
  return latestEntryAt(db, prefix, atBlock)?.value;
}

/** The newest entry under `prefix ‖ block` with block ≤ `atBlock` (its block and value), or undefined. */
export function latestEntryAt(
  db: Database<Buffer, Buffer>,
  prefix: Buffer,
  atBlock: number,
): { block: number; value: Buffer } | undefined {
  // Reverse scan: start is inclusive, and the bare prefix sorts before every prefix ‖ block.
  for (const { key, value } of db.getRange({
    start: Buffer.concat([prefix, u64(atBlock)]),
    end: prefix,
    reverse: true,
    limit: 1,
  }))
    return { block: readU64(key as Buffer, prefix.length), value };
  return undefined;
}

/** Deletes the entries of `prefix` older than the newest one at or below `keepFrom` (pruning). */
export function pruneHistory(db: Database<Buffer, Buffer>, prefix: Buffer, keepFrom: number): void {
  let first = true;
  const stale: Buffer[] = [];
  for (const { key } of db.getRange({
    start: Buffer.concat([prefix, u64(keepFrom)]),
    end: prefix,
    reverse: true,
  })) {
    if (first) first = false;
    else stale.push(Buffer.from(key));
  }
  for (const k of stale) db.remove(k);
}
