import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { specsDir } from '../../../../scripts/shared-paths.ts';
import { StateDatabase } from '../../src/index.ts';
import { validate } from '../helpers/mini-schema.ts';
import { randomDiff, randomFelt, rng } from '../helpers/random.ts';

describe('starknet_getStorageProof result matches the RPC 0.10.3 schema', () => {
  it('membership and non-membership proofs of all three kinds', async () => {
    const spec = JSON.parse(readFileSync(join(specsDir, '0.10.3', 'starknet_api_openrpc.json'), 'utf8'));
    const method = spec.methods.find((m: { name: string }) => m.name === 'starknet_getStorageProof');
    const path = mkdtempSync(join(tmpdir(), 'starling-proof-'));
    try {
      const db = StateDatabase.open({ path });
      const r = rng(21);
      const contracts = [randomFelt(r, 251), randomFelt(r, 251)];
      const keys = Array.from({ length: 6 }, () => randomFelt(r, 251));
      db.commitBlock({
        blockNumber: 0,
        blockHash: 0xabcn,
        stateDiff: {
          ...randomDiff(r, contracts, keys, 10),
          declaredClasses: [{ classHash: 0x5n, compiledClassHash: 0x6n }],
        },
      });
      const proof = db.getStorageProof(0, {
        classHashes: [0x5n, 0x7n],
        contractAddresses: [...contracts, 0x1n],
        contractsStorageKeys: [{ contractAddress: contracts[0]!, storageKeys: [...keys, 0n] }],
      });
      assert.deepEqual(validate(method.result.schema, proof, spec), []);
      // The checker does reject what the schema forbids.
      const bad = structuredClone(proof);
      bad.global_roots.block_hash = '0x0abc';
      const edge = bad.contracts_storage_proofs[0]!.find((n) => 'path' in n.node)!;
      (edge.node as Record<string, unknown>).length = -1;
      assert.equal(validate(method.result.schema, bad, spec).length, 2);
      assert.ok(proof.contracts_proof.nodes.some((n) => 'left' in n.node));
      assert.ok(proof.contracts_storage_proofs[0]!.some((n) => 'path' in n.node));
      await db.close();
    } finally {
      rmSync(path, { recursive: true, force: true });
    }
  });
});
