// Stop a node with transactions in flight and reopen its data directory: every accepted block and
// transaction is there, pending ones are RECEIVED again and are included later.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Account, RpcProvider } from 'starknet';
import { StarlingNode } from '../../src/index.ts';
import { rpcAt } from '../helpers/rpc.ts';

const STRK = '0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d';
const dir = mkdtempSync(join(tmpdir(), 'starling-restart-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const rpc = rpcAt;

describe('restart', () => {
  it('keeps accepted blocks and re-includes pending transactions after a restart', async () => {
    const opts = {
      dataDir: dir,
      port: 0,
      accounts: 1,
      seed: 3n,
      blockMode: { kind: 'demand' as const },
      validateResults: true,
    };
    let node = await StarlingNode.open(opts);
    let url = await node.start();
    const a = node.accounts[0];
    assert.ok(a);
    const provider = new RpcProvider({ nodeUrl: url });
    const account = new Account({
      provider,
      address: `0x${a.address.toString(16)}`,
      signer: `0x${a.privateKey.toString(16)}`,
    });
    const call = { contractAddress: STRK, entrypoint: 'transfer', calldata: ['0x77', '5', '0'] };
    const first = await account.execute(call);
    const block = await rpc(url, 'devnet_createBlock');
    const blockHash = block.result?.block_hash;
    const second = await account.execute(call, { nonce: 1 });
    const third = await account.execute(call, { nonce: 2 });
    assert.equal(
      (await rpc(url, 'starknet_getTransactionStatus', { transaction_hash: third.transaction_hash })).result
        ?.finality_status,
      'PRE_CONFIRMED',
    );
    await node.stop();

    node = await StarlingNode.open({ ...opts, blockMode: { kind: 'demand' } });
    // Before start: nothing is sequenced yet, the pending ones are RECEIVED.
    assert.equal(node.context.gateway.pool.status(BigInt(second.transaction_hash)), 'RECEIVED');
    assert.equal(node.context.gateway.pool.status(BigInt(third.transaction_hash)), 'RECEIVED');
    url = await node.start();
    const firstStatus = await rpc(url, 'starknet_getTransactionStatus', {
      transaction_hash: first.transaction_hash,
    });
    assert.equal(firstStatus.result?.finality_status, 'ACCEPTED_ON_L2');
    const b1 = await rpc(url, 'starknet_getBlockWithTxHashes', { block_id: { block_number: 1 } });
    assert.equal(b1.result?.block_hash, blockHash);
    await rpc(url, 'devnet_createBlock');
    for (const h of [second.transaction_hash, third.transaction_hash]) {
      const r = await rpc(url, 'starknet_getTransactionReceipt', { transaction_hash: h });
      assert.equal(r.result?.block_number, 2);
      assert.equal(r.result?.execution_status, 'SUCCEEDED');
    }
    await node.stop();
  });
});
