/** Sierra program model. Ids are strings: a debug name, or `[n]` for a numeric id. */

export type GenericArg =
  | { kind: 'type'; id: string }
  | { kind: 'value'; value: bigint }
  | { kind: 'userFunc'; id: string }
  | { kind: 'userType'; id: string }
  | { kind: 'libfunc'; id: string };

export interface LongId {
  genericId: string;
  args: GenericArg[];
}

export interface DeclaredTypeInfo {
  storable: boolean;
  droppable: boolean;
  duplicatable: boolean;
  zeroSized: boolean;
}

export interface TypeDeclaration {
  id: string;
  longId: LongId;
  declaredTypeInfo: DeclaredTypeInfo | undefined;
}

export interface LibfuncDeclaration {
  id: string;
  longId: LongId;
}

/** A branch target: a statement index, or `null` for fallthrough. */
export interface BranchInfo {
  target: number | null;
  results: string[];
}

export type Statement =
  | { kind: 'invocation'; libfuncId: string; args: string[]; branches: BranchInfo[] }
  | { kind: 'return'; vars: string[] };

export interface Param {
  id: string;
  ty: string;
}

export interface SierraFunction {
  id: string;
  paramTypes: string[];
  retTypes: string[];
  params: Param[];
  entryPoint: number;
}

export interface Program {
  types: TypeDeclaration[];
  libfuncs: LibfuncDeclaration[];
  statements: Statement[];
  funcs: SierraFunction[];
}

export interface VersionId {
  major: number;
  minor: number;
  patch: number;
}

/** Formats a generic arg as Sierra text does. */
export function genericArgToString(arg: GenericArg): string {
  switch (arg.kind) {
    case 'type':
      return arg.id;
    case 'value':
      return arg.value.toString();
    case 'userFunc':
      return `user@${arg.id}`;
    case 'userType':
      return `ut@${arg.id}`;
    case 'libfunc':
      return `lib@${arg.id}`;
  }
}

/** Formats a long id as `name<arg, arg>`. */
export function longIdToString(longId: LongId): string {
  if (longId.args.length === 0) return longId.genericId;
  return `${longId.genericId}<${longId.args.map(genericArgToString).join(', ')}>`;
}

export type Invocation = Extract<Statement, { kind: 'invocation' }>;
