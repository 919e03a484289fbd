import type { CellExpression } from '../casm/cell-expression.js';
import { type Instruction, instructionSize } from '../casm/instruction.js';
import { compileError, SierraError } from '../errors.js';
import type { Program } from '../program/types.js';
import {
  assertConsistent,
  checkNoApRefs,
  materialize,
  type RefValue,
  type StatementAnnotations,
  store,
} from './annotations.js';
import { nextIdx } from './ap-change.js';
import { circuitDescriptorValues, circuitInfo } from './circuit-info.js';
import { buildConstSegments, type ConstSegments } from './consts.js';
import { branchCostMaps } from './gas/wallet-costs.js';
import { computeMetadata, LibfuncSpecs, resolveDefs } from './metadata.js';
import { ProgramRegistry } from './registry.js';
import { applyRelocations } from './relocate.js';
import { type LibfuncSignature, libfuncSignature, typesMatch } from './signatures.js';
import { compileTrace, tracePhase } from './trace.js';
import type {
  ApTracking,
  CostMap,
  Environment,
  InvocationContext,
  Metadata,
  RelocationEntry,
  SierraApChange,
} from './types.js';
import { validateTypes } from './validate-types.js';

export interface CompileOptions {
  /** Check and track the gas wallet (on for contracts and the golden tests). */
  gasUsageCheck?: boolean;
  /** Maximum bytecode size in felts. */
  maxBytecodeSize?: number;
  /** Compute only ap changes, no gas (upstream `calc_metadata_ap_change_only`); implies no gas check. */
  apChangeOnly?: boolean;
  /** Fixed Const gas costs for some functions (`function_set_costs`). */
  functionSetCosts?: Map<string, number>;
}

/** A compiled CASM program (before the contract entry-point layer). */
export interface CasmProgram {
  instructions: Instruction[];
  /** Bytecode offset at which each Sierra statement starts; last entry is the code end. */
  statementOffsets: number[];
  consts: ConstSegments;
  metadata: Metadata;
  registry: ProgramRegistry;
}

/** Resolves every declared libfunc to its lowering (typed error for unsupported ones). */
function checkBranchTargets(program: Program): Set<number> {
  const back = new Set<number>();
  program.statements.forEach((st, idx) => {
    if (st.kind !== 'invocation') return;
    for (const b of st.branches) {
      const t = nextIdx(idx, b.target);
      if (t >= program.statements.length) throw compileError(`#${idx}: branch target out of range`);
      if (b.target !== null && b.target < idx) back.add(b.target);
    }
  });
  return back;
}

function funcParamRefs(reg: ProgramRegistry, params: { id: string; ty: string }[]): Map<string, RefValue> {
  const refs = new Map<string, RefValue>();
  let offset = -3;
  for (let i = params.length - 1; i >= 0; i--) {
    const p = params[i]!;
    const size = reg.size(p.ty);
    const cells: CellExpression[] = [];
    for (let o = offset - size + 1; o <= offset; o++)
      cells.push({ kind: 'deref', cell: { register: 'fp', offset: o } });
    if (refs.has(p.id)) throw compileError(`duplicate parameter ${p.id}`);
    refs.set(p.id, { cells, ty: p.ty });
    offset -= size;
  }
  return refs;
}

function updateWallet(wallet: CostMap | undefined, cost: CostMap, where: string): CostMap | undefined {
  if (!wallet) return undefined;
  // Wallets are never mutated once stored, so a free branch shares its predecessor's.
  if (cost.size === 0) return wallet;
  const next = new Map(wallet);
  for (const [k, v] of cost) {
    const left = (next.get(k) ?? 0) - v;
    if (left < 0) throw compileError(`${where}: ran out of gas (${k})`);
    next.set(k, left);
  }
  return next;
}

/** Compiles a Sierra program to CASM (port of cairo-lang-sierra-to-casm `compile`). */
export function compileProgram(program: Program, options: CompileOptions = {}): CasmProgram {
  try {
    return compileProgramInner(program, options);
  } catch (e) {
    if (e instanceof SierraError) throw e;
    // Invalid programs must surface as typed errors, never as crashes: say where it failed.
    throw internalFailure(program, e);
  }
}

