import { blake2sFelts, poseidonArray } from '@starling/crypto';
import { add, encodeShortString } from '@starling/felt';
import { PREFIX_COMPILED_CLASS_V1 } from './constants.js';
import { ProtocolError } from './errors.js';
import { isVersionAtLeast } from './starknet-version.js';
import type { CasmClass, CasmEntryPoint, NestedIntList } from './types.js';

/** v1 hashes with Poseidon (up to 0.14.0); v2 with Blake2Felt252 (required from 0.14.1). */
export type CompiledClassHashVersion = 'v1' | 'v2';

type ArrayHash = (xs: readonly bigint[]) => bigint;

function entryPointsHash(h: ArrayHash, eps: readonly CasmEntryPoint[]): bigint {
  const flat: bigint[] = [];
  for (const ep of eps) flat.push(ep.selector, BigInt(ep.offset), h(ep.builtins.map(encodeShortString)));
  return h(flat);
}

/** Hashes the bytecode following its segment tree: leaves hash their felts, inner nodes 1 + H([len, hash]*). */
function bytecodeHash(
  h: ArrayHash,
  bytecode: readonly bigint[],
  segments: NestedIntList | undefined,
): bigint {
  if (segments === undefined) return h(bytecode);
  let pos = 0;
  const node = (n: NestedIntList): [number, bigint] => {
    if (typeof n === 'number') {
      if (pos + n > bytecode.length) {
        throw new ProtocolError('INVALID_BYTECODE_SEGMENTS', 'segment lengths exceed the bytecode length');
      }
      const seg = bytecode.slice(pos, pos + n);
      pos += n;
      return [n, h(seg)];
    }
    const children = n.map(node);
    const flat: bigint[] = [];
    let total = 0;
    for (const [len, hash] of children) {
      flat.push(BigInt(len), hash);
      total += len;
    }
    return [total, add(h(flat), 1n)];
  };
  const [len, hash] = node(segments);
  if (len !== bytecode.length) {
    throw new ProtocolError(
      'INVALID_BYTECODE_SEGMENTS',
      `segment lengths sum to ${len}, bytecode has ${bytecode.length}`,
    );
  }
  return hash;
}

/** The compiled class hash of a CASM class, v1 (Poseidon) or v2 (Blake2s). */
export function calculateCompiledClassHash(
  casm: CasmClass,
  version: CompiledClassHashVersion = 'v2',
): bigint {
  if (version !== 'v1' && version !== 'v2') {
    throw new ProtocolError('INVALID_FIELD', `unknown compiled class hash version ${String(version)}`);
  }
  const h: ArrayHash = version === 'v1' ? poseidonArray : blake2sFelts;
  return h([
    PREFIX_COMPILED_CLASS_V1,
    entryPointsHash(h, casm.entryPointsByType.EXTERNAL),
    entryPointsHash(h, casm.entryPointsByType.L1_HANDLER),
    entryPointsHash(h, casm.entryPointsByType.CONSTRUCTOR),
    bytecodeHash(h, casm.bytecode, casm.bytecodeSegmentLengths),
  ]);
}

/** Which compiled class hash a Starknet version requires for new declarations. */
export function compiledClassHashVersionFor(starknetVersion: string): CompiledClassHashVersion {
  return isVersionAtLeast(starknetVersion, '0.14.1') ? 'v2' : 'v1';
}
