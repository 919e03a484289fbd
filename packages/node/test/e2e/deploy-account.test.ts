// starknet.js deployAccount flow: fund a counterfactual address with devnet_mint, deploy the account
// with a DEPLOY_ACCOUNT v3 (estimateFee, signature, addDeployAccountTransaction), then use it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Account, ec, hash, RpcProvider } from 'starknet';
import { StarlingNode } from '../../src/index.ts';

const STRK = '0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d';
let node: StarlingNode;
let url: string;

before(async () => {
  node = await StarlingNode.open({ port: 0, accounts: 1, seed: 11n, validateResults: true });
  url = await node.start();
});
after(async () => {
  await node?.stop();
});

describe('deployAccount', () => {
  it('deploys a funded counterfactual account and executes from it', async () => {
    const provider = new RpcProvider({ nodeUrl: url });
    const genesis = node.accounts[0];
    assert.ok(genesis);
    const classHash = await provider.getClassHashAt(`0x${genesis.address.toString(16)}`);
    const privateKey = '0x1d5e7a3c';
    const publicKey = ec.starkCurve.getStarkKey(privateKey);
    const address = hash.calculateContractAddressFromHash(publicKey, classHash, [publicKey], 0);
    const mint = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'devnet_mint',
        params: { address, amount: 10 ** 19 },
      }),
    });
    assert.equal(
      ((await mint.json()) as { result: { new_balance: string } }).result.new_balance,
      String(10 ** 19),
    );
    const account = new Account({ provider, address, signer: privateKey });
    const deployed = await account.deployAccount({
      classHash,
      constructorCalldata: [publicKey],
      addressSalt: publicKey,
    });
    assert.equal(BigInt(deployed.contract_address), BigInt(address));
    const receipt = await provider.waitForTransaction(deployed.transaction_hash, { retryInterval: 50 });
    assert.ok(receipt.isSuccess());
    assert.equal(BigInt(await provider.getClassHashAt(address)), BigInt(classHash));
    const tx = await account.execute({
      contractAddress: STRK,
      entrypoint: 'transfer',
      calldata: ['0x42', '3', '0'],
    });
    await provider.waitForTransaction(tx.transaction_hash, { retryInterval: 50 });
    assert.equal(await provider.getNonceForAddress(address), '0x2');
  });
});
