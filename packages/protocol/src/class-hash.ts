import { poseidonArray, snKeccak } from '@starling/crypto';
import { PREFIX_CONTRACT_CLASS_V0_1_0 } from './constants.js';
import { ProtocolError } from './errors.js';
import type { SierraClass, SierraEntryPoint } from './types.js';

const encoder = new TextEncoder();

function entryPointsHash(eps: readonly SierraEntryPoint[]): bigint {
  const flat: bigint[] = [];
  for (const ep of eps) flat.push(ep.selector, BigInt(ep.functionIdx));
  return poseidonArray(flat);
}

/** sn_keccak of the ABI string, as the class hash uses it. */
export function abiHash(abi: string): bigint {
  return snKeccak(encoder.encode(abi));
}

/** The Sierra class hash: poseidon('CONTRACT_CLASS_V0.1.0', E(external), E(l1_handler), E(constructor), abi, program). */
export function calculateClassHash(cls: SierraClass): bigint {
  if (cls.contractClassVersion !== '0.1.0') {
    throw new ProtocolError(
      'INVALID_CLASS',
      `unsupported contract class version ${cls.contractClassVersion}`,
    );
  }
  return poseidonArray([
    PREFIX_CONTRACT_CLASS_V0_1_0,
    entryPointsHash(cls.entryPointsByType.EXTERNAL),
    entryPointsHash(cls.entryPointsByType.L1_HANDLER),
    entryPointsHash(cls.entryPointsByType.CONSTRUCTOR),
    abiHash(cls.abi),
    poseidonArray(cls.sierraProgram),
  ]);
}
