// DECLARE v3: class hash and compiled class hash (v2, Blake2s, from 0.14.1) checks; the CASM comes
// from compiling the Sierra class.
import {
  type CasmClass,
  calculateClassHash,
  calculateCompiledClassHash,
  compiledClassHashVersionFor,
  type DeclareV3,
  type SierraClass,
} from '@starling/protocol';
import { compileSierraClass } from '../classes/compile-class.js';
import { executionError } from '../errors.js';
import type { TxEnv } from './phases.js';

export interface PreparedDeclare {
  sierra: SierraClass;
  casm: CasmClass;
  codeSize: number;
}

/** Checks a DECLARE and compiles its class; the class is written to state by the execute phase. */
export function prepareDeclare(
  env: TxEnv,
  tx: DeclareV3,
  options: { contractClass?: SierraClass; compileClass?: (c: SierraClass) => CasmClass },
): PreparedDeclare {
  const sierra = options.contractClass;
  if (sierra === undefined) throw executionError('INVALID_ARGUMENT', 'DECLARE needs its contract class');
  const classHash = calculateClassHash(sierra);
  if (classHash !== tx.classHash) {
    throw executionError(
      'INVALID_ARGUMENT',
      `class hash mismatch: transaction 0x${tx.classHash.toString(16)}, class 0x${classHash.toString(16)}`,
    );
  }
  if (env.state.getCompiledClassHash(classHash) !== 0n || env.state.getClass(classHash) !== undefined) {
    throw executionError(
      'CLASS_ALREADY_DECLARED',
      `Class with hash 0x${classHash.toString(16)} is already declared.`,
    );
  }
  let casm: CasmClass;
  try {
    casm = (options.compileClass ?? compileSierraClass)(sierra);
  } catch (e) {
    throw executionError('COMPILATION_FAILED', e instanceof Error ? e.message : String(e), {
      cause: (e as { code?: string }).code,
    });
  }
  const version = compiledClassHashVersionFor(env.block.starknetVersion);
  const cch = calculateCompiledClassHash(casm, version);
  if (cch !== tx.compiledClassHash) {
    throw executionError(
      'COMPILED_CLASS_HASH_MISMATCH',
      `Compiled class hash mismatch: expected 0x${cch.toString(16)}, got 0x${tx.compiledClassHash.toString(16)}.`,
    );
  }
  const abiBytes = new TextEncoder().encode(sierra.abi).length;
  return { sierra, casm, codeSize: (casm.bytecode.length + sierra.sierraProgram.length) * 32 + abiBytes };
}
