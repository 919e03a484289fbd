import { snKeccak } from '@starling/crypto';
import { P } from '@starling/felt';
import { assembleProgram } from '../casm/assemble.js';
import { hintToPython } from '../casm/hint-python.js';
import type { Hint } from '../casm/hints.js';
import { compileProgram } from '../compiler/compile.js';
import { compileError, SierraError } from '../errors.js';
import type { Program, VersionId } from '../program/types.js';
import { type AllowedLibfuncs, validateAllowedLibfuncs } from './allowed-libfuncs.js';
import { readContractClass, type SierraContractClass, type SierraEntryPoint } from './contract-class.js';
import { checkEntryPoint } from './entry-point-signature.js';
import { bytecodeSegmentLengths } from './segmentation.js';

/** Compiler version this port reproduces. */
export const COMPILER_VERSION = '2.20.0';
/** Highest Sierra version the pinned compiler accepts. */
export const CURRENT_SIERRA_VERSION: VersionId = { major: 1, minor: 9, patch: 3 };
/** Gas reserved for every entry point. */
export const ENTRY_POINT_COST = 10000;
/** The sequencer's bytecode size limit. */
export const MAX_BYTECODE_SIZE = 81920;

export interface CasmEntryPoint {
  selector: bigint;
  offset: number;
  builtins: string[];
}

/** A compiled (CASM) contract class. */
export interface CasmContractClass {
  prime: bigint;
  compilerVersion: string;
  bytecode: bigint[];
  bytecodeSegmentLengths: number[] | number | undefined;
  hints: [number, Hint[]][];
  pythonicHints: [number, string[]][] | undefined;
  entryPoints: { EXTERNAL: CasmEntryPoint[]; L1_HANDLER: CasmEntryPoint[]; CONSTRUCTOR: CasmEntryPoint[] };
}

export interface ContractCompileOptions {
  addPythonicHints?: boolean;
  /** Default: no limit (the sequencer uses MAX_BYTECODE_SIZE). */
  maxBytecodeSize?: number;
  /** Default: no allowed-list check; the sequencer uses 'audited'. */
  allowedLibfuncs?: AllowedLibfuncs;
}

const CONSTRUCTOR_SELECTOR = snKeccak(new TextEncoder().encode('constructor'));

function unsupportedVersion(v: VersionId): SierraError {
  return new SierraError(
    'SIERRA_UNSUPPORTED_VERSION',
    `Cannot compile Sierra version ${v.major}.${v.minor}.${v.patch} with the current compiler (sierra version: 1.9.3)`,
    { sierraVersion: v },
  );
}

/** Sierra ≥ 1.4 (linear solvers) up to the compiler's own version. */
function checkVersion(v: VersionId): void {
  if (v.major !== CURRENT_SIERRA_VERSION.major || v.minor > CURRENT_SIERRA_VERSION.minor)
    throw unsupportedVersion(v);
  if (v.minor < 4) throw unsupportedVersion(v);
}

function checkEntryPointLists(cc: SierraContractClass): void {
  const eps = cc.entryPoints;
  if (
    eps.CONSTRUCTOR.length > 1 ||
    (eps.CONSTRUCTOR[0] && eps.CONSTRUCTOR[0].selector !== CONSTRUCTOR_SELECTOR)
  ) {
    throw compileError('Invalid constructor entry point.');
  }
  for (const list of [eps.CONSTRUCTOR, eps.EXTERNAL, eps.L1_HANDLER]) {
    for (let i = 1; i < list.length; i++) {
      if (list[i - 1]!.selector === list[i]!.selector)
        throw compileError(`Duplicate entry point selector ${list[i]!.selector}.`);
      if (list[i - 1]!.selector > list[i]!.selector)
        throw compileError('Entry points not sorted by selectors.');
    }
  }
  const usages = new Map<number, number>();
  for (const ep of [...eps.CONSTRUCTOR, ...eps.EXTERNAL, ...eps.L1_HANDLER]) {
    const n = (usages.get(ep.functionIdx) ?? 0) + 1;
    usages.set(ep.functionIdx, n);
    if (n > 2) throw compileError(`Duplicate entry point function index ${ep.functionIdx}.`);
  }
}

