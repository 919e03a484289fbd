// Storage history reaches its table up to SWEEP_BLOCKS blocks late (db/storage-history.ts): reads at
// every block must still match a plain list of every write, through reopening, a second handle on the
// same environment, dropped blocks, pruning and a database of the earlier layout.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { compactWord, key, u64 } from '../../src/db/keys.ts';
import { SWEEP_BLOCKS } from '../../src/db/storage-history.ts';
import { StateDatabase, type StateDiff, StateError } from '../../src/index.ts';
import { randomDiff, randomFelt, rng } from '../helpers/random.ts';

const dirs: string[] = [];
function tempPath(): string {
  const path = mkdtempSync(join(tmpdir(), 'starling-state-history-'));
  dirs.push(path);
  return path;
}
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const r = rng(91);
// Addresses in many slices (their top bits), two of them in the same slice.
const contracts = [0, 3, 5, 9, 12, 15].map((s) => (BigInt(s) << 247n) | randomFelt(r, 240));
contracts.push((9n << 247n) | randomFelt(r, 240));
const keys = Array.from({ length: 10 }, () => randomFelt(r, 251));

/** Every write of every block, the oracle for reads. */
class WriteLog {
  private readonly writes: { block: number; address: bigint; key: bigint; value: bigint }[] = [];
  add(block: number, diff: StateDiff): void {
    for (const sd of diff.storageDiffs)
      for (const e of sd.entries)
        this.writes.push({ block, address: sd.address, key: e.key, value: e.value });
  }
  dropAfter(block: number): void {
    for (let i = this.writes.length - 1; i >= 0; i--)
      if (this.writes[i]!.block > block) this.writes.splice(i, 1);
  }
  last(address: bigint, k: bigint, n: number) {
    let found: { block: number; value: bigint } | undefined;
    for (const w of this.writes)
      if (w.address === address && w.key === k && w.block <= n) found = { block: w.block, value: w.value };
    return found;
  }
}

/** The diff with values of every size: small, about 2^60 and about 2^220 (stored in compact form). */
function widen(diff: StateDiff): StateDiff {
  const wide = (v: bigint) => [v, (v << 40n) | v, (v << 200n) | v][Number(v % 3n)]!;
  return {
    ...diff,
    storageDiffs: diff.storageDiffs.map((sd) => ({
      address: sd.address,
      entries: sd.entries.map((e) => ({ key: e.key, value: wide(e.value) })),
    })),
  };
}

function commit(db: StateDatabase, log: WriteLog, seed: number, count: number): void {
  const rr = rng(seed);
  for (let i = 0; i < count; i++) {
    const n = (db.latestBlockNumber() ?? -1) + 1;
    const stateDiff = widen(randomDiff(rr, contracts, keys, 12));
    db.commitBlock({ blockNumber: n, stateDiff });
    log.add(n, stateDiff);
  }
}

/** Every key at every block from `from` to the latest reads as the log says. */
function checkAll(db: StateDatabase, log: WriteLog, from = 0): void {
  const latest = db.latestBlockNumber()!;
  for (let n = from; n <= latest; n++)
    for (const a of contracts)
      for (const k of keys) {
        const want = log.last(a, k, n);
        assert.equal(db.getStorageAt(a, k, n), want?.value ?? 0n, `value of ${a}/${k} at ${n}`);
        assert.equal(db.getStorageLastUpdateBlock(a, k, n), want?.block, `last update of ${a}/${k} at ${n}`);
      }
}

