// devnet_* methods and node endpoints, as starknet-devnet users call them (JSON over loopback HTTP),
// every starknet_* result validated against the 0.10.3 schemas by the node.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { StarlingNode } from '../../src/index.ts';
import { rpcAt } from '../helpers/rpc.ts';

const STRK = '0x4718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d';
let node: StarlingNode;
let url: string;
const dir = mkdtempSync(join(tmpdir(), 'starling-devnet-'));

const rpc = (method: string, params: unknown = {}) => rpcAt(url, method, params);

before(async () => {
  node = await StarlingNode.open({
    port: 0,
    accounts: 1,
    seed: 9n,
    blockMode: { kind: 'demand' },
    validateResults: true,
  });
  url = await node.start();
});
after(async () => {
  await node?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('devnet methods', () => {
  it('mints STRK through a real transaction, pre-confirmed until a block is created', async () => {
    const to = '0x1234';
    const m = await rpc('devnet_mint', { address: to, amount: 5000 });
    assert.equal(m.result?.new_balance, '5000');
    assert.equal(m.result?.unit, 'FRI');
    const status = await rpc('starknet_getTransactionStatus', { transaction_hash: m.result?.tx_hash });
    assert.equal(status.result?.finality_status, 'PRE_CONFIRMED');
    const pre = await rpc('starknet_getBlockWithReceipts', { block_id: 'pre_confirmed' });
    assert.equal(pre.result?.transactions.length, 1);
    const preBalance = await rpc('starknet_call', {
      request: {
        contract_address: STRK,
        entry_point_selector: '0x2e4263afad30923c891518314c3c95dbe830a16874e8abc5777a9a20b54c76e',
        calldata: [to],
      },
      block_id: 'pre_confirmed',
    });
    assert.equal(BigInt(preBalance.result?.[0]), 5000n);
    const b = await rpc('devnet_createBlock');
    const latest = await rpc('starknet_blockHashAndNumber');
    assert.equal(latest.result?.block_hash, b.result?.block_hash);
    assert.equal(latest.result?.block_number, 1);
    assert.equal(
      (await rpc('starknet_getTransactionStatus', { transaction_hash: m.result?.tx_hash })).result
        ?.finality_status,
      'ACCEPTED_ON_L2',
    );
    assert.equal((await rpc('devnet_mint', { address: to, amount: 1, unit: 'WEI' })).error?.code, -32602);
  });

  it('moves block time forward and sets it', async () => {
    const inc = await rpc('devnet_increaseTime', { time: 1000 });
    const block = await rpc('starknet_getBlockWithTxHashes', { block_id: 'latest' });
    assert.equal(block.result?.block_hash, inc.result?.block_hash);
    const prev = await rpc('starknet_getBlockWithTxHashes', { block_id: { block_number: 1 } });
    assert.ok(block.result.timestamp >= prev.result.timestamp + 1000);
    const set = await rpc('devnet_setTime', { time: 4_000_000_000, generate_block: true });
    assert.equal(set.result?.block_timestamp, 4_000_000_000);
    const last = await rpc('starknet_getBlockWithTxHashes', { block_id: 'latest' });
    assert.equal(last.result?.timestamp, 4_000_000_000);
  });

  it('dumps the chain and replays it into a fresh node', async () => {
    const path = join(dir, 'dump.json');
    await rpc('devnet_dump', { path });
    const fresh = await StarlingNode.open({ port: 0, accounts: 1, seed: 9n, loadPath: path });
    const freshUrl = await fresh.start();
    const r = await fetch(freshUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'starknet_getStorageAt',
        params: { contract_address: STRK, key: '0x0', block_id: 'latest' },
      }),
    });
    assert.ok(((await r.json()) as { result?: string }).result !== undefined);
    const mintTx = (await rpc('starknet_getBlockWithTxHashes', { block_id: { block_number: 1 } })).result
      ?.transactions[0];
    const again = await fetch(freshUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'starknet_getTransactionStatus',
        params: { transaction_hash: mintTx },
      }),
    });
    assert.equal(
      ((await again.json()) as { result?: { finality_status: string } }).result?.finality_status,
      'ACCEPTED_ON_L2',
    );
    await fresh.stop();
  });

  it('serves config, health and Prometheus metrics', async () => {
    const cfg = await rpc('devnet_getConfig');
    assert.equal(cfg.result?.total_accounts, 1);
    assert.equal((await fetch(`${url}/is_alive`)).status, 200);
    const text = await (await fetch(`${url}/metrics`)).text();
    assert.match(text, /starling_blocks_total \d+/);
    assert.match(text, /starling_rpc_calls_total\{method="devnet_mint"/);
    assert.match(text, /starling_mempool_accepted_total\{type="INVOKE"\} 1/);
  });
});
