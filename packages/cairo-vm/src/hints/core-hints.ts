import { sqrt as fsqrt, mul, P } from '@starling/felt';
import { vmError } from '../errors.js';
import type { MaybeRelocatable } from '../types.js';
import type { VirtualMachine } from '../vm/vm.js';
import { evalCircuit } from './circuit.js';
import { DictSquashState } from './dict-manager.js';
import { trySqrt } from './field-sqrt.js';
import type { HintState } from './hint-state.js';
import type { CompiledHint } from './hint-types.js';
import { egcd, isqrt, U64, U128 } from './math.js';
import {
  argCell,
  argOp,
  compareSmall,
  getMaybe,
  getPtr,
  getVal,
  ptrAdd,
  setCell,
  setSmall,
  smallVal,
} from './operands.js';

/** STARK curve β (y² = x³ + x + β). */
const STARK_BETA = 0x6f21413efbe40de150e596d72f7a8c5609ad26c15c915c1f4cdfcb99cee9e89n;
const PRIME_OVER_3_HIGH = 3544607988759775765608368578435044694n;
const PRIME_OVER_2_HIGH = 5316911983139663648412552867652567041n;

/**
 * Orders values as the reference VM's derived `Ord` on MaybeRelocatable does: pointers before
 * felts (the RelocatableValue variant is declared first), pointers by (segment, offset).
 */
