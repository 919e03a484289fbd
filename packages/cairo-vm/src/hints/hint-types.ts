/** JSON shapes of Cairo 1 hints as they appear in compiled classes (untagged serde). */
export interface CellRefJson {
  register: 'AP' | 'FP';
  offset: number;
}

export type DerefOrImmJson = { Deref: CellRefJson } | { Immediate: string | number };

export type ResOperandJson =
  | { Deref: CellRefJson }
  | { DoubleDeref: [CellRefJson, number] }
  | { Immediate: string | number }
  | { BinOp: { op: 'Add' | 'Mul'; a: CellRefJson; b: DerefOrImmJson } };

/** One hint: an object with a single key naming the variant. */
export type HintJson = Record<string, unknown>;

/** A cell reference resolved at load time. */
export interface CellRef {
  readonly fp: boolean;
  readonly offset: number;
}

/** A ResOperand resolved at load time (immediates parsed once). */
export type Operand =
  | { readonly k: 'deref'; readonly cell: CellRef }
  | { readonly k: 'dderef'; readonly cell: CellRef; readonly offset: number }
  | { readonly k: 'imm'; readonly value: bigint }
  | { readonly k: 'binop'; readonly mul: boolean; readonly a: CellRef; readonly b: Operand };

/** A hint compiled from JSON: its variant name and resolved fields. */
export interface CompiledHint {
  readonly name: string;
  readonly family: 'core' | 'deprecated' | 'starknet' | 'external';
  readonly args: Readonly<Record<string, CellRef | Operand | bigint>>;
}
