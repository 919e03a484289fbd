import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  calculateClassHash,
  calculateCompiledClassHash,
  decompressSierraProgram,
  ProtocolError,
  parseCasmClass,
  parseSierraClass,
} from '@starling/protocol';
import { hash } from 'starknet';
import { loadArtifact } from '../helpers/artifacts.ts';
import { parseCairoTestFile } from '../helpers/cairo-test-file.ts';
import { loadCasmV2Table } from '../helpers/casm-table.ts';
import { readVector, vectorsDir } from '../helpers/vectors.ts';

describe('Sierra class hash: sequencer class.json', () => {
  it('matches the upstream expected hash', () => {
    const cls = parseSierraClass(readVector('sequencer', 'starknet_api', 'class.json'));
    assert.equal(calculateClassHash(cls), 0x29927c8af6bccf3f6fda035981e765a7bdbf18a2dc0d630494f8758aa908e2bn);
  });
});

describe('compiled class hash v1 and v2: cairo compiler test data', () => {
  const dir = join(vectorsDir, 'sierra-to-casm', 'contracts');
  const cases = parseCairoTestFile(
    readFileSync(join(dir, 'compiled_class_hash_test_data.contracts.txt'), 'utf8'),
  );
  assert.ok(cases.length >= 15);
  for (const c of cases) {
    const name = c.compiled_class!;
    it(name, () => {
      const casm = parseCasmClass(
        readVector('sierra-to-casm', 'contracts', `${name}.compiled_contract_class.json`),
      );
      assert.equal(calculateCompiledClassHash(casm, 'v2'), BigInt(`0x${c.compiled_class_hash}`));
      assert.equal(calculateCompiledClassHash(casm, 'v1'), BigInt(`0x${c.legacy_compiled_class_hash}`));
    });
  }
});

// Real classes declared on mainnet / Sepolia: their class hash must be a key of the official
// class hash → compiled class hash v2 table, and our v2 hash must equal the table's value.
const DECLARED_ARTIFACTS = [
  'contracts_aggregation',
  'contracts_default_fallback_routing_ism',
  'contracts_domain_routing_hook',
  'contracts_domain_routing_ism',
  'contracts_hook',
  'contracts_mailbox',
  'contracts_merkle_tree_hook',
  'contracts_merkleroot_multisig_ism',
  'contracts_message_recipient',
  'contracts_messageid_multisig_ism',
  'contracts_noop_ism',
  'contracts_pausable_ism',
  'contracts_protocol_fee',
  'contracts_trusted_relayer_ism',
  'contracts_validator_announce',
  'mocks_hook',
  'mocks_message_recipient',
  'token_HypErc20',
  'token_HypErc20Collateral',
  'token_hook',
  'token_message_recipient',
];

describe('class hash and compiled class hash v2 of classes declared on chain (pathfinder casm-v2 tables)', () => {
  const table = loadCasmV2Table();
  for (const name of DECLARED_ARTIFACTS) {
    it(name, async () => {
      const { sierra, casm } = await loadArtifact(name);
      const classHash = calculateClassHash(parseSierraClass(sierra));
      const expected = table.get(classHash);
      assert.ok(expected !== undefined, 'class hash not found among declared classes');
      assert.equal(calculateCompiledClassHash(parseCasmClass(casm), 'v2'), expected);
    });
  }
});

describe('compressed Sierra program: sequencer sierra_program_base64.json', () => {
  it('decodes to sierra_program.json', () => {
    const encoded = readVector<string>('sequencer', 'starknet_api', 'sierra_program_base64.json');
    const expected = readVector<string[]>('sequencer', 'starknet_api', 'sierra_program.json').map(BigInt);
    assert.deepEqual(decompressSierraProgram(encoded), expected);
  });
  it('rejects what is not a compressed program', () => {
    const bad = (e: unknown) => e instanceof ProtocolError && e.code === 'INVALID_FIELD';
    assert.throws(() => decompressSierraProgram('not base64!'), bad);
    assert.throws(() => decompressSierraProgram(Buffer.from('plain').toString('base64')), bad);
  });
});

// Every Sierra/CASM pair of the compiler test data: class hashes (no upstream expected value) and the
// two compiled class hashes the upstream test data lacks are checked against starknet.js.
describe('every Sierra/CASM pair of the compiler test data vs starknet.js', () => {
  const dir = join(vectorsDir, 'sierra-to-casm', 'contracts');
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.contract_class.json'))
    .map((f) => f.slice(0, -'.contract_class.json'.length));
  it('has 17 pairs', () => assert.equal(names.length, 17));
  for (const name of names) {
    it(name, () => {
      const sierraJson = readVector('sierra-to-casm', 'contracts', `${name}.contract_class.json`);
      const casmJson = readVector('sierra-to-casm', 'contracts', `${name}.compiled_contract_class.json`);
      assert.equal(
        calculateClassHash(parseSierraClass(sierraJson)),
        BigInt(hash.computeSierraContractClassHash(sierraJson as never)),
      );
      if (name.startsWith('max_entrypoint') || name.startsWith('proxy')) {
        const casm = parseCasmClass(casmJson);
        assert.equal(
          calculateCompiledClassHash(casm, 'v2'),
          BigInt(hash.computeCompiledClassHashBlake(casmJson as never)),
        );
        assert.equal(
          calculateCompiledClassHash(casm, 'v1'),
          BigInt(hash.computeCompiledClassHashPoseidon(casmJson as never)),
        );
      }
    });
  }
});
