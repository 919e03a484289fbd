import { blake2sFelts, poseidonArray } from '@starling/crypto';
import { encodeShortString } from '@starling/felt';
import { compileError } from '../errors.js';
import type { CasmContractClass, CasmEntryPoint } from './compile-contract.js';

type HashFn = (xs: readonly bigint[]) => bigint;

function entryPointsHash(h: HashFn, eps: CasmEntryPoint[]): bigint {
  const elems: bigint[] = [];
  for (const ep of eps) {
    elems.push(
      ep.selector,
      BigInt(ep.offset),
      h(ep.builtins.map((b) => BigInt(`0x${Buffer.from(b).toString('hex')}`))),
    );
  }
  return h(elems);
}

/** Bytecode hash over the segment tree: leaf = H(segment), node = H(len0, h0, …) + 1. */
function bytecodeHash(h: HashFn, bytecode: bigint[], lengths: number[] | number | undefined): bigint {
  const node = lengths === undefined ? bytecode.length : lengths;
  let pos = 0;
  const visit = (n: number[] | number): [number, bigint] => {
    if (typeof n === 'number') {
      const data = bytecode.slice(pos, pos + n);
      if (data.length !== n) throw compileError('segment lengths exceed the bytecode');
      pos += n;
      return [n, h(data)];
    }
    let total = 0;
    const elems: bigint[] = [];
    for (const child of n) {
      const [len, hash] = visit(child);
      total += len;
      elems.push(BigInt(len), hash);
    }
    return [total, h(elems) + 1n];
  };
  const [len, hash] = visit(node);
  if (len !== bytecode.length) throw compileError('segment lengths do not cover the bytecode');
  return hash;
}

function classHash(h: HashFn, c: CasmContractClass): bigint {
  return h([
    encodeShortString('COMPILED_CLASS_V1'),
    entryPointsHash(h, c.entryPoints.EXTERNAL),
    entryPointsHash(h, c.entryPoints.L1_HANDLER),
    entryPointsHash(h, c.entryPoints.CONSTRUCTOR),
    bytecodeHash(h, c.bytecode, c.bytecodeSegmentLengths),
  ]);
}

/** Compiled class hash v2 (Blake2s, Starknet ≥ 0.14.1). */
export const compiledClassHashV2 = (c: CasmContractClass) => classHash(blake2sFelts, c);
/** Compiled class hash v1 (Poseidon, legacy). */
export const compiledClassHashV1 = (c: CasmContractClass) => classHash(poseidonArray, c);