export function compareMaybe(a: MaybeRelocatable, b: MaybeRelocatable): number {
  if (typeof a === 'bigint') {
    if (typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
    return 1;
  }
  if (typeof b === 'bigint') return -1;
  if (a.segment !== b.segment) return a.segment < b.segment ? -1 : 1;
  return a.offset - b.offset;
}

function toIndex(v: bigint, what: string): number {
  if (v >= 1n << 48n) throw vmError('HINT_FAILED', `${what} is too large`);
  return Number(v);
}

type CoreHintFn = (vm: VirtualMachine, h: CompiledHint, st: HintState) => void;

const v = getVal;
const b01 = (c: boolean): bigint => (c ? 1n : 0n);

/** Implementations of the 30 core hints (semantics of cairo-lang-runner's casm_run). */
export const CORE_HINT_FNS: Record<string, CoreHintFn> = {
  AllocSegment(vm, h) {
    const s = vm.memory.addSegment();
    setCell(vm, argCell(h, 'dst'), { segment: s.index, offset: 0 });
  },
  TestLessThan(vm, h) {
    const lhs = argOp(h, 'lhs');
    const rhs = argOp(h, 'rhs');
    const a = smallVal(vm, lhs);
    const b = a === undefined ? undefined : smallVal(vm, rhs);
    if (a !== undefined && b !== undefined)
      return setSmall(vm, argCell(h, 'dst'), compareSmall(a, b) < 0 ? 1 : 0);
    setCell(vm, argCell(h, 'dst'), b01(v(vm, lhs) < v(vm, rhs)));
  },
  TestLessThanOrEqual(vm, h) {
    // Gas checks run this hint every loop iteration: small felts skip the bigint path.
    const a = smallVal(vm, argOp(h, 'lhs'));
    const b = a === undefined ? undefined : smallVal(vm, argOp(h, 'rhs'));
    if (a !== undefined && b !== undefined) {
      return setSmall(vm, argCell(h, 'dst'), compareSmall(a, b) <= 0 ? 1 : 0);
    }
    const c = compareMaybe(getMaybe(vm, argOp(h, 'lhs')), getMaybe(vm, argOp(h, 'rhs')));
    setCell(vm, argCell(h, 'dst'), b01(c <= 0));
  },
  TestLessThanOrEqualAddress(vm, h, st) {
    CORE_HINT_FNS.TestLessThanOrEqual?.(vm, h, st);
  },
  WideMul128(vm, h) {
    const p = v(vm, argOp(h, 'lhs')) * v(vm, argOp(h, 'rhs'));
    setCell(vm, argCell(h, 'high'), (p >> 128n) % P);
    setCell(vm, argCell(h, 'low'), p & (U128 - 1n));
  },
  DivMod(vm, h) {
    // Integer division and modulo (u8..u64 arithmetic) on small non-negative felts: no bigint.
    const sa = smallVal(vm, argOp(h, 'lhs'));
    const sd = sa === undefined || sa < 0 ? undefined : smallVal(vm, argOp(h, 'rhs'));
    if (sa !== undefined && sd !== undefined && sd > 0) {
      let q = Math.floor(sa / sd);
      let r = sa - q * sd;
      // Guard against a rounded quotient (exact for values below 2^52, kept for safety).
      if (r < 0) {
        q--;
        r += sd;
      } else if (r >= sd) {
        q++;
        r -= sd;
      }
      setSmall(vm, argCell(h, 'quotient'), q);
      setSmall(vm, argCell(h, 'remainder'), r);
      return;
    }
    const a = v(vm, argOp(h, 'lhs'));
    const d = v(vm, argOp(h, 'rhs'));
    if (d === 0n) throw vmError('HINT_FAILED', 'DivMod by zero');
    setCell(vm, argCell(h, 'quotient'), a / d);
    setCell(vm, argCell(h, 'remainder'), a % d);
  },
  Uint256DivMod(vm, h) {
    const a = v(vm, argOp(h, 'dividend0')) + (v(vm, argOp(h, 'dividend1')) << 128n);
    const d = v(vm, argOp(h, 'divisor0')) + (v(vm, argOp(h, 'divisor1')) << 128n);
    if (d === 0n) throw vmError('HINT_FAILED', 'Uint256DivMod by zero');
    const q = a / d;
    const r = a % d;
    setCell(vm, argCell(h, 'quotient0'), q % U128);
    setCell(vm, argCell(h, 'quotient1'), (q / U128) % P);
    setCell(vm, argCell(h, 'remainder0'), r % U128);
    setCell(vm, argCell(h, 'remainder1'), (r / U128) % P);
  },
  Uint512DivModByUint256(vm, h) {
    const a =
      v(vm, argOp(h, 'dividend0')) +
      (v(vm, argOp(h, 'dividend1')) << 128n) +
      (v(vm, argOp(h, 'dividend2')) << 256n) +
      (v(vm, argOp(h, 'dividend3')) << 384n);
    const d = v(vm, argOp(h, 'divisor0')) + (v(vm, argOp(h, 'divisor1')) << 128n);
    if (d === 0n) throw vmError('HINT_FAILED', 'Uint512DivModByUint256 by zero');
    let q = a / d;
    const r = a % d;
    for (const name of ['quotient0', 'quotient1', 'quotient2']) {
      setCell(vm, argCell(h, name), q % U128);
      q /= U128;
    }
    setCell(vm, argCell(h, 'quotient3'), q % P);
    setCell(vm, argCell(h, 'remainder0'), r % U128);
    setCell(vm, argCell(h, 'remainder1'), (r / U128) % P);
  },
  SquareRoot(vm, h) {
    setCell(vm, argCell(h, 'dst'), isqrt(v(vm, argOp(h, 'value'))));
  },
  Uint256SquareRoot(vm, h) {
    const value = v(vm, argOp(h, 'value_low')) + v(vm, argOp(h, 'value_high')) * U128;
    const s = isqrt(value);
    const rem = value - s * s;
    setCell(vm, argCell(h, 'sqrt0'), s % U64);
    setCell(vm, argCell(h, 'sqrt1'), s / U64);
    setCell(vm, argCell(h, 'remainder_low'), rem % U128);
    setCell(vm, argCell(h, 'remainder_high'), rem / U128);
    setCell(vm, argCell(h, 'sqrt_mul_2_minus_remainder_ge_u128'), b01(s * 2n - rem >= U128));
  },
  LinearSplit(vm, h) {
    const value = v(vm, argOp(h, 'value'));
    const scalar = v(vm, argOp(h, 'scalar'));
    const maxX = v(vm, argOp(h, 'max_x'));
    if (scalar === 0n) throw vmError('HINT_FAILED', 'LinearSplit with a zero scalar');
    const q = value / scalar;
    let x = maxX;
    if (q < maxX) x = q;
    setCell(vm, argCell(h, 'x'), x);
    setCell(vm, argCell(h, 'y'), (((value - x * scalar) % P) + P) % P);
  },
  AllocFelt252Dict(vm, h, st) {
    const mgr = getPtr(vm, argOp(h, 'segment_arena_ptr'));
    const nDicts = toIndex(vm.memory.getFelt(ptrAdd(mgr, -2)), 'number of dictionaries');
    const infos = vm.memory.getRel(ptrAdd(mgr, -3));
    const dict = st.dicts.newDict(vm, st.noTemporarySegments);
    vm.memory.write(ptrAdd(infos, 3 * nDicts), dict);
  },
  Felt252DictEntryInit(vm, h, st) {
    const ptr = getPtr(vm, argOp(h, 'dict_ptr'));
    const key = v(vm, argOp(h, 'key'));
    vm.memory.write(ptrAdd(ptr, 1), st.dicts.get(ptr, key));
  },
  Felt252DictEntryUpdate(vm, h, st) {
    const ptr = getPtr(vm, argOp(h, 'dict_ptr'));
    const key = vm.memory.getFelt(ptrAdd(ptr, -3));
    st.dicts.set(ptr, key, getMaybe(vm, argOp(h, 'value')));
  },
  GetSegmentArenaIndex(vm, h, st) {
    const ptr = getPtr(vm, argOp(h, 'dict_end_ptr'));
    setCell(vm, argCell(h, 'dict_index'), BigInt(st.dicts.tracker(ptr).idx));
    // The hint only runs when a dictionary is squashed: its end is final.
    if (!st.noTemporarySegments) st.dicts.finalize(ptr);
  },
  InitSquashData(vm, h, st) {
    const sq = new DictSquashState();
    st.squash = sq;
    const accesses = getPtr(vm, argOp(h, 'dict_accesses'));
    const n = toIndex(v(vm, argOp(h, 'n_accesses')), 'number of accesses');
    for (let i = 0; i < n; i++) {
      const key = vm.memory.getFelt(ptrAdd(accesses, 3 * i));
      const l = sq.accessIndices.get(key);
      if (l === undefined) sq.accessIndices.set(key, [BigInt(i)]);
      else l.push(BigInt(i));
    }
    for (const l of sq.accessIndices.values()) l.reverse();
    sq.keys = [...sq.accessIndices.keys()].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    const largest = sq.keys[0];
    if (largest === undefined) throw vmError('HINT_FAILED', 'InitSquashData with no accesses');
    setCell(vm, argCell(h, 'big_keys'), b01(largest >= U128));
    setCell(vm, argCell(h, 'first_key'), sq.currentKey());
  },
  GetCurrentAccessIndex(vm, h, st) {
    vm.memory.write(getPtr(vm, argOp(h, 'range_check_ptr')), squash(st).currentIndex());
  },
  ShouldSkipSquashLoop(vm, h, st) {
    setCell(vm, argCell(h, 'should_skip_loop'), b01(squash(st).currentIndices().length <= 1));
  },
  GetCurrentAccessDelta(vm, h, st) {
    const sq = squash(st);
    const prev = sq.currentIndices().pop() as bigint;
    setCell(vm, argCell(h, 'index_delta_minus1'), (((sq.currentIndex() - prev - 1n) % P) + P) % P);
  },
  ShouldContinueSquashLoop(vm, h, st) {
    setCell(vm, argCell(h, 'should_continue'), b01(squash(st).currentIndices().length > 1));
  },
  GetNextDictKey(vm, h, st) {
    const sq = squash(st);
    sq.popCurrentKey();
    setCell(vm, argCell(h, 'next_key'), sq.currentKey());
  },
  AssertLeFindSmallArcs(vm, h, st) {
    const a = v(vm, argOp(h, 'a'));
    const b = v(vm, argOp(h, 'b'));
    const arcs: [bigint, number][] = [
      [a, 0],
      [(((b - a) % P) + P) % P, 1],
      [(((P - 1n - b) % P) + P) % P, 2],
    ];
    arcs.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1]));
    st.excludedArc = (arcs[2] as [bigint, number])[1];
    const rc = getPtr(vm, argOp(h, 'range_check_ptr'));
    const [l0] = arcs[0] as [bigint, number];
    const [l1] = arcs[1] as [bigint, number];
    vm.memory.load(rc, [
      l0 % PRIME_OVER_3_HIGH,
      l0 / PRIME_OVER_3_HIGH,
      l1 % PRIME_OVER_2_HIGH,
      l1 / PRIME_OVER_2_HIGH,
    ]);
  },
  AssertLeIsFirstArcExcluded(vm, h, st) {
    setCell(vm, argCell(h, 'skip_exclude_a_flag'), b01(excluded(st) !== 0));
  },
  AssertLeIsSecondArcExcluded(vm, h, st) {
    setCell(vm, argCell(h, 'skip_exclude_b_minus_a'), b01(excluded(st) !== 1));
  },
  RandomEcPoint(vm, h, st) {
    for (;;) {
      const x = st.random() % P;
      const y = trySqrt((mul(mul(x, x), x) + x + STARK_BETA) % P);
      if (y !== undefined) {
        setCell(vm, argCell(h, 'x'), x);
        setCell(vm, argCell(h, 'y'), y);
        return;
      }
    }
  },
  FieldSqrt(vm, h) {
    const val = v(vm, argOp(h, 'val'));
    // 3 is a non-residue, so 3·val is a square whenever val is not.
    const r = trySqrt(val) ?? fsqrt(mul(val, 3n));
    const neg = r === 0n ? 0n : P - r;
    setCell(vm, argCell(h, 'sqrt'), r < neg ? r : neg);
  },
  DebugPrint(vm, h, st) {
    let cur = getPtr(vm, argOp(h, 'start'));
    const end = getPtr(vm, argOp(h, 'end'));
    const out: bigint[] = [];
    while (cur.segment === end.segment && cur.offset < end.offset) {
      out.push(vm.memory.getFelt(cur));
      cur = ptrAdd(cur, 1);
    }
    st.debugOutput.push(out);
  },
  AllocConstantSize(vm, h, st) {
    const size = toIndex(v(vm, argOp(h, 'size')), 'object size');
    if (st.constSizeNext === undefined)
      st.constSizeNext = { segment: vm.memory.addSegment().index, offset: 0 };
    const ptr = st.constSizeNext;
    st.constSizeNext = ptrAdd(ptr, size);
    setCell(vm, argCell(h, 'dst'), ptr);
  },
  U256InvModN(vm, h) {
    const b0 = v(vm, argOp(h, 'b0'));
    const b1 = v(vm, argOp(h, 'b1'));
    const b = b0 + (b1 << 128n);
    const n = v(vm, argOp(h, 'n0')) + (v(vm, argOp(h, 'n1')) << 128n);
    const put = (name: string, x: bigint): void => setCell(vm, argCell(h, name), x);
    if (n === 1n) {
      put('s_or_r0', b0);
      put('s_or_r1', b1);
      put('t_or_k0', 1n);
      put('t_or_k1', 0n);
      put('g0_or_no_inv', 1n);
      put('g1_option', 0n);
      return;
    }
    let [g, , r] = egcd(n, b);
    if (g !== 1n) {
      if (g % 2n === 0n) g = 2n;
      put('s_or_r0', (b / g) % U128);
      put('s_or_r1', b / g / U128);
      put('t_or_k0', (n / g) % U128);
      put('t_or_k1', n / g / U128);
      put('g0_or_no_inv', g % U128);
      put('g1_option', g / U128);
      return;
    }
    r %= n;
    if (r < 0n) r += n;
    const k = (r * b - 1n) / n;
    put('s_or_r0', r % U128);
    put('s_or_r1', r / U128);
    put('t_or_k0', k % U128);
    put('t_or_k1', k / U128);
    put('g0_or_no_inv', 0n);
  },
  EvalCircuit(vm, h) {
    evalCircuit(
      vm,
      getPtr(vm, argOp(h, 'add_mod_builtin')),
      toIndex(v(vm, argOp(h, 'n_add_mods')), 'n_add_mods'),
      getPtr(vm, argOp(h, 'mul_mod_builtin')),
      toIndex(v(vm, argOp(h, 'n_mul_mods')), 'n_mul_mods'),
    );
  },
};