function internalFailure(program: Program, e: unknown): SierraError {
  const { phase, statement } = compileTrace;
  let where = phase;
  if (statement >= 0) {
    // The function whose body holds the statement: the one with the nearest entry point before it.
    let owner: string | undefined;
    let best = -1;
    for (const f of program.funcs) {
      if (f.entryPoint <= statement && f.entryPoint > best) {
        best = f.entryPoint;
        owner = f.id;
      }
    }
    const st = program.statements[statement];
    const what = st?.kind === 'invocation' ? ` (${st.libfuncId})` : st ? ' (return)' : '';
    where += ` at statement #${statement}${what}${owner !== undefined ? ` in function ${owner}` : ''}`;
  }
  const message = e instanceof Error ? e.message : String(e);
  return new SierraError(
    'SIERRA_COMPILATION_FAILED',
    `compilation failed (${where}): ${message}`,
    { phase, statement },
    { cause: e },
  );
}

/** Checks that every invocation names a declared libfunc with a matching branch count. */
function checkInvocations(program: Program, reg: ProgramRegistry, specs: LibfuncSpecs): void {
  program.statements.forEach((st, idx) => {
    if (st.kind !== 'invocation') return;
    reg.libfunc(st.libfuncId);
    if (specs.cost(st.libfuncId).length !== st.branches.length) {
      throw compileError(`#${idx}: Invocation mismatched to libfunc`);
    }
  });
}

