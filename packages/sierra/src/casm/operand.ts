/** CASM operands (cairo-lang-casm `operand.rs`). */
export type Register = 'ap' | 'fp';

export interface CellRef {
  register: Register;
  offset: number;
}

export type DerefOrImmediate = { kind: 'deref'; cell: CellRef } | { kind: 'imm'; value: bigint };

export type ResOperand =
  | { kind: 'deref'; cell: CellRef }
  | { kind: 'double_deref'; cell: CellRef; offset: number }
  | { kind: 'imm'; value: bigint }
  | { kind: 'binop'; op: '+' | '*'; a: CellRef; b: DerefOrImmediate };

export const cell = (register: Register, offset: number): CellRef => ({ register, offset });
export const deref = (c: CellRef): { kind: 'deref'; cell: CellRef } => ({ kind: 'deref', cell: c });
export const imm = (value: bigint | number): { kind: 'imm'; value: bigint } => ({
  kind: 'imm',
  value: BigInt(value),
});

/** `[ap + 3]`, `[fp + -4]` */
export function cellToString(c: CellRef): string {
  return `[${c.register} + ${c.offset}]`;
}

export function derefOrImmToString(d: DerefOrImmediate): string {
  return d.kind === 'deref' ? cellToString(d.cell) : d.value.toString();
}

export function resToString(r: ResOperand): string {
  switch (r.kind) {
    case 'deref':
      return cellToString(r.cell);
    case 'double_deref':
      return `[${cellToString(r.cell)} + ${r.offset}]`;
    case 'imm':
      return r.value.toString();
    case 'binop':
      return `${cellToString(r.a)} ${r.op} ${derefOrImmToString(r.b)}`;
  }
}
