// Protocol hashing throughput against starknet.js, measured in the same run.
import { encodeShortString } from '@starling/felt';
import {
  calculateClassHash,
  calculateCompiledClassHash,
  calculateTransactionHash,
  type InvokeV3,
  parseCasmClass,
  parseSierraClass,
} from '@starling/protocol';
import { hash } from 'starknet';
import { medianMs, opsPerSecond, report, selected } from '../../../scripts/bench-kit.ts';
import { loadArtifact } from '../test/helpers/artifacts.ts';

const hex = (v: bigint) => `0x${v.toString(16)}`;
const chainId = encodeShortString('SN_SEPOLIA');

if (selected('tx-hash-invoke-v3')) {
  // A typical account call: one call with a few arguments (multicall encoding).
  const tx: InvokeV3 = {
    type: 'INVOKE',
    version: 3,
    senderAddress: 0x69c0f9bcd79697bdceaf7748e3ff8f34aa39e4063ce44896af664c0c96f6c10n,
    calldata: [
      1n,
      0x4718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938dn,
      0x83afd3f4caedc6eebf44246fe54e38c95e3179a5ec9ea81740eca5b482d12en,
      3n,
      0x1176a1bd84444c89232ec27754698e5d2e7e1a7f1539f12027f28b23ec9f3d8n,
      1000n,
      0n,
    ],
    nonce: 0x9dn,
    signature: [],
    resourceBounds: {
      l1Gas: { maxAmount: 0n, maxPricePerUnit: 0x3e871b540c000n },
      l2Gas: { maxAmount: 0x5f5e100n, maxPricePerUnit: 0xba43b7400n },
      l1DataGas: { maxAmount: 0x2710n, maxPricePerUnit: 0xaa87bee538000n },
    },
    tip: 0n,
    paymasterData: [],
    accountDeploymentData: [],
    nonceDataAvailabilityMode: 'L1',
    feeDataAvailabilityMode: 'L1',
  };
  const ours = opsPerSecond(() => {
    calculateTransactionHash(tx, chainId);
  });
  const bound = (b: { maxAmount: bigint; maxPricePerUnit: bigint }) => ({
    max_amount: b.maxAmount,
    max_price_per_unit: b.maxPricePerUnit,
  });
  const args = {
    senderAddress: hex(tx.senderAddress),
    version: '0x3',
    compiledCalldata: tx.calldata.map(hex),
    chainId: hex(chainId),
    nonce: hex(tx.nonce),
    accountDeploymentData: [],
    nonceDataAvailabilityMode: 0,
    feeDataAvailabilityMode: 0,
    resourceBounds: {
      l1_gas: bound(tx.resourceBounds.l1Gas),
      l2_gas: bound(tx.resourceBounds.l2Gas),
      l1_data_gas: bound(tx.resourceBounds.l1DataGas!),
    },
    tip: '0x0',
    paymasterData: [],
  };
  const theirs = opsPerSecond(() => {
    hash.calculateInvokeTransactionHash(args as never);
  });
  report('tx-hash-invoke-v3', ours, 'hashes/s', { value: theirs, label: 'starknet.js' });
}

const LARGE = 'contracts_MockHypERC721URIStorage';
const wantsClass = ['compiled-class-hash-v2', 'compiled-class-hash-v1', 'class-hash'].some(selected);
const artifact = wantsClass ? await loadArtifact(LARGE) : undefined;

if (artifact && selected('compiled-class-hash-v2')) {
  const casm = parseCasmClass(artifact.casm);
  const ours = 1000 / medianMs(() => calculateCompiledClassHash(casm, 'v2'), 3);
  const theirs = 1000 / medianMs(() => hash.computeCompiledClassHashBlake(artifact.casm as never), 3);
  report(`compiled-class-hash-v2 (${casm.bytecode.length} felts)`, ours, 'classes/s', {
    value: theirs,
    label: 'starknet.js',
  });
}

if (artifact && selected('compiled-class-hash-v1')) {
  const casm = parseCasmClass(artifact.casm);
  const ours = 1000 / medianMs(() => calculateCompiledClassHash(casm, 'v1'), 3);
  const theirs = 1000 / medianMs(() => hash.computeCompiledClassHashPoseidon(artifact.casm as never), 3);
  report(`compiled-class-hash-v1 (${casm.bytecode.length} felts)`, ours, 'classes/s', {
    value: theirs,
    label: 'starknet.js',
  });
}

if (artifact && selected('class-hash')) {
  const sierra = parseSierraClass(artifact.sierra);
  const ours = 1000 / medianMs(() => calculateClassHash(sierra), 3);
  const theirs = 1000 / medianMs(() => hash.computeSierraContractClassHash(artifact.sierra as never), 3);
  report(`class-hash (${sierra.sierraProgram.length} felts)`, ours, 'classes/s', {
    value: theirs,
    label: 'starknet.js',
  });
}