function compileProgramInner(program: Program, options: CompileOptions): CasmProgram {
  const maxSize = options.maxBytecodeSize ?? Number.MAX_SAFE_INTEGER;
  tracePhase('registry');
  const reg = new ProgramRegistry(program);
  validateTypes(program, reg);
  const defs = resolveDefs(reg);
  const specs = new LibfuncSpecs(reg, defs);
  checkInvocations(program, reg, specs);
  // Targets are checked before the solvers walk the graph (they index statements by target).
  const back = checkBranchTargets(program);
  tracePhase('gas and ap-change metadata');
  const metadata = computeMetadata(
    program,
    reg,
    defs,
    options.functionSetCosts,
    specs,
    options.apChangeOnly === true,
  );
  tracePhase('lowering');
  const n = program.statements.length;
  const annotations: (StatementAnnotations | undefined)[] = new Array(n);
  const setOrAssert = (idx: number, a: StatementAnnotations) => {
    const cur = annotations[idx];
    if (!cur) annotations[idx] = a;
    else assertConsistent(idx, cur, a);
  };
  for (const f of program.funcs) {
    setOrAssert(f.entryPoint, {
      refs: funcParamRefs(reg, f.params),
      apShift: 0,
      functionId: f.id,
      convergenceAllowed: false,
      env: {
        apTracking: { kind: 'enabled', apChange: 0, base: 'function' },
        frameState: { kind: 'before' },
        gasWallet:
          options.gasUsageCheck && !options.apChangeOnly
            ? (metadata.functionCosts.get(f.id)?.toMap() ?? new Map())
            : undefined,
      },
    });
  }

  const signatures = new Map<string, LibfuncSignature | null>();
  const regularCosts = new Map<string, CostMap[]>();
  const instructions: Instruction[] = [];
  const relocations: RelocationEntry[] = [];
  const statementOffsets: number[] = [];
  let offset = 0;
  for (let idx = 0; idx < n; idx++) {
    compileTrace.statement = idx;
    if (offset > maxSize) throw new SierraError('SIERRA_BYTECODE_TOO_LARGE', 'Code size limit exceeded.');
    const st = program.statements[idx]!;
    const ann = annotations[idx];
    if (!ann) throw compileError(`#${idx}: missing annotations (unreachable statement)`);
    if (back.has(idx)) annotations[idx] = { ...ann, refs: new Map(ann.refs) };
    else annotations[idx] = undefined;
    // The annotations are owned by this statement now (a back-jump target kept its own copy).
    const refs = ann.refs;
    const args = st.kind === 'return' ? st.vars : st.args;
    const taken: RefValue[] = args.map((v) => {
      const r = refs.get(v);
      if (!r) throw compileError(`#${idx}: missing reference ${v}`);
      refs.delete(v);
      return { cells: materialize(r, ann.apShift, idx), ty: r.ty };
    });
    statementOffsets.push(offset);
    if (st.kind === 'return') {
      if (refs.size) throw compileError(`${[...refs.keys()][0]} is dangling at #${idx}.`);
      const ret = reg.func(ann.functionId).retTypes;
      if (
        !typesMatch(
          taken.map((t) => t.ty),
          ret,
        )
      )
        throw typeMismatch(idx);
      validateReturn(reg, idx, ann, taken, metadata);
      instructions.push({ body: { kind: 'ret' }, incAp: false, hints: [] });
      offset += 1;
      continue;
    }
    const def = defs.get(st.libfuncId)!;
    let sig = signatures.get(st.libfuncId);
    if (sig === undefined) {
      sig = libfuncSignature(reg, reg.libfunc(st.libfuncId)) ?? null;
      signatures.set(st.libfuncId, sig);
    }
    if (
      sig &&
      !typesMatch(
        taken.map((t) => t.ty),
        sig.params,
      )
    )
      throw typeMismatch(idx);
    const spec = specs.spec(st.libfuncId, metadata.gasVariables.get(idx));
    const apChanges = specs.apChange(st.libfuncId, () => metadata.gasVariables.get(idx));
    if (apChanges.length !== st.branches.length)
      throw compileError(`#${idx}: Invocation mismatched to libfunc`);
    const ctx: InvocationContext = {
      reg,
      metadata,
      idx,
      invocation: st,
      libfunc: spec.libfunc,
      libfuncId: st.libfuncId,
      refs: taken.map((t) => t.cells),
      refTypes: taken.map((t) => t.ty),
      env: ann.env,
    };
    const compiled = def.build(ctx);
    if (compiled.branches.length !== st.branches.length) throw compileError(`#${idx}: branch count mismatch`);
    for (const r of compiled.relocations)
      relocations.push({ index: r.index + instructions.length, relocation: r.relocation });
    for (const ins of compiled.instructions) {
      instructions.push(ins);
      offset += instructionSize(ins.body);
    }
    let costs: CostMap[] = [];
    if (compiled.env.gasWallet) {
      // Costs made only of regular branches do not depend on the statement: computed once per libfunc.
      costs = regularCosts.get(st.libfuncId) ?? branchCostMaps(specs.cost(st.libfuncId), idx, metadata, reg);
      if (specs.cost(st.libfuncId).every((c) => c.kind === 'regular')) regularCosts.set(st.libfuncId, costs);
    }
    const branching = st.branches.length > 1;
    st.branches.forEach((b, i) => {
      const dest = nextIdx(idx, b.target);
      if (branching && !isBranchAlign(reg, program, dest)) {
        throw compileError(`#${idx}->#${dest}: Expected branch align`);
      }
      const apc = apChanges[i]!;
      const { apChange, tracking } = resolveApChange(apc, compiled.env, metadata, idx);
      const newRefs = i === st.branches.length - 1 ? refs : new Map(refs);
      let apShift = ann.apShift;
      if (apChange === 'unknown') {
        checkNoApRefs(newRefs, idx);
        apShift = 0;
      } else apShift += apChange;
      const outs = compiled.branches[i]!.refs;
      if (outs.length !== b.results.length) throw compileError(`#${idx}: result count mismatch`);
      b.results.forEach((v, j) => {
        if (newRefs.has(v)) throw compileError(`#${idx}: variable ${v} overridden`);
        // Output types come from the signature table; '' means unknown (not checked downstream).
        newRefs.set(v, { cells: store(outs[j]!, apShift), ty: sig?.branches[i]?.[j] ?? '' });
      });
      let apTracking: ApTracking;
      if (tracking === 'disable') apTracking = { kind: 'disabled' };
      else if (tracking === 'enable') {
        if (compiled.env.apTracking.kind !== 'disabled')
          throw compileError(`#${idx}: ap tracking already enabled`);
        apTracking = { kind: 'enabled', apChange: 0, base: dest };
      } else {
        const cur = compiled.env.apTracking;
        apTracking =
          cur.kind === 'enabled' && apChange !== 'unknown'
            ? { ...cur, apChange: cur.apChange + apChange }
            : { kind: 'disabled' };
      }
      const env: Environment = {
        apTracking,
        frameState: compiled.env.frameState,
        gasWallet: updateWallet(compiled.env.gasWallet, costs[i] ?? new Map(), `#${idx}->#${dest}`),
      };
      setOrAssert(dest, {
        refs: newRefs,
        apShift,
        functionId: ann.functionId,
        convergenceAllowed: !branching,
        env,
      });
    });
  }
  statementOffsets.push(offset);
  if (offset > maxSize) throw new SierraError('SIERRA_BYTECODE_TOO_LARGE', 'Code size limit exceeded.');
  tracePhase('const segments and relocation');
  const consts = buildConstSegments(reg, program, Math.max(0, maxSize - offset), (ty) =>
    circuitDescriptorValues(circuitInfo(reg, ty)),
  );
  applyRelocations(instructions, relocations, statementOffsets, consts);
  return { instructions, statementOffsets, consts, metadata, registry: reg };
}