function squash(st: HintState): DictSquashState {
  if (st.squash === undefined) throw vmError('HINT_FAILED', 'dict squash hint before InitSquashData');
  return st.squash;
}

function excluded(st: HintState): number {
  if (st.excludedArc === undefined) throw vmError('HINT_FAILED', 'arc hint before AssertLeFindSmallArcs');
  return st.excludedArc;
}

/** The 7 deprecated hints: dict read/write; the assertion helpers are no-ops. */
export const DEPRECATED_HINT_FNS: Record<string, CoreHintFn> = {
  Felt252DictRead(vm, h, st) {
    const ptr = getPtr(vm, argOp(h, 'dict_ptr'));
    setCell(vm, argCell(h, 'value_dst'), st.dicts.get(ptr, v(vm, argOp(h, 'key'))));
  },
  Felt252DictWrite(vm, h, st) {
    const ptr = getPtr(vm, argOp(h, 'dict_ptr'));
    const key = v(vm, argOp(h, 'key'));
    const value = getMaybe(vm, argOp(h, 'value'));
    vm.memory.write(ptrAdd(ptr, 1), st.dicts.get(ptr, key));
    st.dicts.set(ptr, key, value);
  },
  AssertCurrentAccessIndicesIsEmpty() {},
  AssertAllAccessesUsed() {},
  AssertAllKeysUsed() {},
  AssertLeAssertThirdArcExcluded() {},
  AssertLtAssertValidInput() {},
};
