// devnet_abortBlocks and devnet_restart on a chain kept in a data directory: the dropped blocks are
// gone from the database itself, so a node reopened on the directory sees the shortened chain.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { hash } from 'starknet';
import { StarlingNode } from '../../src/index.ts';
import { rpcAt } from '../helpers/rpc.ts';

const STRK = '0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d';
// The fee token's balance slot of 0x4321: sn_keccak('ERC20_balances') hashed with the address,
// reduced below 2^251 - 256.
const BALANCE_KEY = `0x${(BigInt(hash.computePedersenHash(`0x${hash.starknetKeccak('ERC20_balances').toString(16)}`, '0x4321')) % (2n ** 251n - 256n)).toString(16)}`;
const lastUpdate = async (url: string) =>
  (
    await rpc(url, 'starknet_getStorageAt', {
      contract_address: STRK,
      key: BALANCE_KEY,
      block_id: 'latest',
      response_flags: ['INCLUDE_LAST_UPDATE_BLOCK'],
    })
  ).result?.last_update_block;

const dir = mkdtempSync(join(tmpdir(), 'starling-rewind-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const rpc = rpcAt;

const balance = async (url: string, block_id: unknown = 'latest') =>
  (await rpc(url, 'devnet_getAccountBalance', { address: '0x4321', block_id })).result?.amount;

describe('abortBlocks and restart on a data directory', () => {
  const opts = { dataDir: dir, port: 0, accounts: 1, seed: 5n, blockMode: { kind: 'demand' as const } };

  it('abortBlocks drops the later blocks for good; the chain goes on from the kept block', async () => {
    let node = await StarlingNode.open(opts);
    let url = await node.start();
    const hashes: string[] = [];
    const mints: string[] = [];
    for (const amount of [100, 200, 300]) {
      mints.push((await rpc(url, 'devnet_mint', { address: '0x4321', amount })).result?.tx_hash);
      hashes.push((await rpc(url, 'devnet_createBlock')).result?.block_hash);
    }
    const last = (await rpc(url, 'starknet_blockNumber')).result as number;
    // The balance slot was last written in the block about to be dropped.
    assert.equal(await lastUpdate(url), last);
    const r = await rpc(url, 'devnet_abortBlocks', { starting_block_id: { block_number: last - 1 } });
    assert.deepEqual(r.result, { aborted: [hashes[2], hashes[1]] });
    assert.equal(await balance(url), '100');
    assert.equal(await lastUpdate(url), last - 2);
    await node.stop();

    node = await StarlingNode.open(opts);
    url = await node.start();
    assert.equal((await rpc(url, 'starknet_blockNumber')).result, last - 2);
    assert.equal(
      (await rpc(url, 'starknet_getBlockWithTxHashes', { block_id: { block_number: last - 2 } })).result
        ?.block_hash,
      hashes[0],
    );
    assert.equal(
      (await rpc(url, 'starknet_getTransactionStatus', { transaction_hash: mints[2] })).error?.code,
      29,
    );
    assert.equal(
      (await rpc(url, 'starknet_getBlockWithTxHashes', { block_id: { block_number: last } })).error?.code,
      24,
    );
    assert.equal(await balance(url), '100');
    await rpc(url, 'devnet_mint', { address: '0x4321', amount: 7 });
    const next = (await rpc(url, 'devnet_createBlock')).result?.block_hash;
    assert.notEqual(next, hashes[1]);
    assert.equal((await rpc(url, 'starknet_blockNumber')).result, last - 1);
    assert.equal(await balance(url), '107');
    await node.stop();
  });

  it('restart goes back to genesis with the same accounts, and stays there after reopening', async () => {
    let node = await StarlingNode.open(opts);
    let url = await node.start();
    const accounts = (await rpc(url, 'devnet_getPredeployedAccounts')).result;
    const genesis = (await rpc(url, 'starknet_getBlockWithTxHashes', { block_id: { block_number: 0 } }))
      .result;
    await rpc(url, 'devnet_acceptOnL1', { starting_block_id: 'latest' });
    assert.deepEqual((await rpc(url, 'devnet_restart')).result, {});
    assert.equal((await rpc(url, 'starknet_blockNumber')).result, 0);
    assert.equal(await balance(url), '0');
    assert.equal(
      (await rpc(url, 'starknet_getBlockWithTxHashes', { block_id: 'l1_accepted' })).error?.code,
      24,
    );
    await node.stop();

    node = await StarlingNode.open(opts);
    url = await node.start();
    assert.equal((await rpc(url, 'starknet_blockNumber')).result, 0);
    assert.deepEqual((await rpc(url, 'devnet_getPredeployedAccounts')).result, accounts);
    assert.equal(
      (await rpc(url, 'starknet_getBlockWithTxHashes', { block_id: { block_number: 0 } })).result?.block_hash,
      genesis?.block_hash,
    );
    assert.equal(await balance(url), '0');
    await node.stop();
  });
});