describe('storage history written late', () => {
  it('reads every key at every block as the write log says, across sweeps, handles, drops and reopening', async () => {
    const path = tempPath();
    const log = new WriteLog();
    const db = StateDatabase.open({ path, hashWorkers: 0 });
    commit(db, log, 1, 2 * SWEEP_BLOCKS + 5);
    checkAll(db, log);
    // A second handle on the same environment follows the writer's new blocks.
    const other = StateDatabase.open({ path, hashWorkers: 0 });
    checkAll(other, log, 20);
    commit(db, log, 2, 6);
    // A handle sees other handles' commits once its read snapshot renews (after the current turn).
    const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 10));
    await nextTurn();
    assert.equal(other.latestBlockNumber(), db.latestBlockNumber());
    checkAll(other, log, 20);
    // Drop blocks and write others up to the same latest block: both handles read the new history.
    const latest = db.latestBlockNumber()!;
    db.dropBlocksAfter(latest - 14);
    log.dropAfter(latest - 14);
    commit(db, log, 3, 14);
    assert.equal(db.latestBlockNumber(), latest);
    checkAll(db, log, 20);
    await nextTurn();
    checkAll(other, log, 20);
    await other.close();
    await db.close();
    // Reopened, the memory layer is rebuilt from the stored state diffs.
    const again = StateDatabase.open({ path, hashWorkers: 0 });
    checkAll(again, log);
    await again.close();
  });

  it('opens a database of the earlier layout, whose history table holds every write', async () => {
    const path = tempPath();
    const log = new WriteLog();
    const db = StateDatabase.open({ path, hashWorkers: 0 });
    const diffs: StateDiff[] = [];
    const rr = rng(4);
    for (let n = 0; n < SWEEP_BLOCKS + 3; n++) {
      const stateDiff = randomDiff(rr, contracts, keys, 12);
      diffs.push(stateDiff);
      db.commitBlock({ blockNumber: n, stateDiff });
      log.add(n, stateDiff);
    }
    // Layout 2 wrote each block's storage to the table at once.
    diffs.forEach((d, n) => {
      for (const sd of d.storageDiffs)
        for (const e of sd.entries)
          db.tables.storage.putSync(key(sd.address, e.key, u64(n)), compactWord(e.value));
    });
    db.tables.meta.putSync(Buffer.from('format'), Buffer.from([2]));
    await db.close();
    const upgraded = StateDatabase.open({ path, hashWorkers: 0 });
    assert.deepEqual([...upgraded.tables.meta.getBinary(Buffer.from('format'))!], [3]);
    checkAll(upgraded, log);
    commit(upgraded, log, 5, SWEEP_BLOCKS + 2);
    checkAll(upgraded, log);
    await upgraded.close();
  });

  it('a commit that fails after its sweep changes nothing, and the block can be committed again', async () => {
    const log = new WriteLog();
    const db = StateDatabase.open({ path: tempPath(), hashWorkers: 0 });
    commit(db, log, 7, SWEEP_BLOCKS + 4);
    const n = db.latestBlockNumber()! + 1;
    // The block's header fails once its roots are known: after the sweep wrote to the table.
    const stateDiff = randomDiff(rng(8), contracts, keys, 40);
    assert.throws(
      () =>
        db.commitBlock({
          blockNumber: n,
          stateDiff,
          finalize: () => {
            throw new StateError('INVALID_VALUE', 'no header');
          },
        }),
      (e) => e instanceof StateError && e.message === 'no header',
    );
    assert.equal(db.latestBlockNumber(), n - 1);
    checkAll(db, log);
    commit(db, log, 9, 3);
    checkAll(db, log);
    await db.close();
  });

  it('a pruned database reads kept blocks as the write log says and refuses older ones', async () => {
    const log = new WriteLog();
    const db = StateDatabase.open({ path: tempPath(), hashWorkers: 0, pruneKeepBlocks: 5 });
    commit(db, log, 6, 2 * SWEEP_BLOCKS + 3);
    const oldest = db.oldestReadableBlock();
    assert.ok(oldest > 0);
    checkAll(db, log, oldest);
    assert.throws(
      () => db.getStorageAt(contracts[0]!, keys[0]!, oldest - 1),
      (e) => e instanceof StateError && e.code === 'BLOCK_PRUNED',
    );
    await db.close();
  });
});
