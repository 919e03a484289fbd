import { snKeccak } from '@starling/crypto';
import { SierraError } from '../errors.js';
import type {
  BranchInfo,
  DeclaredTypeInfo,
  GenericArg,
  LibfuncDeclaration,
  LongId,
  Program,
  SierraFunction,
  Statement,
  TypeDeclaration,
  VersionId,
} from '../program/types.js';
import { decompress } from './decompress.js';

// Generic ids longer than 31 chars are serialized as their starknet_keccak.
const LONG_IDS = [
  'storage_address_from_base_and_offset',
  'contract_address_try_from_felt252',
  'storage_base_address_from_felt252',
  'storage_address_try_from_felt252',
  'secp256k1_get_point_from_x_syscall',
  'secp256r1_get_point_from_x_syscall',
  'circuit_failure_guarantee_verify',
  'u96_limbs_less_than_guarantee_verify',
  'u96_single_limb_less_than_guarantee_verify',
];
let longNameFix: Map<bigint, string> | undefined;
function longName(v: bigint): string | undefined {
  if (!longNameFix) {
    longNameFix = new Map(LONG_IDS.map((s) => [snKeccak(new TextEncoder().encode(s)), s]));
  }
  return longNameFix.get(v);
}

const U64_MAX = (1n << 64n) - 1n;
const USIZE_MAX = U64_MAX;
// The serializer writes `usize::MAX` for a fallthrough branch, so compilers built for wasm32
// (the wasm-cairo package) emit 2^32 - 1 instead of 2^64 - 1. No program can reach 2^32 - 1
// statements (the bytecode limit is far below), so both values mean fallthrough.
const USIZE32_MAX = (1n << 32n) - 1n;
const decoder = new TextDecoder('utf-8', { fatal: true });

function bad(why: string): SierraError {
  return new SierraError('SIERRA_DESERIALIZATION_ERROR', `invalid sierra program: ${why}`);
}

/** Reader over the decompressed felt stream. */
class FeltReader {
  private i = 0;
  constructor(private readonly xs: readonly bigint[]) {}
  get remaining(): number {
    return this.xs.length - this.i;
  }
  felt(): bigint {
    const v = this.xs[this.i++];
    if (v === undefined) throw bad('unexpected end of input');
    return v;
  }
  size(): number {
    const v = this.felt();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw bad('size out of range');
    return Number(v);
  }
  /** A length prefix that cannot exceed what is left (guards against huge allocations). */
  len(): number {
    const n = this.size();
    if (n > this.remaining) throw bad('length exceeds remaining input');
    return n;
  }
  u64(): bigint {
    const v = this.felt();
    if (v > U64_MAX) throw bad('u64 out of range');
    return v;
  }
  genericId(): string {
    const v = this.felt();
    const fixed = longName(v);
    if (fixed !== undefined) return fixed;
    const hex = v.toString(16);
    const bytes = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
    try {
      return v === 0n ? '\u0000' : decoder.decode(bytes);
    } catch {
      throw bad(`generic id is not utf-8: ${v.toString(16)}`);
    }
  }
  numId(): string {
    return `[${this.u64()}]`;
  }
}

function readGenericArg(r: FeltReader): GenericArg {
  const tag = r.size();
  switch (tag) {
    case 0:
      return { kind: 'userType', id: `[${r.felt()}]` };
    case 1:
      return { kind: 'type', id: r.numId() };
    case 2:
      return { kind: 'value', value: r.felt() };
    case 3:
      return { kind: 'userFunc', id: r.numId() };
    case 4:
      return { kind: 'libfunc', id: r.numId() };
    case 5:
      return { kind: 'value', value: -r.felt() };
    default:
      throw bad(`unknown generic arg tag ${tag}`);
  }
}

function readArgs(r: FeltReader, n: number): GenericArg[] {
  const args: GenericArg[] = [];
  for (let i = 0; i < n; i++) args.push(readGenericArg(r));
  return args;
}

