// The starknet-devnet methods beyond what starknet.js itself calls (account balance, gas prices,
// acceptance on L1, restart, dumps on every block) and the 0.10.x response flags and pre-confirmed
// events; every starknet_* result is validated against the 0.10.3 schemas by the node.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hash } from 'starknet';
import WebSocket from 'ws';
import { StarlingNode } from '../../src/index.ts';
import { rpcAt } from '../helpers/rpc.ts';

const STRK = '0x4718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d';
const BALANCE_OF = '0x2e4263afad30923c891518314c3c95dbe830a16874e8abc5777a9a20b54c76e';
const TO = '0x1234';
let node: StarlingNode;
let url: string;
const dir = mkdtempSync(join(tmpdir(), 'starling-devnet-ext-'));

const rpc = (method: string, params: unknown = {}) => rpcAt(url, method, params);

/** The balance as the token contract answers balance_of (low word). */
async function balanceOf(address: string, block_id: unknown): Promise<bigint> {
  const r = await rpc('starknet_call', {
    request: { contract_address: STRK, entry_point_selector: BALANCE_OF, calldata: [address] },
    block_id,
  });
  return BigInt(r.result?.[0]);
}

before(async () => {
  node = await StarlingNode.open({
    port: 0,
    accounts: 1,
    seed: 11n,
    blockMode: { kind: 'demand' },
    validateResults: true,
  });
  url = await node.start();
});
after(async () => {
  await node?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('devnet extensions', () => {
  let mintHash = '';

  it('devnet_getAccountBalance agrees with the token contract, per block and unit', async () => {
    const m = await rpc('devnet_mint', { address: TO, amount: 7000 });
    mintHash = m.result?.tx_hash;
    const pre = await rpc('devnet_getAccountBalance', { address: TO });
    assert.deepEqual(pre.result, { amount: '7000', unit: 'FRI' });
    assert.equal(BigInt(pre.result.amount), await balanceOf(TO, 'pre_confirmed'));
    const latest = await rpc('devnet_getAccountBalance', { address: TO, unit: 'FRI', block_id: 'latest' });
    assert.equal(latest.result?.amount, '0');
    assert.equal(await balanceOf(TO, 'latest'), 0n);
    assert.deepEqual((await rpc('devnet_getAccountBalance', { address: TO, unit: 'WEI' })).result, {
      amount: '0',
      unit: 'WEI',
    });
    assert.equal((await rpc('devnet_getAccountBalance', { address: 'x' })).error?.code, -32602);
    assert.equal(
      (await rpc('devnet_getAccountBalance', { address: TO, block_id: { block_number: 99 } })).error?.code,
      24,
    );
  });

  it('getEvents reaches the pre-confirmed block, in one chunk or page by page', async () => {
    const receipt = await rpc('starknet_getTransactionReceipt', { transaction_hash: mintHash });
    const expected = receipt.result?.events as { from_address: string; keys: string[]; data: string[] }[];
    assert.ok(expected.length >= 2, 'a transfer and a fee transfer');
    const filter = { from_block: { block_number: 0 }, to_block: 'pre_confirmed', chunk_size: 100 };
    const all = (await rpc('starknet_getEvents', { filter })).result;
    const mine = all.events.filter((e: { transaction_hash: string }) => e.transaction_hash === mintHash);
    assert.deepEqual(
      mine.map((e: Record<string, unknown>) => ({
        from_address: e.from_address,
        keys: e.keys,
        data: e.data,
      })),
      expected,
    );
    for (const e of mine) {
      assert.equal(e.block_number, 1);
      assert.equal(e.block_hash, undefined, 'a pre-confirmed event has no block hash yet');
    }
    const stored = (await rpc('starknet_getEvents', { filter: { ...filter, to_block: 'latest' } })).result;
    assert.ok(!stored.events.some((e: { transaction_hash: string }) => e.transaction_hash === mintHash));
    // Page by page with continuation tokens: the same events in the same order.
    const paged: unknown[] = [];
    let token: string | undefined;
    do {
      const r = await rpc('starknet_getEvents', {
        filter: { ...filter, chunk_size: 1, ...(token !== undefined ? { continuation_token: token } : {}) },
      });
      paged.push(...r.result.events);
      token = r.result.continuation_token;
    } while (token !== undefined);
    assert.deepEqual(paged, all.events);
    const bad = await rpc('starknet_getEvents', { filter: { ...filter, continuation_token: 'pre:x' } });
    assert.equal(bad.error?.code, 33);
  });

  it('getStorageAt with INCLUDE_LAST_UPDATE_BLOCK names the block that wrote the slot', async () => {
    // sn_keccak(name) hashed with the map key, reduced below 2^251 - 256 (the storage address rule).
    const base = hash.computePedersenHash(`0x${hash.starknetKeccak('ERC20_balances').toString(16)}`, TO);
    const key = `0x${(BigInt(base) % (2n ** 251n - 256n)).toString(16)}`;
    const p = { contract_address: STRK, key, block_id: 'latest' };
    // Read (and memoized) at latest before the block: the next block's value replaces it.
    assert.equal((await rpc('starknet_getStorageAt', p)).result, '0x0');
    await rpc('devnet_createBlock');
    assert.equal((await rpc('starknet_getStorageAt', p)).result, '0x1b58');
    const flagged = await rpc('starknet_getStorageAt', {
      ...p,
      response_flags: ['INCLUDE_LAST_UPDATE_BLOCK'],
    });
    assert.deepEqual(flagged.result, { value: '0x1b58', last_update_block: 1 });
    const before = await rpc('starknet_getStorageAt', {
      ...p,
      block_id: { block_number: 0 },
      response_flags: ['INCLUDE_LAST_UPDATE_BLOCK'],
    });
    assert.deepEqual(before.result, { value: '0x0', last_update_block: 0 });
  });

  it('getStorageProof paths verify with starknet.js hashing up to the block header root', async () => {
    const base = hash.computePedersenHash(`0x${hash.starknetKeccak('ERC20_balances').toString(16)}`, TO);
    const key = BigInt(base) % (2n ** 251n - 256n);
    const r = await rpc('starknet_getStorageProof', {
      block_id: 'latest',
      contract_addresses: [STRK],
      contracts_storage_keys: [{ contract_address: STRK, storage_keys: [`0x${key.toString(16)}`] }],
    });
    const proof = r.result;
    const header = (await rpc('starknet_getBlockWithTxHashes', { block_id: 'latest' })).result;
    assert.equal(proof.global_roots.block_hash, header.block_hash);
    const stateRoot = hash.computePoseidonHashOnElements([
      `0x${Buffer.from('STARKNET_STATE_V0').toString('hex')}`,
      proof.global_roots.contracts_tree_root,
      proof.global_roots.classes_tree_root,
    ]);
    assert.equal(BigInt(stateRoot), BigInt(header.new_root));
    const leaf = proof.contracts_proof.contract_leaves_data[0];
    assert.equal(
      BigInt(leaf.class_hash),
      BigInt((await rpc('starknet_getClassHashAt', { contract_address: STRK, block_id: 'latest' })).result),
    );
    // Walks a Patricia path (Pedersen nodes, 251-bit keys) from `root` and returns the leaf.
    type N = {
      node_hash: string;
      node: { left?: string; right?: string; path?: string; length?: number; child?: string };
    };
    const walk = (nodes: N[], root: bigint, k: bigint): bigint => {
      const byHash = new Map(nodes.map((n) => [BigInt(n.node_hash), n.node]));
      let at = root;
      let height = 251;
      while (height > 0) {
        const n = byHash.get(at);
        assert.ok(n, `node 0x${at.toString(16)} is in the proof`);
        if (n.left !== undefined && n.right !== undefined) {
          assert.equal(BigInt(hash.computePedersenHash(n.left, n.right)), at);
          height--;
          at = BigInt((k >> BigInt(height)) & 1n ? n.right : n.left);
        } else {
          const len = n.length as number;
          const path = BigInt(n.path as string);
          assert.equal(
            BigInt(hash.computePedersenHash(n.child as string, n.path as string)) + BigInt(len),
            at,
          );
          const bits = (k >> BigInt(height - len)) & ((1n << BigInt(len)) - 1n);
          if (bits !== path) return 0n; // a non-membership proof: the slot holds 0
          height -= len;
          at = BigInt(n.child as string);
        }
      }
      return at;
    };
    const contractLeaf = walk(
      proof.contracts_proof.nodes,
      BigInt(proof.global_roots.contracts_tree_root),
      BigInt(STRK),
    );
    const expectedLeaf = hash.computePedersenHash(
      hash.computePedersenHash(hash.computePedersenHash(leaf.class_hash, leaf.storage_root), leaf.nonce),
      0,
    );
    assert.equal(contractLeaf, BigInt(expectedLeaf));
    const value = walk(proof.contracts_storage_proofs[0], BigInt(leaf.storage_root), key);
    assert.equal(value, 7000n);
  });

  it('INCLUDE_PROOF_FACTS adds proof_facts to INVOKE v3 transactions only when asked', async () => {
    const plain = await rpc('starknet_getTransactionByHash', { transaction_hash: mintHash });
    assert.equal(plain.result?.proof_facts, undefined);
    const flags = ['INCLUDE_PROOF_FACTS'];
    const tx = await rpc('starknet_getTransactionByHash', {
      transaction_hash: mintHash,
      response_flags: flags,
    });
    assert.deepEqual(tx.result?.proof_facts, []);
    const block = await rpc('starknet_getBlockWithReceipts', {
      block_id: { block_number: 1 },
      response_flags: flags,
    });
    assert.deepEqual(block.result?.transactions[0].transaction.proof_facts, []);
  });

  it('devnet_acceptOnL1 moves blocks to ACCEPTED_ON_L1 and serves the l1_accepted tag', async () => {
    assert.equal((await rpc('starknet_getBlockWithTxHashes', { block_id: 'l1_accepted' })).error?.code, 24);
    const hashes = [1, 0].map(
      async (n) =>
        (await rpc('starknet_getBlockWithTxHashes', { block_id: { block_number: n } })).result.block_hash,
    );
    const r = await rpc('devnet_acceptOnL1', { starting_block_id: 'latest' });
    assert.deepEqual(r.result, { accepted: await Promise.all(hashes) });
    const status = await rpc('starknet_getTransactionStatus', { transaction_hash: mintHash });
    assert.equal(status.result?.finality_status, 'ACCEPTED_ON_L1');
    const receipt = await rpc('starknet_getTransactionReceipt', { transaction_hash: mintHash });
    assert.equal(receipt.result?.finality_status, 'ACCEPTED_ON_L1');
    const tagged = await rpc('starknet_getBlockWithTxHashes', { block_id: 'l1_accepted' });
    assert.equal(tagged.result?.block_number, 1);
    assert.equal(tagged.result?.status, 'ACCEPTED_ON_L1');
    assert.deepEqual((await rpc('devnet_acceptOnL1', { starting_block_id: 'latest' })).result, {
      accepted: [],
    });
  });

  it('devnet_setGasPrice prices the next blocks', async () => {
    const r = await rpc('devnet_setGasPrice', { l2_gas_price_fri: 20_000_000_000, generate_block: true });
    assert.equal(r.result?.l2_gas_price_fri, '20000000000');
    const block = await rpc('starknet_getBlockWithTxHashes', { block_id: 'latest' });
    assert.equal(block.result?.block_hash, r.result?.block_hash);
    assert.equal(BigInt(block.result?.l2_gas_price.price_in_fri), 20_000_000_000n);
    const older = await rpc('starknet_getBlockWithTxHashes', { block_id: { block_number: 1 } });
    assert.notEqual(BigInt(older.result?.l2_gas_price.price_in_fri), 20_000_000_000n);
    assert.equal((await rpc('devnet_setGasPrice', { gas_price_fri: 0 })).error?.code, -32602);
  });

  it('devnet_restart goes back to genesis with the same accounts', async () => {
    const accounts = (await rpc('devnet_getPredeployedAccounts')).result;
    assert.deepEqual((await rpc('devnet_restart')).result, {});
    assert.equal((await rpc('starknet_blockNumber')).result, 0);
    assert.deepEqual((await rpc('devnet_getPredeployedAccounts')).result, accounts);
    assert.equal((await rpc('devnet_getAccountBalance', { address: TO })).result?.amount, '0');
    assert.equal(
      (await rpc('starknet_getTransactionStatus', { transaction_hash: mintHash })).error?.code,
      29,
    );
    assert.equal((await rpc('starknet_getBlockWithTxHashes', { block_id: 'l1_accepted' })).error?.code, 24);
    const m = await rpc('devnet_mint', { address: TO, amount: 5 });
    assert.equal(m.result?.new_balance, '5');
    await rpc('devnet_createBlock');
    assert.equal(await balanceOf(TO, 'latest'), 5n);
  });

  it('devnet_abortBlocks drops blocks, keeps the earlier ones byte for byte and sends a reorg notice', async () => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/ws`);
    await new Promise((resolve) => ws.once('open', resolve));
    const notices: { method: string; params: { result: Record<string, unknown> } }[] = [];
    ws.on('message', (m) => notices.push(JSON.parse(String(m))));
    ws.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'starknet_subscribeNewHeads', params: {} }));
    const hashes: string[] = [];
    const mints: string[] = [];
    for (const amount of [100, 200, 300]) {
      mints.push((await rpc('devnet_mint', { address: '0x4321', amount })).result?.tx_hash);
      hashes.push((await rpc('devnet_createBlock')).result?.block_hash);
    }
    const first = (await rpc('starknet_blockNumber')).result - 2;
    const r = await rpc('devnet_abortBlocks', { starting_block_id: { block_number: first + 1 } });
    assert.deepEqual(r.result, { aborted: [hashes[2], hashes[1]] });
    assert.equal((await rpc('starknet_blockNumber')).result, first);
    const kept = await rpc('starknet_getBlockWithTxHashes', { block_id: { block_number: first } });
    assert.equal(kept.result?.block_hash, hashes[0], 'the kept block is rebuilt with the same hash');
    assert.equal(
      (await rpc('devnet_getAccountBalance', { address: '0x4321', block_id: 'latest' })).result?.amount,
      '100',
    );
    assert.equal(
      (await rpc('starknet_getTransactionStatus', { transaction_hash: mints[1] })).error?.code,
      29,
    );
    for (let i = 0; i < 50 && !notices.some((n) => n.method === 'starknet_subscriptionReorg'); i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    const reorg = notices.find((n) => n.method === 'starknet_subscriptionReorg');
    assert.deepEqual(reorg?.params.result, {
      starting_block_hash: hashes[1],
      starting_block_number: first + 1,
      ending_block_hash: hashes[2],
      ending_block_number: first + 2,
    });
    ws.close();
    // The chain goes on from the kept block.
    await rpc('devnet_mint', { address: '0x4321', amount: 1 });
    const next = (await rpc('devnet_createBlock')).result?.block_hash;
    assert.notEqual(next, hashes[1]);
    assert.equal((await rpc('starknet_blockNumber')).result, first + 1);
    assert.equal(
      (await rpc('devnet_abortBlocks', { starting_block_id: { block_number: 0 } })).error?.code,
      -32602,
    );
  });

  it('--dump-on block writes a dump after every block that a fresh node loads', async () => {
    const path = join(dir, 'dump.json');
    const a = await StarlingNode.open({ port: 0, accounts: 1, seed: 12n, dumpPath: path, dumpOn: 'block' });
    const aUrl = await a.start();
    await rpcAt(aUrl, 'devnet_mint', { address: TO, amount: 42 });
    assert.ok(existsSync(path), 'written when the block closed');
    assert.equal((JSON.parse(readFileSync(path, 'utf8')) as unknown[]).length, 1);
    await a.stop();
    const b = await StarlingNode.open({ port: 0, accounts: 1, seed: 12n, loadPath: path });
    const bUrl = await b.start();
    const r = await rpcAt(bUrl, 'devnet_getAccountBalance', { address: TO, block_id: 'latest' });
    assert.equal(r.result?.amount, '42');
    await b.stop();
  });
});