/** Compiles a Sierra contract class to its CASM class (port of `CasmContractClass::from_contract_class`). */
export function compileContractClass(
  input: string | SierraContractClass | Record<string, unknown>,
  options: ContractCompileOptions = {},
): CasmContractClass {
  try {
    return compileClassInner(input, options);
  } catch (e) {
    if (e instanceof SierraError) throw e;
    // Never let an internal failure escape untyped (a declare must get COMPILATION_FAILED).
    const message = e instanceof Error ? e.message : String(e);
    throw new SierraError(
      'SIERRA_COMPILATION_FAILED',
      `contract class compilation failed: ${message}`,
      undefined,
      {
        cause: e,
      },
    );
  }
}

function compileClassInner(
  input: string | SierraContractClass | Record<string, unknown>,
  options: ContractCompileOptions,
): CasmContractClass {
  const cc =
    typeof input === 'object' && 'program' in input && 'sierraVersion' in input
      ? (input as SierraContractClass)
      : readContractClass(input);
  checkVersion(cc.sierraVersion);
  if (options.allowedLibfuncs) validateAllowedLibfuncs(cc.program, cc.sierraVersion, options.allowedLibfuncs);
  checkEntryPointLists(cc);
  const program: Program = cc.program;
  const eps = cc.entryPoints;
  const infos = (list: SierraEntryPoint[]) => list.map((ep) => checkEntryPoint(program, ep.functionIdx));
  const external = infos(eps.EXTERNAL);
  const l1 = infos(eps.L1_HANDLER);
  const ctor = infos(eps.CONSTRUCTOR);
  const setCosts = new Map<string, number>();
  for (const i of [...ctor, ...external, ...l1]) setCosts.set(i.func.id, ENTRY_POINT_COST);
  const compiled = compileProgram(program, {
    gasUsageCheck: true,
    functionSetCosts: setCosts,
    maxBytecodeSize: options.maxBytecodeSize ?? Number.MAX_SAFE_INTEGER,
  });
  const { bytecode, hints } = assembleProgram(compiled);
  const codeEnd = compiled.statementOffsets[compiled.statementOffsets.length - 1]!;
  const constOffsets = compiled.consts.segments.map((seg) => codeEnd + seg.offset);
  if (options.maxBytecodeSize !== undefined && bytecode.length > options.maxBytecodeSize) {
    throw new SierraError('SIERRA_BYTECODE_TOO_LARGE', 'Code size limit exceeded.', {
      size: bytecode.length,
    });
  }
  const segmentLengths =
    cc.sierraVersion.minor >= 5
      ? bytecodeSegmentLengths(program, compiled.statementOffsets, constOffsets, bytecode.length)
      : undefined;
  const toCasm = (list: SierraEntryPoint[], inf: ReturnType<typeof infos>): CasmEntryPoint[] =>
    list.map((ep, i) => {
      const info = inf[i]!;
      const cost = compiled.metadata.functionCosts.get(info.func.id);
      if (cost?.size !== 1 || cost.get('Const') !== ENTRY_POINT_COST)
        throw compileError('Unexpected entry point cost.');
      return {
        selector: ep.selector,
        offset: compiled.statementOffsets[info.func.entryPoint]!,
        builtins: info.builtins,
      };
    });
  return {
    prime: P,
    compilerVersion: COMPILER_VERSION,
    bytecode,
    bytecodeSegmentLengths: segmentLengths,
    hints,
    pythonicHints:
      options.addPythonicHints === false ? undefined : hints.map(([pc, hs]) => [pc, hs.map(hintToPython)]),
    entryPoints: {
      EXTERNAL: toCasm(eps.EXTERNAL, external),
      L1_HANDLER: toCasm(eps.L1_HANDLER, l1),
      CONSTRUCTOR: toCasm(eps.CONSTRUCTOR, ctor),
    },
  };
}
