import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { feeTokenBalance, STRK_FEE_TOKEN_ADDRESS } from '@starling/execution';
import { makeChain, type TestChain, transfer } from '../helpers/chain.ts';

const chains: TestChain[] = [];
after(async () => {
  for (const c of chains) await c.close();
});
async function chain(...a: Parameters<typeof makeChain>): Promise<TestChain> {
  const c = await makeChain(...a);
  chains.push(c);
  return c;
}
const header = (c: TestChain, n: number) => c.db.getBlock(n).header as Record<string, unknown>;

describe('Sequencer', () => {
  it('closes one block per transaction by default, chained by parent hash', async () => {
    const c = await chain();
    const to = 0xabcn;
    const hashes = [];
    for (let i = 0n; i < 2n; i++)
      hashes.push((await c.gateway.submit({ tx: transfer(c, 0, to, 100n + i, i) })).hash);
    const settled = hashes.map((h) => c.sequencer.settled(h));
    await c.sequencer.notify();
    const r = await Promise.all(settled);
    assert.deepEqual(
      r.map((x) => ('block' in x ? x.block.blockNumber : -1)),
      [1, 2],
    );
    assert.equal(c.db.latestBlockNumber(), 2);
    assert.equal(header(c, 2).parent_hash, header(c, 1).block_hash);
    assert.equal(header(c, 1).parent_hash, header(c, 0).block_hash);
    assert.equal(header(c, 1).transaction_count, 1);
    assert.equal(header(c, 1).starknet_version, '0.14.1');
    assert.equal(BigInt(header(c, 2).new_root as string), c.db.getRoots(2).stateRoot);
    const receipt = c.db.getTransaction(hashes[1] as bigint)?.receipt as Record<string, unknown>;
    assert.equal(receipt.execution_status, 'SUCCEEDED');
    assert.equal(feeTokenBalance(c.chain.latestState(), STRK_FEE_TOKEN_ADDRESS, to), 201n);
    assert.equal(c.gateway.pool.size, 0, 'included transactions leave the pool');
  });

  it('pinned time stamps the next blocks exactly; setMode switches demand to one block per transaction', async () => {
    const c = await chain({ mode: { kind: 'demand' } });
    const parent = BigInt(header(c, 0).timestamp as number);
    c.sequencer.pinTime(parent + 1000n);
    await c.sequencer.createBlock();
    assert.equal(BigInt(header(c, 1).timestamp as number), parent + 1000n);
    // Never before the parent: a pinned time in the past takes the parent's.
    c.sequencer.pinTime(parent);
    await c.sequencer.createBlock();
    assert.equal(BigInt(header(c, 2).timestamp as number), parent + 1000n);
    c.sequencer.pinTime(undefined);
    c.sequencer.setMode({ kind: 'transaction' });
    assert.deepEqual(c.sequencer.options.mode, { kind: 'transaction' });
    const p = await c.gateway.submit({ tx: transfer(c, 0, 7n, 1n, 0n) });
    const settled = c.sequencer.settled(p.hash);
    await c.sequencer.notify();
    const r = await settled;
    assert.equal('block' in r ? r.block.blockNumber : -1, 3);
    assert.throws(() => c.sequencer.setMode({ kind: 'interval', ms: 0 }), { code: 'INVALID_OPTION' });
  });

  it('on demand: transactions wait PRE_CONFIRMED until createBlock; empty blocks on request', async () => {
    const c = await chain({ mode: { kind: 'demand' } });
    const seen: string[] = [];
    c.sequencer.onTransaction((_h, s) => seen.push(s));
    const p = await c.gateway.submit({ tx: transfer(c, 1, 5n, 1n, 0n) });
    await c.sequencer.notify();
    assert.equal(c.db.latestBlockNumber(), 0);
    assert.equal(c.sequencer.preconfirmed?.find(p.hash)?.status, 'PRE_CONFIRMED');
    assert.deepEqual(seen, ['CANDIDATE', 'PRE_CONFIRMED']);
    const b = await c.sequencer.createBlock();
    assert.equal(b.blockNumber, 1);
    assert.equal(b.transactions.length, 1);
    assert.equal(c.sequencer.preconfirmed, undefined);
    const empty = await c.sequencer.createBlock();
    assert.equal(empty.transactions.length, 0);
    assert.equal(header(c, 2).transaction_count, 0);
  });

  it('closes by transaction count and by L2 gas', async () => {
    const c = await chain({ mode: { kind: 'demand' }, maxTransactions: 2 });
    for (let i = 0n; i < 3n; i++) await c.gateway.submit({ tx: transfer(c, 0, 9n, 1n, i) });
    await c.sequencer.notify();
    assert.equal(c.db.latestBlockNumber(), 1);
    assert.equal(header(c, 1).transaction_count, 2);
    assert.equal(c.sequencer.preconfirmed?.executed().length, 1);

    const g = await chain({ mode: { kind: 'demand' }, maxL2Gas: 1n });
    for (let i = 0n; i < 2n; i++) await g.gateway.submit({ tx: transfer(g, 0, 9n, 1n, i) });
    await g.sequencer.notify();
    assert.equal(g.db.latestBlockNumber(), 2, 'each transaction fills the L2 gas budget');
    assert.equal(g.sequencer.preconfirmed?.executed().length ?? 0, 0);
  });

  it('closes non-empty blocks on the interval', async () => {
    const c = await chain({ mode: { kind: 'interval', ms: 20 } });
    c.sequencer.start();
    const p = await c.gateway.submit({ tx: transfer(c, 2, 9n, 1n, 0n) });
    const done = c.sequencer.settled(p.hash);
    await c.sequencer.notify();
    const r = await done;
    assert.ok('block' in r && r.block.blockNumber === 1);
  });

  it('drops a transaction that execution rejects, and keeps producing', async () => {
    const c = await chain();
    const bad = await c.gateway.submit({ tx: transfer(c, 0, 9n, 1n, 0n, { signature: [1n, 2n] }) });
    const badDone = c.sequencer.settled(bad.hash);
    await c.sequencer.notify();
    const r = await badDone;
    assert.ok('rejected' in r);
    assert.equal(c.gateway.pool.has(bad.hash), false);
    assert.equal(c.db.latestBlockNumber(), 0);
    const good = await c.gateway.submit({ tx: transfer(c, 0, 9n, 1n, 0n) });
    await c.sequencer.notify();
    assert.equal(c.db.getTransaction(good.hash)?.blockNumber, 1);
  });

  it('returns the open block to the pool on stop', async () => {
    const c = await chain({ mode: { kind: 'demand' } });
    const p = await c.gateway.submit({ tx: transfer(c, 0, 9n, 1n, 0n) });
    await c.sequencer.notify();
    assert.equal(c.gateway.pool.status(p.hash), 'STAGED');
    await c.sequencer.stop();
    assert.equal(c.gateway.pool.status(p.hash), 'RECEIVED');
    await assert.rejects(c.sequencer.createBlock(), { code: 'SEQUENCER_STOPPED' });
  });
});

describe('Sequencer start-of-block update', () => {
  it('writes the hash of block N − 10 into the block-hash contract (0x1) when block N opens', async () => {
    const c = await chain({ mode: { kind: 'demand' } });
    for (let i = 0; i < 11; i++) await c.sequencer.createBlock();
    const state = c.chain.latestState();
    assert.equal(state.getStorageAt(1n, 0n), c.db.getBlock(0).blockHash, 'block 10 recorded block 0');
    assert.equal(state.getStorageAt(1n, 1n), c.db.getBlock(1).blockHash, 'block 11 recorded block 1');
    assert.equal(state.getStorageAt(1n, 2n), 0n);
    const diff = c.db.getStateDiff(10);
    assert.deepEqual(
      diff.storageDiffs.map((s) => s.address),
      [1n],
    );
  });
});
