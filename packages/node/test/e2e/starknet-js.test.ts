// starknet.js 10.8, unmodified, against a node started in-process on a loopback port; the node
// validates every result against the OpenRPC 0.10.3 schemas (a mismatch becomes an error).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Account, RpcProvider, uint256 } from 'starknet';
import { StarlingNode } from '../../src/index.ts';
import { rpcAt } from '../helpers/rpc.ts';

const STRK = '0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d';
let node: StarlingNode;
let provider: RpcProvider;
let url: string;

const rpc = (method: string, params: unknown = {}) => rpcAt(url, method, params);

before(async () => {
  node = await StarlingNode.open({ port: 0, accounts: 2, seed: 42n, validateResults: true });
  url = await node.start();
  provider = new RpcProvider({ nodeUrl: `${url}/rpc` });
});
after(async () => {
  await node?.stop();
});

describe('starknet.js against a Starling devnet', () => {
  it('reads chain id, block number and the spec version', async () => {
    // RpcProvider.create detects the spec version with starknet_specVersion.
    const detected = await RpcProvider.create({ nodeUrl: `${url}/rpc` });
    assert.equal(await detected.getSpecVersion(), '0.10.3');
    assert.equal(await provider.getChainId(), '0x534e5f5345504f4c4941');
    assert.equal(await provider.getBlockNumber(), 0);
    assert.equal(await provider.getSpecVersion(), '0.10.3');
  });

  it('reads a STRK balance with callContract', async () => {
    const a = node.accounts[0];
    assert.ok(a);
    const r = await provider.callContract({
      contractAddress: STRK,
      entrypoint: 'balance_of',
      calldata: [`0x${a.address.toString(16)}`],
    });
    assert.equal(uint256.uint256ToBN({ low: r[0] as string, high: r[1] as string }), 10n ** 21n);
  });

  it('executes a STRK transfer, waits for it and reads the receipt', async () => {
    const [a, b] = node.accounts;
    assert.ok(a && b);
    const account = new Account({
      provider,
      address: `0x${a.address.toString(16)}`,
      signer: `0x${a.privateKey.toString(16)}`,
    });
    const to = `0x${b.address.toString(16)}`;
    const estimate = await account.estimateInvokeFee({
      contractAddress: STRK,
      entrypoint: 'transfer',
      calldata: [to, '1000', '0'],
    });
    assert.equal(estimate.unit, 'FRI');
    assert.ok(estimate.overall_fee > 0n && estimate.resourceBounds.l2_gas.max_amount > 0n);
    const { transaction_hash } = await account.execute({
      contractAddress: STRK,
      entrypoint: 'transfer',
      calldata: [to, '1000', '0'],
    });
    const receipt = await provider.waitForTransaction(transaction_hash, { retryInterval: 50 });
    assert.ok(receipt.isSuccess());
    assert.equal(await provider.getBlockNumber(), 1);
    const r = await provider.callContract({
      contractAddress: STRK,
      entrypoint: 'balance_of',
      calldata: [to],
    });
    assert.equal(BigInt(r[0] as string), 10n ** 21n + 1000n);
    const full = await provider.getTransactionReceipt(transaction_hash);
    assert.equal((full as { block_number?: number }).block_number, 1);
    // The fee charged is within the estimate starknet.js raised by its overhead.
    const fee = BigInt((full as unknown as { actual_fee: { amount: string } }).actual_fee.amount);
    assert.ok(fee > 0n && fee <= BigInt(estimate.overall_fee) * 2n);
    // A second transfer right away: the nonce read at `latest` already counts the first.
    const second = await account.execute({
      contractAddress: STRK,
      entrypoint: 'transfer',
      calldata: [to, '1', '0'],
    });
    await provider.waitForTransaction(second.transaction_hash, { retryInterval: 50 });
    assert.equal(await provider.getNonceForAddress(account.address), '0x2');
  });

  it('serves blocks, state updates, events and traces that match the schemas', async () => {
    const block = await provider.getBlockWithTxs(1);
    assert.equal((block as { transactions: unknown[] }).transactions.length, 1);
    await provider.getBlockWithReceipts('latest');
    await provider.getStateUpdate(1);
    const ev = await provider.getEvents({
      from_block: { block_number: 0 },
      to_block: 'latest',
      chunk_size: 10,
    });
    assert.ok(ev.events.length >= 2, 'transfers and fees emit events');
    const pre = await provider.getBlockWithTxHashes('pre_confirmed');
    assert.ok(Array.isArray((pre as { transactions: unknown[] }).transactions));
    const hash = (block as { transactions: { transaction_hash: string }[] }).transactions[0]
      ?.transaction_hash as string;
    const trace = await provider.getTransactionTrace(hash);
    assert.ok('execute_invocation' in trace);
  });

  it('answers spec errors: unknown transaction (29), unknown block (24), bad nonce (52)', async () => {
    assert.equal((await rpc('starknet_getTransactionStatus', { transaction_hash: '0x123' })).error?.code, 29);
    assert.equal(
      (await rpc('starknet_getBlockWithTxHashes', { block_id: { block_number: 999 } })).error?.code,
      24,
    );
    const accounts = (await rpc('devnet_getPredeployedAccounts')).result as { address: string }[];
    assert.equal(accounts.length, 2);
    const bound = (a: string, p: string) => ({ max_amount: a, max_price_per_unit: p });
    const stale = await rpc('starknet_addInvokeTransaction', {
      invoke_transaction: {
        type: 'INVOKE',
        version: '0x3',
        sender_address: accounts[0]?.address,
        calldata: [],
        signature: [],
        nonce: '0x0',
        resource_bounds: {
          l1_gas: bound('0x0', '0x1'),
          l2_gas: bound('0x100000', '0x2540be400'),
          l1_data_gas: bound('0x100', '0x1'),
        },
        tip: '0x0',
        paymaster_data: [],
        account_deployment_data: [],
        nonce_data_availability_mode: 'L1',
        fee_data_availability_mode: 'L1',
      },
    });
    assert.equal(stale.error?.code, 52);
  });

  it('rejects at the gateway: a wrong signature (55), bounds above the balance (54)', async () => {
    const [a, b] = node.accounts;
    assert.ok(a && b);
    const call = {
      contractAddress: STRK,
      entrypoint: 'transfer',
      calldata: [`0x${b.address.toString(16)}`, '1', '0'],
    };
    const codeOf = (e: unknown) => (e as { baseError?: { code?: number } }).baseError?.code;
    const forged = new Account({ provider, address: `0x${a.address.toString(16)}`, signer: '0x12345' });
    await assert.rejects(forged.execute(call), (e) => codeOf(e) === 55);
    const account = new Account({
      provider,
      address: `0x${a.address.toString(16)}`,
      signer: `0x${a.privateKey.toString(16)}`,
    });
    const bound = (max_amount: bigint, max_price_per_unit: bigint) => ({ max_amount, max_price_per_unit });
    const resourceBounds = {
      l1_gas: bound(0n, 10n ** 12n),
      l2_gas: bound(10n ** 8n, 10n ** 16n), // 10^24 fri: more than the account holds
      l1_data_gas: bound(1000n, 10n ** 12n),
    };
    await assert.rejects(account.execute(call, { resourceBounds }), (e) => codeOf(e) === 54);
    // Neither changed the account's nonce.
    assert.equal(await provider.getNonceForAddress(account.address), '0x2');
  });
});
