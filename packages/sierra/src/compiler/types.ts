import type { CellExpression } from '../casm/cell-expression.js';
import type { Instruction } from '../casm/instruction.js';
import type { Invocation, LongId } from '../program/types.js';
import type { BranchCost } from './gas/objects.js';
import type { TokenMap } from './gas/token-map.js';
import type { ProgramRegistry } from './registry.js';

/** Ap change of a libfunc branch as the ap-change analysis sees it. */
export type SierraApChange =
  | { kind: 'known'; n: number }
  | { kind: 'unknown' }
  | { kind: 'from_metadata' }
  | { kind: 'at_locals_finalization'; n: number }
  | { kind: 'finalize_locals' }
  | { kind: 'function_call'; id: string }
  | { kind: 'enable' }
  | { kind: 'disable' };

export const known = (n: number): SierraApChange => ({ kind: 'known', n });

export type ApTracking =
  | { kind: 'enabled'; apChange: number; base: 'function' | number }
  | { kind: 'disabled' };

export type FrameState =
  | { kind: 'before' }
  | { kind: 'allocating'; allocated: number; localsStart: number }
  | { kind: 'finalized'; allocated: number };

/** Gas token kinds (cairo-lang-sierra `CostTokenType`). */
export type CostToken =
  | 'Const'
  | 'Pedersen'
  | 'Bitwise'
  | 'EcOp'
  | 'Poseidon'
  | 'AddMod'
  | 'MulMod'
  | 'RangeCheck'
  | 'RangeCheck96'
  | 'Blake';
export type CostMap = Map<CostToken, number>;

export interface Environment {
  apTracking: ApTracking;
  frameState: FrameState;
  /** Remaining gas per token, or undefined when gas checks are off. */
  gasWallet: CostMap | undefined;
}

export interface Metadata {
  functionApChange: Map<string, number>;
  apVariables: Map<number, number>;
  /** Gas variable values per statement and token. */
  gasVariables: Map<number, CostMap>;
  functionCosts: Map<string, TokenMap>;
}

export type Relocation =
  | { kind: 'statement'; idx: number }
  | { kind: 'end_of_program' }
  | { kind: 'segment_start'; segment: number }
  | { kind: 'const_start'; segment: number; ty: string }
  | { kind: 'circuit_start'; ty: string };

export interface RelocationEntry {
  index: number;
  relocation: Relocation;
}

export interface BranchResult {
  /** Output reference expressions, one per result var. */
  refs: CellExpression[][];
}

/** What the lowering of one libfunc invocation produced. */
export interface CompiledInvocation {
  instructions: Instruction[];
  relocations: RelocationEntry[];
  branches: BranchResult[];
  env: Environment;
}

/** Everything a libfunc lowering sees. */
export interface InvocationContext {
  reg: ProgramRegistry;
  metadata: Metadata;
  idx: number;
  invocation: Invocation;
  libfunc: LongId;
  libfuncId: string;
  refs: CellExpression[][];
  refTypes: string[];
  env: Environment;
}

/** What the ap-change and gas analyses see of a libfunc. */
export interface SpecContext {
  reg: ProgramRegistry;
  libfunc: LongId;
  libfuncId: string;
  /** Gas token usages at this statement (from the gas solution), 0 when unknown. */
  tokenUsages(token: CostToken): number;
}

export interface LibfuncDef {
  apChange(ctx: SpecContext): SierraApChange[];
  /** Gas cost per branch (cairo-lang-sierra-gas `core_libfunc_cost`). */
  cost(ctx: SpecContext): BranchCost[];
  build(ctx: InvocationContext): CompiledInvocation;
}
