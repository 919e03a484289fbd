import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MempoolError, TransactionPool } from '../../src/index.ts';
import { pooled } from './helpers.ts';

const code = (fn: () => unknown, c: string) =>
  assert.throws(fn, (e: unknown) => e instanceof MempoolError && e.code === c);
const zero = () => 0n;

describe('TransactionPool', () => {
  it('orders account heads by tip, then arrival, and follows each account nonce by nonce', () => {
    const pool = new TransactionPool();
    const a0 = pooled(0xa1n, 0n, 5n);
    const a1 = pooled(0xa1n, 1n, 100n);
    const b0 = pooled(0xb1n, 0n, 10n);
    const c0 = pooled(0xc1n, 0n, 5n);
    for (const p of [a1, a0, b0, c0]) pool.add(p, 0n);
    // b0 (tip 10) first; a0 and c0 tie at 5, a0 arrived first; then a1 becomes a head and wins on tip.
    const order = pool.take(10, zero).map((p) => p.hash);
    assert.deepEqual(order, [b0.hash, a0.hash, a1.hash, c0.hash]);
    assert.equal(pool.status(a0.hash), 'STAGED');
    assert.deepEqual(pool.take(10, zero), [], 'staged transactions are not taken twice');
  });

  it('does not take a transaction past a nonce gap, and honours the max count', () => {
    const pool = new TransactionPool();
    pool.add(pooled(1n, 0n), 0n);
    pool.add(pooled(1n, 2n), 0n);
    pool.add(pooled(2n, 0n), 0n);
    assert.equal(pool.take(1, zero).length, 1);
    assert.equal(pool.take(10, zero).length, 1, 'nonce 2 waits for nonce 1');
    assert.equal(pool.nextNonce(1n, 0n), 1n);
  });

  it('holds heads priced below the threshold back', () => {
    const pool = new TransactionPool();
    const cheap = pooled(1n, 0n, 0n, 8_000_000_000n);
    const rich = pooled(2n, 0n, 0n, 20_000_000_000n);
    pool.add(cheap, 0n);
    pool.add(rich, 0n);
    assert.deepEqual(
      pool.take(5, zero, 10_000_000_000n).map((p) => p.hash),
      [rich.hash],
    );
  });

  it('rejects duplicates, old nonces and nonces more than 200 ahead (0 for DECLARE)', () => {
    const pool = new TransactionPool();
    const p = pooled(1n, 5n);
    pool.add(p, 5n);
    code(() => pool.add(p, 5n), 'DUPLICATE_TX');
    code(() => pool.add(pooled(1n, 4n), 5n), 'INVALID_TRANSACTION_NONCE');
    pool.add(pooled(1n, 205n), 5n);
    code(() => pool.add(pooled(1n, 206n), 5n), 'INVALID_TRANSACTION_NONCE');
    const declare = pooled(3n, 1n);
    declare.tx = { ...declare.tx, type: 'DECLARE', classHash: 1n, compiledClassHash: 2n } as never;
    code(() => pool.add(declare, 0n), 'INVALID_TRANSACTION_NONCE');
  });

  it('replaces only when both tip and max L2 gas price rise by 10%', () => {
    const pool = new TransactionPool();
    const old = pooled(1n, 0n, 100n, 10_000_000_000n);
    pool.add(old, 0n);
    code(() => pool.add(pooled(1n, 0n, 109n, 20_000_000_000n), 0n), 'REPLACEMENT_TRANSACTION_UNDERPRICED');
    code(() => pool.add(pooled(1n, 0n, 200n, 10_999_999_999n), 0n), 'REPLACEMENT_TRANSACTION_UNDERPRICED');
    const next = pooled(1n, 0n, 110n, 11_000_000_000n);
    const r = pool.add(next, 0n);
    assert.equal(r.replaced?.hash, old.hash);
    assert.equal(pool.has(old.hash), false);
    assert.equal(pool.size, 1);
  });

  it('evicts the lowest-priority tail when full, and refuses a transaction that outbids none', () => {
    const pool = new TransactionPool({ capacity: 3 });
    const a0 = pooled(1n, 0n, 50n);
    const a1 = pooled(1n, 1n, 1n);
    const b0 = pooled(2n, 0n, 5n);
    for (const p of [a0, a1, b0]) pool.add(p, 0n);
    code(() => pool.add(pooled(3n, 0n, 1n), 0n), 'MEMPOOL_FULL');
    const c0 = pooled(3n, 0n, 2n);
    const r = pool.add(c0, 0n);
    assert.deepEqual(
      r.evicted.map((p) => p.hash),
      [a1.hash],
      'the tail a1 (tip 1) goes, not the head a0',
    );
    assert.equal(pool.size, 3);
  });

  it('expires unstaged transactions after the TTL and drops stale nonces', () => {
    const pool = new TransactionPool({ ttlMs: 1000 });
    const old = pooled(1n, 0n, 0n, 10_000_000_000n, 0);
    const staged = pooled(2n, 0n, 0n, 10_000_000_000n, 0);
    const fresh = pooled(3n, 0n, 0n, 10_000_000_000n, 900);
    for (const p of [old, staged, fresh]) pool.add(p, 0n);
    pool.take(1, (s) => (s === 2n ? 0n : 99n));
    assert.deepEqual(
      pool.expire(1500).map((p) => p.hash),
      [old.hash],
    );
    assert.equal(pool.has(staged.hash), true);
    assert.deepEqual(
      pool.dropStale((s) => (s === 3n ? 1n : 0n)).map((p) => p.hash),
      [fresh.hash],
    );
  });

  it('returns unstaged transactions to the pool and removes included ones', () => {
    const pool = new TransactionPool();
    const a = pooled(1n, 0n);
    pool.add(a, 0n);
    pool.take(1, zero);
    pool.unstage([a.hash]);
    assert.equal(pool.status(a.hash), 'RECEIVED');
    assert.equal(pool.take(1, zero).length, 1);
    assert.deepEqual(
      pool.remove([a.hash, 123n]).map((p) => p.hash),
      [a.hash],
    );
    assert.equal(pool.status(a.hash), undefined);
  });
});
