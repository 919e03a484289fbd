// starknet.js declare + deploy through the Universal Deployer: a real Cairo 2.10.1 class is declared
// (our compiler must reproduce its compiled class hash) and deployed with the UDC at genesis.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Account, hash, RpcProvider } from 'starknet';
import { StarlingNode } from '../../src/index.ts';

// The package exports no subpaths, so the artifact files are located next to its entry point.
const entry = fileURLToPath(import.meta.resolve('@hyperlane-xyz/starknet-core'));
const artifacts = join(dirname(entry), 'artifacts');
let node: StarlingNode;
let url: string;

before(async () => {
  node = await StarlingNode.open({ port: 0, accounts: 1, seed: 12n, validateResults: true });
  url = await node.start();
});
after(async () => {
  await node?.stop();
});

async function artifact(kind: string): Promise<Record<string, unknown>> {
  const m = (await import(pathToFileURL(join(artifacts, `contracts_TestISM.${kind}.js`)).href)) as Record<
    string,
    unknown
  >;
  return (m.default ?? Object.values(m)[0]) as Record<string, unknown>;
}

describe('declare and deploy through the UDC', () => {
  it('declares a class and deploys it with account.deploy', async () => {
    const provider = new RpcProvider({ nodeUrl: url });
    const genesis = node.accounts[0]!;
    const account = new Account({
      provider,
      address: `0x${genesis.address.toString(16)}`,
      signer: `0x${genesis.privateKey.toString(16)}`,
    });
    const contract = await artifact('contract_class');
    const casm = await artifact('compiled_contract_class');
    const declared = await account.declare({ contract: contract as never, casm: casm as never });
    assert.equal(BigInt(declared.class_hash), BigInt(hash.computeContractClassHash(contract as never)));
    await provider.waitForTransaction(declared.transaction_hash, { retryInterval: 50 });
    const compiled = await provider.getCompiledCasm(declared.class_hash);
    assert.ok(Array.isArray((compiled as { bytecode: unknown[] }).bytecode));

    const deployed = await account.deploy({ classHash: declared.class_hash, constructorCalldata: [] });
    const receipt = await provider.waitForTransaction(deployed.transaction_hash, { retryInterval: 50 });
    assert.ok(receipt.isSuccess());
    const address = deployed.contract_address[0]!;
    assert.equal(BigInt(await provider.getClassHashAt(address)), BigInt(declared.class_hash));
  });
});