function readTypeDecl(r: FeltReader, i: number): TypeDeclaration {
  const genericId = r.genericId();
  const packed = r.felt();
  const len = packed & ((1n << 128n) - 1n);
  const info = packed >> 128n;
  if (len > BigInt(r.remaining) || info > U64_MAX) throw bad('type declaration header');
  const args = readArgs(r, Number(len));
  const declaredTypeInfo: DeclaredTypeInfo | undefined =
    info === 0n
      ? undefined
      : {
          storable: (info & 1n) !== 0n,
          droppable: (info & 2n) !== 0n,
          duplicatable: (info & 4n) !== 0n,
          zeroSized: (info & 8n) !== 0n,
        };
  return { id: `[${i}]`, longId: { genericId, args }, declaredTypeInfo };
}

function readLongId(r: FeltReader): LongId {
  const genericId = r.genericId();
  return { genericId, args: readArgs(r, r.len()) };
}

function readVars(r: FeltReader): string[] {
  const n = r.len();
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.numId());
  return out;
}

function readStatement(r: FeltReader): Statement {
  const tag = r.u64();
  if (tag === 1n) return { kind: 'return', vars: readVars(r) };
  if (tag !== 0n) throw bad(`unknown statement tag ${tag}`);
  const libfuncId = r.numId();
  const args = readVars(r);
  const nb = r.len();
  const branches: BranchInfo[] = [];
  for (let i = 0; i < nb; i++) {
    const t = r.felt();
    if (t > USIZE_MAX) throw bad('branch target out of range');
    const target = t === USIZE_MAX || t === USIZE32_MAX ? null : Number(t);
    branches.push({ target, results: readVars(r) });
  }
  return { kind: 'invocation', libfuncId, args, branches };
}

/** Deserializes a decompressed felt252_serde program. */
export function programFromFelts(felts: readonly bigint[]): Program {
  const r = new FeltReader(felts);
  const types: TypeDeclaration[] = [];
  const nt = r.len();
  for (let i = 0; i < nt; i++) types.push(readTypeDecl(r, i));
  const libfuncs: LibfuncDeclaration[] = [];
  const nl = r.len();
  for (let i = 0; i < nl; i++) libfuncs.push({ id: `[${i}]`, longId: readLongId(r) });
  const statements: Statement[] = [];
  const ns = r.len();
  for (let i = 0; i < ns; i++) statements.push(readStatement(r));
  const funcs: SierraFunction[] = [];
  const nf = r.len();
  for (let i = 0; i < nf; i++) {
    const paramTypes: string[] = [];
    const np = r.len();
    for (let j = 0; j < np; j++) paramTypes.push(r.numId());
    const retTypes: string[] = [];
    const nr = r.len();
    for (let j = 0; j < nr; j++) retTypes.push(r.numId());
    const params = paramTypes.map((ty) => ({ id: r.numId(), ty }));
    const entryPoint = r.size();
    funcs.push({ id: `[${i}]`, paramTypes, retTypes, params, entryPoint });
  }
  return { types, libfuncs, statements, funcs };
}

function readVersion(xs: readonly bigint[], at: number): VersionId {
  const parts = [xs[at], xs[at + 1], xs[at + 2]];
  const nums = parts.map((v) => {
    if (v === undefined) throw bad('truncated version header');
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw bad('version out of range');
    return Number(v);
  });
  return { major: nums[0]!, minor: nums[1]!, patch: nums[2]! };
}

/** Reads the 6-felt version header (Sierra version, compiler version). */
export function versionsFromFelts(sierraProgram: readonly bigint[]): {
  sierraVersion: VersionId;
  compilerVersion: VersionId;
} {
  return { sierraVersion: readVersion(sierraProgram, 0), compilerVersion: readVersion(sierraProgram, 3) };
}

/** Decodes a contract class `sierra_program` (version header, compression, felt252_serde). */
export function sierraFromFelts(sierraProgram: readonly bigint[]): {
  sierraVersion: VersionId;
  compilerVersion: VersionId;
  program: Program;
} {
  const versions = versionsFromFelts(sierraProgram);
  const program = programFromFelts(decompress(sierraProgram.slice(6)));
  return { ...versions, program };
}
