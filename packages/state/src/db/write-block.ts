import type { StateCommit } from '../commitment/commit-state-diff.js';
import { encodeNode, type TrieNode } from '../trie/node.js';
import type { BlockInput } from '../types.js';
import { encodeContractState, encodeRoots } from './codec.js';
import { encodeStateDiff } from './diff-codec.js';
import { pruneHistory } from './history.js';
import { encodeJson } from './json.js';
import { compactWord, key, nodeKeyHex, nodeKeyPrefix, u32, u64 } from './keys.js';
import type { Tables } from './tables.js';

/** Kind byte of a class-hashes entry. */
export const CLASS_SIERRA = 0;
export const CLASS_CAIRO0 = 1;

/** Writes one block inside the caller's write transaction. */
export function writeBlock(
  t: Tables,
  input: BlockInput,
  c: StateCommit,
  header: { blockHash: bigint | undefined; header: unknown },
  pruneBefore: number | undefined,
): void {
  const n = input.blockNumber;
  const b = u64(n);
  // Nodes are keyed by block ‖ hash and written in key order with MDB_APPEND: one commit's nodes
  // fill fresh pages at the end of the table (few dirty pages, full pages).
  const at = nodeKeyPrefix(n);
  // Fixed-width hex sorts like the numbers and is reused for the key.
  const created: [string, TrieNode][] = [];
  for (const m of [c.pedersenNodes.created, c.poseidonNodes.created])
    for (const [h, node] of m) created.push([h.toString(16).padStart(64, '0'), node]);
  created.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let last = '';
  for (const [hex, node] of created) {
    if (hex === last) continue;
    last = hex;
    t.nodes.putSync(nodeKeyHex(at, hex), encodeNode(node), { append: true });
  }
  for (const [address, state] of c.contracts) {
    t.contracts.put(key(address, b), encodeContractState(state));
    if (pruneBefore !== undefined) pruneHistory(t.contracts, key(address), pruneBefore);
  }
  for (const [address, writes] of c.storage)
    for (const [k, v] of writes) {
      t.storage.put(key(address, k, b), Buffer.from(compactWord(v)));
      if (pruneBefore !== undefined) pruneHistory(t.storage, key(address, k), pruneBefore);
    }
  for (const [h, cch] of c.classes)
    t.classHashes.put(key(h, b), Buffer.from([CLASS_SIERRA, ...compactWord(cch)]));
  for (const h of input.stateDiff.deprecatedDeclaredClasses)
    t.classHashes.put(key(h, b), Buffer.from([CLASS_CAIRO0]));
  for (const cls of input.classes ?? [])
    t.classDefs.put(
      key(cls.classHash),
      encodeJson({ sierra: cls.sierra, casm: cls.casm, legacy: cls.legacy }),
    );

  const txs = input.transactions ?? [];
  t.roots.put(Buffer.from(b), encodeRoots(c));
  t.blocks.put(
    Buffer.from(b),
    encodeJson({ blockHash: header.blockHash, header: header.header, transactionCount: txs.length }),
  );
  if (header.blockHash !== undefined) t.blockHashes.put(key(header.blockHash), Buffer.from(b));
  txs.forEach((tx, i) => {
    const pos = key(b, u32(i));
    t.transactions.put(pos, encodeJson({ hash: tx.hash, transaction: tx.transaction, receipt: tx.receipt }));
    t.txHashes.put(key(tx.hash), pos);
    (tx.events ?? []).forEach((ev, j) => {
      const evPos = key(b, u32(i), u32(j));
      t.events.put(evPos, encodeJson({ tx: tx.hash, from: ev.fromAddress, keys: ev.keys, data: ev.data }));
      t.eventsByAddress.put(key(ev.fromAddress, evPos), Buffer.alloc(0));
    });
  });
  t.stateDiffs.put(Buffer.from(b), encodeStateDiff(input.stateDiff));
  t.meta.put(Buffer.from('latest'), Buffer.from(b));
  if (pruneBefore !== undefined) t.meta.put(Buffer.from('oldest'), Buffer.from(u64(pruneBefore)));
}
