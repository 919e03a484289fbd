import type { Hint } from './hints.js';
import { type CellRef, cellToString, type DerefOrImmediate, type ResOperand } from './operand.js';

const m = (c: CellRef) => `memory${cellToString(c)}`;
const doi = (d: DerefOrImmediate) => (d.kind === 'deref' ? m(d.cell) : d.value.toString());
function asInt(r: ResOperand): string {
  switch (r.kind) {
    case 'deref':
      return m(r.cell);
    case 'double_deref':
      return `memory[${m(r.cell)} + ${r.offset}]`;
    case 'imm':
      return r.value.toString();
    case 'binop':
      return `(${m(r.a)} ${r.op} ${doi(r.b)}) % PRIME`;
  }
}
function asAddr(r: ResOperand): string {
  if (r.kind === 'binop') return `${m(r.a)} ${r.op} ${doi(r.b)}`;
  return asInt(r);
}
const lines = (...ls: string[]) => `${ls.join('\n')}\n`;
// formatdoc! blocks that open with a blank line keep it.
const doc = (...ls: string[]) => `\n${lines(...ls)}`;

/** The pythonic text of a hint (as printed in CASM text and `pythonic_hints`). */
export function hintToPython(h: Hint): string {
  const a = h.args as Record<string, ResOperand & CellRef>;
  const C = (k: string) => m(a[k] as CellRef);
  const I = (k: string) => asInt(a[k] as ResOperand);
  const A = (k: string) => asAddr(a[k] as ResOperand);
  switch (h.name) {
    case 'AllocSegment':
      return `${C('dst')} = segments.add()`;
    case 'AllocFelt252Dict': {
      const p = A('segment_arena_ptr');
      return doc(
        "if '__dict_manager' not in globals():",
        '    from starkware.cairo.common.dict import DictManager',
        '    __dict_manager = DictManager()',
        '',
        "if '__segment_index_to_arena_index' not in globals():",
        '    # A map from the relocatable value segment index to the index in the',
        '    # arena.',
        '    __segment_index_to_arena_index = {}',
        '',
        `# ${p} is the address of the next SegmentArenaBuiltin.`,
        `# memory[${p} - 2] is the number of allocated segments.`,
        `index = memory[${p} - 2]`,
        '',
        'segment_start = __dict_manager.new_default_dict(',
        '    segments, 0, temp_segment=index > 0',
        ')',
        '',
        "# Update '__segment_index_to_arena_index'.",
        '__segment_index_to_arena_index[segment_start.segment_index] = index',
        '',
        "# Update 'SegmentInfo::start'.",
        `# memory[${p} - 3] is the address of the segment arena infos`,
        '# segment. index * 3 is added to get the address of the new SegmentInfo.',
        `memory[memory[${p} - 3] + index * 3] = segment_start`,
      );
    }
    case 'Felt252DictEntryInit': {
      const p = A('dict_ptr');
      return doc(
        `dict_tracker = __dict_manager.get_tracker(${p})`,
        'dict_tracker.current_ptr += 3',
        `memory[${p} + 1] = dict_tracker.data[${I('key')}]`,
      );
    }
    case 'Felt252DictEntryUpdate': {
      const p = A('dict_ptr');
      return doc(
        `dict_tracker = __dict_manager.get_tracker(${p})`,
        `dict_tracker.data[memory[${p} - 3]] = ${I('value')}`,
      );
    }
    case 'TestLessThan':
      return `${C('dst')} = ${I('lhs')} < ${I('rhs')}`;
    case 'TestLessThanOrEqual':
      return `${C('dst')} = ${I('lhs')} <= ${I('rhs')}`;
    case 'TestLessThanOrEqualAddress':
      return `${C('dst')} = ${A('lhs')} <= ${A('rhs')}`;
    case 'WideMul128':
      return `(${C('high')}, ${C('low')}) = divmod(${I('lhs')} * ${I('rhs')}, 2**128)`;
    case 'DivMod':
      return `(${C('quotient')}, ${C('remainder')}) = divmod(${I('lhs')}, ${I('rhs')})`;
    case 'Uint256DivMod':
      return doc(
        `dividend = ${I('dividend0')} + ${I('dividend1')} * 2**128`,
        `divisor = ${I('divisor0')} + ${I('divisor1')} * 2**128`,
        'quotient, remainder = divmod(dividend, divisor)',
        `${C('quotient0')} = quotient & 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF`,
        `${C('quotient1')} = quotient >> 128`,
        `${C('remainder0')} = remainder & 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF`,
        `${C('remainder1')} = remainder >> 128`,
      );
    case 'Uint512DivModByUint256':
      return doc(
        `dividend = ${I('dividend0')} + ${I('dividend1')} * 2**128 + ${I('dividend2')} * 2**256 + ${I('dividend3')} * 2**384`,
        `divisor = ${I('divisor0')} + ${I('divisor1')} * 2**128`,
        'quotient, remainder = divmod(dividend, divisor)',
        `${C('quotient0')} = quotient & 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF`,
        `${C('quotient1')} = (quotient >> 128) & 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF`,
        `${C('quotient2')} = (quotient >> 256) & 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF`,
        `${C('quotient3')} = quotient >> 384`,
        `${C('remainder0')} = remainder & 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF`,
        `${C('remainder1')} = remainder >> 128`,
      );
    case 'SquareRoot':
      return doc('import math', `${C('dst')} = math.isqrt(${I('value')})`);
    case 'Uint256SquareRoot':
      return doc(
        'import math;',
        `value = ${I('value_low')} + ${I('value_high')} * 2**128`,
        'root = math.isqrt(value)',
        'remainder = value - root ** 2',
        `${C('sqrt0')} = root & 0xFFFFFFFFFFFFFFFF`,
        `${C('sqrt1')} = root >> 64`,
        `${C('remainder_low')} = remainder & 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF`,
        `${C('remainder_high')} = remainder >> 128`,
        `${C('sqrt_mul_2_minus_remainder_ge_u128')} = root * 2 - remainder >= 2**128`,
      );
    case 'LinearSplit':
      return doc(
        `(value, scalar) = (${I('value')}, ${I('scalar')})`,
        `x = min(value // scalar, ${I('max_x')})`,
        'y = value - x * scalar',
        `${C('x')} = x`,
        `${C('y')} = y`,
      );
    case 'RandomEcPoint':
      return doc(
        'from starkware.crypto.signature.signature import ALPHA, BETA, FIELD_PRIME',
        'from starkware.python.math_utils import random_ec_point',
        `(${C('x')}, ${C('y')}) = random_ec_point(FIELD_PRIME, ALPHA, BETA)`,
      );
    case 'FieldSqrt':
      return doc(
        'from starkware.crypto.signature.signature import FIELD_PRIME',
        'from starkware.python.math_utils import is_quad_residue, sqrt',
        '',
        `val = ${I('val')}`,
        'if is_quad_residue(val, FIELD_PRIME):',
        `    ${C('sqrt')} = sqrt(val, FIELD_PRIME)`,
        'else:',
        `    ${C('sqrt')} = sqrt(val * 3, FIELD_PRIME)`,
      );
    case 'GetCurrentAccessIndex':
      return doc(
        'current_access_indices = sorted(access_indices[key])[::-1]',
        'current_access_index = current_access_indices.pop()',
        `memory[${A('range_check_ptr')}] = current_access_index`,
      );
    case 'ShouldSkipSquashLoop':
      return `${C('should_skip_loop')} = 0 if current_access_indices else 1`;
    case 'GetCurrentAccessDelta':
      return doc(
        'new_access_index = current_access_indices.pop()',
        `${C('index_delta_minus1')} = new_access_index - current_access_index - 1`,
        'current_access_index = new_access_index',
      );
    case 'ShouldContinueSquashLoop':
      return `${C('should_continue')} = 1 if current_access_indices else 0`;
    case 'GetNextDictKey':
      return lines(
        "assert len(keys) > 0, 'No keys left but remaining_accesses > 0.'",
        `${C('next_key')} = key = keys.pop()`,
      );
    case 'GetSegmentArenaIndex':
      return doc(
        `${C('dict_index')} = __segment_index_to_arena_index[`,
        `    ${A('dict_end_ptr')}.segment_index`,
        ']',
      );
    case 'InitSquashData':
      return doc(
        'dict_access_size = 3',
        `address = ${A('dict_accesses')}`,
        `assert ${I('ptr_diff')} % dict_access_size == 0, 'Accesses array size must be divisible by DictAccess.SIZE'`,
        `n_accesses = ${I('n_accesses')}`,
        "if '__squash_dict_max_size' in globals():",
        "    assert n_accesses <= __squash_dict_max_size, f'squash_dict() can only be used with n_accesses<={__squash_dict_max_size}. ' f'Got: n_accesses={n_accesses}.'",
        '# A map from key to the list of indices accessing it.',
        'access_indices = {}',
        'for i in range(n_accesses):',
        '    key = memory[address + dict_access_size * i]',
        '    access_indices.setdefault(key, []).append(i)',
        '# Descending list of keys.',
        'keys = sorted(access_indices.keys(), reverse=True)',
        '# Are the keys used bigger than range_check bound.',
        `${C('big_keys')} = 1 if keys[0] >= range_check_builtin.bound else 0`,
        `${C('first_key')} = key = keys.pop()`,
      );
    case 'AssertLeFindSmallArcs': {
      const rc = A('range_check_ptr');
      const [x, y] = [I('a'), I('b')];
      return doc(
        'import itertools',
        '',
        'from starkware.cairo.common.math_utils import assert_integer',
        `assert_integer(${x})`,
        `assert_integer(${y})`,
        `a = ${x} % PRIME`,
        `b = ${y} % PRIME`,
        "assert a <= b, f'a = {a} is not less than or equal to b = {b}.'",
        '',
        '# Find an arc less than PRIME / 3, and another less than PRIME / 2.',
        'lengths_and_indices = [(a, 0), (b - a, 1), (PRIME - 1 - b, 2)]',
        'lengths_and_indices.sort()',
        'assert lengths_and_indices[0][0] <= PRIME // 3 and lengths_and_indices[1][0] <= PRIME // 2',
        'excluded = lengths_and_indices[2][1]',
        '',
        `memory[${rc} + 1], memory[${rc} + 0] = (`,
        '    divmod(lengths_and_indices[0][0], 3544607988759775765608368578435044694))',
        `memory[${rc} + 3], memory[${rc} + 2] = (`,
        '    divmod(lengths_and_indices[1][0], 5316911983139663648412552867652567041))',
      );
    }
    case 'AssertLeIsFirstArcExcluded':
      return `${C('skip_exclude_a_flag')} = 1 if excluded != 0 else 0`;
    case 'AssertLeIsSecondArcExcluded':
      return `${C('skip_exclude_b_minus_a')} = 1 if excluded != 1 else 0`;
    case 'DebugPrint':
      return doc(
        `curr = ${A('start')}`,
        `end = ${A('end')}`,
        'while curr != end:',
        '    print(hex(memory[curr]))',
        '    curr += 1',
      );
    case 'AllocConstantSize':
      return doc(
        "if '__boxed_segment' not in globals():",
        '    __boxed_segment = segments.add()',
        `${C('dst')} = __boxed_segment`,
        `__boxed_segment += ${I('size')}`,
      );
    case 'U256InvModN': {
      const [b0, b1, n0, n1] = [I('b0'), I('b1'), I('n0'), I('n1')];
      return doc(
        'from starkware.python.math_utils import igcdex',
        '',
        `b = ${b0} + (${b1} << 128)`,
        `n = ${n0} + (${n1} << 128)`,
        '',
        '(_, r, g) = igcdex(n, b)',
        'if n == 1:',
        `    ${C('g0_or_no_inv')} = 1`,
        `    ${C('g1_option')} = 0`,
        `    ${C('s_or_r0')} = ${b0}`,
        `    ${C('s_or_r1')} = ${b1}`,
        `    ${C('t_or_k0')} = 1`,
        `    ${C('t_or_k1')} = 0`,
        'elif g != 1:',
        '    if g % 2 == 0:',
        '        g = 2',
        '    s = b // g',
        '    t = n // g',
        `    ${C('g0_or_no_inv')} = g & 0xffffffffffffffffffffffffffffffff`,
        `    ${C('g1_option')} = g >> 128`,
        `    ${C('s_or_r0')} = s & 0xffffffffffffffffffffffffffffffff`,
        `    ${C('s_or_r1')} = s >> 128`,
        `    ${C('t_or_k0')} = t & 0xffffffffffffffffffffffffffffffff`,
        `    ${C('t_or_k1')} = t >> 128`,
        'else:',
        '    r %= n',
        '    k = (r * b - 1) // n',
        `    ${C('g0_or_no_inv')} = 0`,
        `    ${C('s_or_r0')} = r & 0xffffffffffffffffffffffffffffffff`,
        `    ${C('s_or_r1')} = r >> 128`,
        `    ${C('t_or_k0')} = k & 0xffffffffffffffffffffffffffffffff`,
        `    ${C('t_or_k1')} = k >> 128`,
      );
    }
    case 'EvalCircuit':
      return doc(
        'from starkware.cairo.lang.builtins.modulo.mod_builtin_runner import ModBuiltinRunner',
        '',
        'ModBuiltinRunner.fill_memory(',
        '        memory=memory,',
        `        add_mod=(${A('add_mod_builtin')}, builtin_runners["add_mod_builtin"], ${I('n_add_mods')}),`,
        `        mul_mod=(${A('mul_mod_builtin')}, builtin_runners["mul_mod_builtin"], ${I('n_mul_mods')}),`,
        ')',
      );
    case 'SystemCall':
      return `syscall_handler.syscall(syscall_ptr=${A('system')})`;
    case 'AddRelocationRule':
      return `memory.add_relocation_rule(src_ptr=${A('src')}, dest_ptr=${A('dst')})`;
    case 'WriteRunParam':
      return `WriteRunParam { dst: ${cellToString(a.dst as CellRef)}, index: ${I('index')} }`;
    case 'AddMarker':
      return `AddMarker { start: ${A('start')}, end: ${A('end')} }`;
    case 'AddTrace':
      return `AddTrace { flag: ${I('flag')} }`;
    default:
      return h.name;
  }
}
