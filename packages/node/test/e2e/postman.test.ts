// The devnet postman without an L1 node: a message to L2 runs the contract's #[l1_handler] (its hash is
// the one starknet.js computes for L1→L2 messages), and a message the contract sends to L1 can be
// consumed once, under the L1 message hash (keccak of the packed words, as starknet.js computes it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { compileSierraClass } from '@starling/execution';
import { parseSierraClass } from '@starling/protocol';
import { casmJson } from '@starling/sequencer';
import { Account, hash, RpcProvider } from 'starknet';
import { StarlingNode } from '../../src/index.ts';
import { rpcAt } from '../helpers/rpc.ts';

const contract = JSON.parse(
  readFileSync(new URL('../../../execution/fixtures/messaging.contract_class.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const L1 = '0x8359e4b0152ed5a731162d3c7b0d8d56edb165a0';
let node: StarlingNode;
let url: string;

const rpc = (method: string, params: unknown = {}) => rpcAt(url, method, params);

before(async () => {
  node = await StarlingNode.open({ port: 0, accounts: 1, seed: 13n, validateResults: true });
  url = await node.start();
});
after(async () => {
  await node?.stop();
});

describe('devnet postman (no L1 node)', () => {
  it('delivers messages to L2 and lets L1 consume messages from L2 once', async () => {
    const provider = new RpcProvider({ nodeUrl: url });
    const genesis = node.accounts[0]!;
    const account = new Account({
      provider,
      address: `0x${genesis.address.toString(16)}`,
      signer: `0x${genesis.privateKey.toString(16)}`,
    });
    const casm = casmJson(compileSierraClass(parseSierraClass(contract)));
    const declared = await account.declare({ contract: contract as never, casm: casm as never });
    await provider.waitForTransaction(declared.transaction_hash, { retryInterval: 50 });
    const deployed = await account.deploy({ classHash: declared.class_hash, constructorCalldata: [] });
    await provider.waitForTransaction(deployed.transaction_hash, { retryInterval: 50 });
    const address = deployed.contract_address[0]!;

    const selector = hash.getSelectorFromName('deposit');
    const sent = await rpc('devnet_postmanSendMessageToL2', {
      l2_contract_address: address,
      entry_point_selector: selector,
      l1_contract_address: L1,
      payload: ['0x77', '0x1f4'],
      paid_fee_on_l1: '0x1000',
      nonce: '0x5',
    });
    const expected = hash.calculateL2MessageTxHash(
      L1,
      address,
      selector,
      ['0x77', '0x1f4'],
      await provider.getChainId(),
      5,
    );
    assert.equal(BigInt(sent.result?.transaction_hash), BigInt(expected));
    const receipt = await rpc('starknet_getTransactionReceipt', {
      transaction_hash: sent.result?.transaction_hash,
    });
    assert.equal(receipt.result?.type, 'L1_HANDLER');
    assert.equal(receipt.result?.execution_status, 'SUCCEEDED');
    const balance = await provider.callContract({
      contractAddress: address,
      entrypoint: 'get_balance',
      calldata: ['0x77'],
    });
    assert.equal(BigInt(balance[0] as string), 500n);

    const { transaction_hash } = await account.execute({
      contractAddress: address,
      entrypoint: 'send_to_l1',
      calldata: [L1, 2, 7, 8],
    });
    const r = await provider.waitForTransaction(transaction_hash, { retryInterval: 50 });
    assert.ok(r.isSuccess());
    const consume = { from_address: address, to_address: L1, payload: ['0x7', '0x8'] };
    const c1 = await rpc('devnet_postmanConsumeMessageFromL2', consume);
    const l1Hash = hash.solidityUint256PackedKeccak256([address, L1, 2, 7, 8]);
    assert.equal(BigInt(c1.result?.message_hash), BigInt(l1Hash));
    assert.equal((await rpc('devnet_postmanConsumeMessageFromL2', consume)).error?.code, -32602);
    const other = await rpc('devnet_postmanConsumeMessageFromL2', { ...consume, payload: ['0x7'] });
    assert.equal(other.error?.code, -32602);
  });
});
