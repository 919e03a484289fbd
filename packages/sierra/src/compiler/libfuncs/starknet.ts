import { P } from '@starling/felt';
import { CasmBuilder, type Var } from '../../casm/builder.js';
import { compileError } from '../../errors.js';
import { cc, regular, steps } from '../gas/objects.js';
import {
  buildFromCasmBuilder,
  inBuffer,
  inDeref,
  inDerefOrImm,
  nonFallthroughTarget,
  singleCells,
} from '../invocation.js';
import { type InvocationContext, known, type LibfuncDef } from '../types.js';
import { validateUnderLimit } from './casts.js';
import { identity } from './core.js';
import { singleConst } from './felt252.js';

/** Lowers a system call: writes [selector, gas, inputs…] to the syscall segment, then reads the response. */
export function buildSyscall(
  ctx: InvocationContext,
  selector: string,
  inputSizes: number[],
  outputSizes: number[],
) {
  if (ctx.refs.length !== inputSizes.length + 2) throw compileError(`${selector}: wrong number of arguments`);
  const [gasR, sysR] = ctx.refs;
  if (gasR!.length !== 1 || sysR!.length !== 1)
    throw compileError('invalid reference expression for syscall');
  const totalInput = inputSizes.reduce((a, x) => a + x, 0) + 2;
  const successSize = outputSizes.reduce((a, x) => a + x, 0);
  const failureSize = 2;
  const b = new CasmBuilder();
  const gas = inDeref(b, gasR![0]!);
  const system = inBuffer(b, sysR![0]!, totalInput + Math.max(successSize, failureSize) + 2);
  const original = b.duplicateVar(system);
  const selImm = b.const(BigInt(`0x${Buffer.from(selector, 'ascii').toString('hex')}`));
  const sel = b.allocVar();
  b.assertVarsEq(sel, selImm);
  b.bufferWriteAndInc(system, sel);
  b.bufferWriteAndInc(system, gas);
  inputSizes.forEach((size, i) => {
    const cells = ctx.refs[i + 2]!;
    if (cells.length !== size) throw compileError('invalid reference expression for syscall argument');
    for (const cell of cells) b.bufferWriteAndInc(system, inDeref(b, cell));
  });
  b.addHint('SystemCall', { system: original }, {});
  const updatedGas = b.getRefAndInc(system);
  const failureFlag = b.allocVar();
  b.bufferWriteAndInc(system, failureFlag);
  let successFinal: Var | undefined;
  let failureFinal: Var | undefined;
  const responses: Var[] = [];
  for (let i = 0; i < Math.max(successSize, failureSize); i++) {
    if (i === successSize) successFinal = b.duplicateVar(system);
    if (i === failureSize) failureFinal = b.duplicateVar(system);
    responses.push(b.getRefAndInc(system));
  }
  const successVars: Var[][] = [[updatedGas], [successFinal ?? system]];
  let offset = 0;
  for (const s of outputSizes) {
    successVars.push(responses.slice(offset, offset + s));
    offset += s;
  }
  b.jumpNz(failureFlag, 'Failure');
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', successVars, undefined],
    [
      'Failure',
      [[updatedGas], [failureFinal ?? system], [responses[0]!, responses[1]!]],
      nonFallthroughTarget(ctx),
    ],
  ]);
}

export function tryFromFelt252Bits(ctx: InvocationContext, bits: number) {
  const bound = 1n << BigInt(bits);
  const [rcE, vE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, 2);
  const value = inDeref(b, vE!);
  const aux = Array.from({ length: 4 }, () => b.allocVar());
  const limit = b.const(bound);
  const valid = b.allocVar();
  b.addHint('TestLessThan', { lhs: value, rhs: limit }, { dst: valid });
  b.jumpNz(valid, 'IsValidValue');
  const shifted = b.allocVar();
  b.assertVarsEq(shifted, b.binOp('-', value, limit));
  validateUnderLimit(b, 1, P - bound, shifted, rc, aux);
  b.jump('Failure');
  b.label('IsValidValue');
  validateUnderLimit(b, 1, bound, value, rc, aux);
  return buildFromCasmBuilder(ctx, b, [
    ['Fallthrough', [[rc], [value]], undefined],
    ['Failure', [[rc]], nonFallthroughTarget(ctx)],
  ]);
}

function storageBaseAddressFromFelt252(ctx: InvocationContext) {
  const bound = (1n << 251n) - 256n;
  const [rcE, aE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const rc = inBuffer(b, rcE!, 2);
  const addr = inDeref(b, aE!);
  const aux = Array.from({ length: 5 }, () => b.allocVar());
  const limit = b.const(bound);
  const isSmall = b.allocVar();
  const res = b.allocVar();
  b.addHint('TestLessThan', { lhs: addr, rhs: limit }, { dst: isSmall });
  b.jumpNz(isSmall, 'IsSmall');
  b.assertVarsEq(res, b.binOp('-', addr, limit));
  validateUnderLimit(b, 1, P - bound, res, rc, aux.slice(0, 4));
  b.jump('Done');
  b.label('IsSmall');
  b.assertVarsEq(res, addr);
  validateUnderLimit(b, 2, bound, res, rc, aux);
  b.label('Done');
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[rc], [res]], undefined]]);
}

