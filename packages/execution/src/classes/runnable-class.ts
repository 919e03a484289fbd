// Turns a stored class (protocol types) into what the VM runs, with the resource it is charged by.
import { type CompiledClass, loadCompiledClass } from '@starling/cairo-vm';
import type { CasmClass, StoredClass } from '@starling/protocol';
import { executionError } from '../errors.js';
import type { TrackedResource } from '../types.js';

export interface RunnableClass {
  classHash: bigint;
  casm: CasmClass;
  compiled: CompiledClass;
  trackedResource: TrackedResource;
}

const cache = new WeakMap<CasmClass, CompiledClass>();
const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** Converts protocol's CASM class to the VM's compiled class (cached per object). */
export function compiledClassOf(casm: CasmClass): CompiledClass {
  let c = cache.get(casm);
  if (c === undefined) {
    const eps = (list: CasmClass['entryPointsByType']['EXTERNAL']) =>
      list.map((e) => ({ selector: hex(e.selector), offset: e.offset, builtins: e.builtins }));
    c = loadCompiledClass({
      bytecode: casm.bytecode.map(hex),
      hints: casm.hints,
      compiler_version: casm.compilerVersion,
      bytecode_segment_lengths: casm.bytecodeSegmentLengths,
      entry_points_by_type: {
        EXTERNAL: eps(casm.entryPointsByType.EXTERNAL),
        L1_HANDLER: eps(casm.entryPointsByType.L1_HANDLER),
        CONSTRUCTOR: eps(casm.entryPointsByType.CONSTRUCTOR),
      },
    });
    cache.set(casm, c);
  }
  return c;
}

/** Sierra version [major, minor, patch] of a Sierra program (its first three felts). */
export function sierraVersion(program: readonly bigint[]): [number, number, number] {
  return [Number(program[0] ?? 0n), Number(program[1] ?? 0n), Number(program[2] ?? 0n)];
}

const trackedCache = new WeakMap<StoredClass, { minVersion: string; tracked: TrackedResource }>();

/** Sierra ≥ 1.7.0 is charged in Sierra gas; older classes in Cairo steps. */
export function trackedResourceOf(stored: StoredClass | undefined, minVersion: string): TrackedResource {
  if (stored?.kind !== 'SIERRA') return 'CairoSteps';
  const hit = trackedCache.get(stored);
  if (hit !== undefined && hit.minVersion === minVersion) return hit.tracked;
  const tracked = compareSierraVersion(stored.sierra.sierraProgram, minVersion);
  trackedCache.set(stored, { minVersion, tracked });
  return tracked;
}

function compareSierraVersion(program: readonly bigint[], minVersion: string): TrackedResource {
  const [a, b, c] = sierraVersion(program);
  const [x = 0, y = 0, z = 0] = minVersion.split('.').map(Number);
  const v = a * 1e6 + b * 1e3 + c;
  return v >= x * 1e6 + y * 1e3 + z ? 'SierraGas' : 'CairoSteps';
}

/** Loads the runnable form of a declared class; throws CLASS_HASH_NOT_FOUND when it is unknown. */
export function loadRunnableClass(
  state: { getClass(h: bigint): StoredClass | undefined; getCompiledClass(h: bigint): CasmClass | undefined },
  classHash: bigint,
  minSierraGasVersion: string,
): RunnableClass {
  const casm = state.getCompiledClass(classHash);
  if (casm === undefined && state.getClass(classHash) !== undefined) {
    throw executionError(
      'COMPILATION_FAILED',
      `class 0x${classHash.toString(16)} has no compiled (CASM) form`,
      {
        classHash: hex(classHash),
      },
    );
  }
  if (casm === undefined) {
    throw executionError('CLASS_HASH_NOT_FOUND', `class 0x${classHash.toString(16)} is not declared`, {
      classHash: hex(classHash),
    });
  }
  return {
    classHash,
    casm,
    compiled: compiledClassOf(casm),
    trackedResource: trackedResourceOf(state.getClass(classHash), minSierraGasVersion),
  };
}
