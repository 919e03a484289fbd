import { P } from '@starling/felt';
import { StateError } from '../errors.js';
import type { SortedUpdates } from './plan-update.js';

/** Checks keys (< 2^height) and values (< p), keeps the last write per key and sorts by key. */
export function sortUpdates(
  updates: Iterable<readonly [bigint, bigint]>,
  height: number,
  what = 'trie',
): SortedUpdates {
  const bound = 1n << BigInt(height);
  const map = new Map<bigint, bigint>();
  for (const [key, value] of updates) {
    if (typeof key !== 'bigint' || key < 0n || key >= bound)
      throw new StateError('INVALID_KEY', `${what} key out of range [0, 2^${height})`, { key: String(key) });
    if (typeof value !== 'bigint' || value < 0n || value >= P)
      throw new StateError('INVALID_VALUE', `${what} value is not a field element`, { value: String(value) });
    map.set(key, value);
  }
  const keys = [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { keys, values: keys.map((k) => map.get(k)!) };
}