function storageAddressFromBaseAndOffset(ctx: InvocationContext) {
  const [baseE, offE] = singleCells(ctx, 2);
  const b = new CasmBuilder();
  const base = inDeref(b, baseE!);
  const off = inDerefOrImm(b, offE!);
  const res = b.binOp('+', base, off);
  return buildFromCasmBuilder(ctx, b, [['Fallthrough', [[res]], undefined]]);
}

const syscallDef = (selector: string, inputs: number[], outputs: number[], argSize: number): LibfuncDef => ({
  apChange: () => [known(2), known(2)],
  cost: () => {
    const cost = regular(cc(100 + 5 + argSize));
    return [cost, cost];
  },
  build: (ctx) => buildSyscall(ctx, selector, inputs, outputs),
});
const zero: LibfuncDef = { apChange: () => [known(0)], cost: () => [steps(0)], build: identity };
const constDef: LibfuncDef = { apChange: () => [known(0)], cost: () => [steps(0)], build: singleConst };
const tryFrom: LibfuncDef = {
  apChange: () => [known(5), known(6)],
  cost: () => [regular(cc(7, 3)), regular(cc(9, 3))],
  build: (ctx) => tryFromFelt252Bits(ctx, 251),
};

export const starknetLibfuncs: Record<string, LibfuncDef> = {
  class_hash_const: constDef,
  contract_address_const: constDef,
  storage_base_address_const: constDef,
  class_hash_try_from_felt252: tryFrom,
  contract_address_try_from_felt252: tryFrom,
  storage_address_try_from_felt252: tryFrom,
  class_hash_to_felt252: zero,
  contract_address_to_felt252: zero,
  storage_address_to_felt252: zero,
  storage_address_from_base: zero,
  sha256_state_handle_init: zero,
  sha256_state_handle_digest: zero,
  sha512_state_handle_init: zero,
  sha512_state_handle_digest: zero,
  storage_base_address_from_felt252: {
    apChange: () => [known(7)],
    cost: () => [regular(cc(10, 3))],
    build: storageBaseAddressFromFelt252,
  },
  storage_address_from_base_and_offset: {
    apChange: () => [known(0)],
    cost: () => [steps(0)],
    build: storageAddressFromBaseAndOffset,
  },
  storage_read_syscall: syscallDef('StorageRead', [1, 1], [1], 2),
  storage_write_syscall: syscallDef('StorageWrite', [1, 1, 1], [], 3),
  call_contract_syscall: syscallDef('CallContract', [1, 1, 2], [2], 4),
  emit_event_syscall: syscallDef('EmitEvent', [2, 2], [], 4),
  get_block_hash_syscall: syscallDef('GetBlockHash', [1], [1], 1),
  get_execution_info_syscall: syscallDef('GetExecutionInfo', [], [1], 0),
  get_execution_info_v2_syscall: syscallDef('GetExecutionInfo', [], [1], 0),
  get_execution_info_v3_syscall: syscallDef('GetExecutionInfo', [], [1], 0),
  deploy_syscall: syscallDef('Deploy', [1, 1, 2, 1], [1, 2], 5),
  keccak_syscall: syscallDef('Keccak', [2], [2], 2),
  sha256_process_block_syscall: syscallDef('Sha256ProcessBlock', [1, 1], [1], 2),
  sha512_process_block_syscall: syscallDef('Sha512ProcessBlock', [1, 1], [1], 2),
  library_call_syscall: syscallDef('LibraryCall', [1, 1, 2], [2], 4),
  replace_class_syscall: syscallDef('ReplaceClass', [1], [], 1),
  get_class_hash_at_syscall: syscallDef('GetClassHashAt', [1], [1], 1),
  send_message_to_l1_syscall: syscallDef('SendMessageToL1', [1, 2], [], 3),
  meta_tx_v0_syscall: syscallDef('MetaTxV0', [1, 1, 2, 2], [2], 6),
};
for (const curve of ['k1', 'r1']) {
  const C = `Secp256${curve}`;
  Object.assign(starknetLibfuncs, {
    [`secp256${curve}_new_syscall`]: syscallDef(`${C}New`, [2, 2], [2], 4),
    [`secp256${curve}_add_syscall`]: syscallDef(`${C}Add`, [1, 1], [1], 2),
    [`secp256${curve}_mul_syscall`]: syscallDef(`${C}Mul`, [1, 2], [1], 3),
    [`secp256${curve}_get_point_from_x_syscall`]: syscallDef(`${C}GetPointFromX`, [2, 1], [2], 3),
    [`secp256${curve}_get_xy_syscall`]: syscallDef(`${C}GetXy`, [1], [2, 2], 1),
  });
}
