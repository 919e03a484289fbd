import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Tables } from '../../src/db/tables.ts';
import { type BlockInput, StateDatabase, StateError } from '../../src/index.ts';
import { randomDiff, randomFelt, rng } from '../helpers/random.ts';

const dirs: string[] = [];
function open(pruneKeepBlocks?: number): StateDatabase {
  const path = mkdtempSync(join(tmpdir(), 'starling-state-truncate-'));
  dirs.push(path);
  return StateDatabase.open({ path, ...(pruneKeepBlocks === undefined ? {} : { pruneKeepBlocks }) });
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const isCode = (code: string) => (e: unknown) => e instanceof StateError && e.code === code;

/** Blocks with storage, nonces, deployments, declared classes (with definitions), transactions and events. */
function blocks(
  seed: number,
  from: number,
  count: number,
  contracts: bigint[],
  keys: bigint[],
): BlockInput[] {
  const r = rng(seed);
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const stateDiff = randomDiff(r, contracts, keys, 12);
    const tx = (j: number) => ({
      hash: randomFelt(r),
      transaction: { n, j },
      receipt: { ok: n },
      events: Array.from({ length: 3 }, (_, e) => ({
        fromAddress: contracts[(n + e) % contracts.length]!,
        keys: [BigInt(e), randomFelt(r)],
        data: [BigInt(n)],
      })),
    });
    return {
      blockNumber: n,
      blockHash: randomFelt(r),
      header: { n },
      stateDiff,
      classes: stateDiff.declaredClasses.map((c) => ({ classHash: c.classHash, sierra: { n } })),
      transactions: [tx(0), tx(1)],
    };
  });
}

/** Every entry of every table, as hex (the whole stored content). */
function contents(t: Tables): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, db] of Object.entries(t)) {
    if (name === 'root') continue;
    out[name] = [...(db as Tables['nodes']).getRange({ start: Buffer.alloc(0) })]
      // The one trace a drop leaves: its count, by which other handles know to reload recent writes.
      .filter((e) => !(name === 'meta' && Buffer.from(e.key as Buffer).toString() === 'history-generation'))
      .map((e) => `${Buffer.from(e.key as Buffer).toString('hex')}=${Buffer.from(e.value).toString('hex')}`);
  }
  return out;
}

describe('dropping blocks', () => {
  const r = rng(41);
  const contracts = Array.from({ length: 4 }, () => randomFelt(r, 251));
  const keys = [0n, 1n, 2n, ...Array.from({ length: 8 }, () => randomFelt(r, 251))];
  const chain = blocks(42, 0, 10, contracts, keys);
  const fork = blocks(43, 6, 4, contracts, keys);

  it('leaves exactly what committing the kept blocks alone stores; the chain goes on from there', async () => {
    const db = open();
    const ref = open();
    for (const b of chain) db.commitBlock(b);
    for (const b of chain.slice(0, 6)) ref.commitBlock(b);
    assert.equal(db.dropBlocksAfter(5), 4);
    assert.equal(db.latestBlockNumber(), 5);
    assert.deepEqual(contents(db.tables), contents(ref.tables));
    // Gone from every read.
    assert.throws(() => db.getBlock(6), isCode('UNKNOWN_BLOCK'));
    assert.throws(() => db.getStorageAt(contracts[0]!, keys[0]!, 7), isCode('UNKNOWN_BLOCK'));
    assert.equal(db.getTransaction(chain[8]!.transactions![0]!.hash), undefined);
    assert.equal(db.getBlockNumberByHash(chain[9]!.blockHash!), undefined);
    assert.equal(db.getBlockNumberByHash(chain[5]!.blockHash!), 5);
    const all = { fromBlock: 0, chunkSize: 1000 };
    assert.deepEqual(db.getEvents(all), ref.getEvents(all));
    // New blocks on top give the same roots and the same stored content as on the reference.
    for (const b of fork) {
      const x = db.commitBlock(b);
      const y = ref.commitBlock(b);
      assert.equal(x.stateRoot, y.stateRoot, `root of block ${b.blockNumber}`);
    }
    assert.deepEqual(contents(db.tables), contents(ref.tables));
    assert.equal(db.dropBlocksAfter(9), 0);
    await db.close();
    await ref.close();
  });

  it('with pruning: the kept window reads as before and new blocks commit to the archive roots', async () => {
    const db = open(6);
    const archive = open();
    for (const b of chain) {
      db.commitBlock(b);
      archive.commitBlock(b);
    }
    // Block 9 pruned everything before block 4.
    assert.throws(() => db.dropBlocksAfter(3), isCode('BLOCK_PRUNED'));
    db.dropBlocksAfter(5);
    archive.dropBlocksAfter(5);
    assert.equal(db.oldestReadableBlock(), 4);
    const req = {
      contractAddresses: contracts,
      contractsStorageKeys: contracts.map((contractAddress) => ({ contractAddress, storageKeys: keys })),
    };
    for (const b of fork) {
      assert.equal(db.commitBlock(b).stateRoot, archive.commitBlock(b).stateRoot);
      // The window never reopens blocks that were pruned.
      assert.equal(db.oldestReadableBlock(), 4);
    }
    for (let n = 4; n <= 9; n++) {
      assert.deepEqual(db.getStorageProof(n, req), archive.getStorageProof(n, req), `proof at ${n}`);
      for (const c of contracts)
        for (const k of keys) assert.equal(db.getStorageAt(c, k, n), archive.getStorageAt(c, k, n));
    }
    assert.throws(() => db.getStorageAt(contracts[0]!, keys[0]!, 3), isCode('BLOCK_PRUNED'));
    await db.close();
    await archive.close();
  });

  it('bad block numbers get typed errors and change nothing', async () => {
    const db = open();
    assert.throws(() => db.dropBlocksAfter(0), isCode('UNKNOWN_BLOCK'));
    for (const b of chain.slice(0, 3)) db.commitBlock(b);
    const before = contents(db.tables);
    for (const bad of [-1, 1.5, 3, Number.NaN])
      assert.throws(() => db.dropBlocksAfter(bad), isCode('UNKNOWN_BLOCK'));
    assert.deepEqual(contents(db.tables), before);
    await db.close();
  });
});