const typeMismatch = (idx: number) =>
  compileError(
    `#${idx}: One of the arguments does not match the expected type of the libfunc or return statement.`,
  );

function isBranchAlign(reg: ProgramRegistry, program: Program, idx: number): boolean {
  const st = program.statements[idx];
  return st?.kind === 'invocation' && reg.libfunc(st.libfuncId).genericId === 'branch_align';
}

function resolveApChange(
  c: SierraApChange,
  env: Environment,
  metadata: Metadata,
  idx: number,
): { apChange: number | 'unknown'; tracking: 'none' | 'enable' | 'disable' } {
  switch (c.kind) {
    case 'known':
      return { apChange: c.n, tracking: 'none' };
    case 'at_locals_finalization':
      return { apChange: 0, tracking: 'none' };
    case 'enable':
      return { apChange: 0, tracking: 'enable' };
    case 'disable':
      return { apChange: 0, tracking: 'disable' };
    case 'finalize_locals':
      if (env.frameState.kind !== 'finalized') throw compileError(`#${idx}: unexpected frame state`);
      return { apChange: env.frameState.allocated, tracking: 'none' };
    case 'function_call': {
      const f = metadata.functionApChange.get(c.id);
      return { apChange: f === undefined ? 'unknown' : f + 2, tracking: 'none' };
    }
    case 'from_metadata':
      return { apChange: metadata.apVariables.get(idx) ?? 0, tracking: 'none' };
    case 'unknown':
      return { apChange: 'unknown', tracking: 'none' };
  }
}

function validateReturn(
  reg: ProgramRegistry,
  idx: number,
  ann: StatementAnnotations,
  refs: RefValue[],
  metadata: Metadata,
): void {
  const f = reg.func(ann.functionId);
  const expected = metadata.functionApChange.get(f.id);
  const t = ann.env.apTracking;
  const ok =
    expected === undefined
      ? t.kind === 'disabled'
      : t.kind === 'enabled' && t.base === 'function' && t.apChange === expected;
  if (!ok) throw compileError(`#${idx}: invalid function ap change`);
  if (ann.env.frameState.kind === 'allocating')
    throw compileError(`#${idx}: locals were allocated but finalize_locals was not called.`);
  if (refs.length !== f.retTypes.length) throw compileError(`#${idx}: return type mismatch`);
  let expectedOffset = -1;
  for (let i = refs.length - 1; i >= 0; i--) {
    const cells = refs[i]!.cells;
    for (let j = cells.length - 1; j >= 0; j--) {
      const c = cells[j]!;
      if (c.kind !== 'deref' || c.cell.register !== 'ap' || c.cell.offset !== expectedOffset) {
        throw compileError(`#${idx}: Return arguments are not on the stack.`);
      }
      expectedOffset--;
    }
  }
}
