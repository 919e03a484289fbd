// One test per Cairo 1 hint, with edge values; expected results are mathematical properties
// (or, for curve points, checks by @scure/starknet).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProjectivePoint } from '@scure/starknet';
import { P, StarlingError } from '@starling/felt';
import { Cairo1HintProcessor, VmError } from '../../src/index.ts';
import { ap, at, deref, hint, imm, relAt, vmWith } from '../helpers/vm-setup.ts';

const U128 = 1n << 128n;
const code = (c: string) => (e: unknown) => e instanceof VmError && e.code === c;

describe('core hints', () => {
  it('AllocSegment writes a pointer to a new segment', () => {
    const vm = vmWith();
    hint(vm, { AllocSegment: { dst: ap(0) } });
    assert.deepEqual(relAt(vm, 0), { segment: 2, offset: 0 });
  });

  it('TestLessThan / TestLessThanOrEqual on felts, edges 0 and P-1', () => {
    const vm = vmWith({ 10: 0n, 11: P - 1n });
    hint(vm, { TestLessThan: { lhs: deref(0), rhs: deref(1), dst: ap(2) } });
    hint(vm, { TestLessThan: { lhs: deref(1), rhs: deref(0), dst: ap(3) } });
    hint(vm, { TestLessThanOrEqual: { lhs: deref(1), rhs: deref(1), dst: ap(4) } });
    hint(vm, { TestLessThan: { lhs: deref(1), rhs: deref(1), dst: ap(5) } });
    assert.deepEqual([at(vm, 2), at(vm, 3), at(vm, 4), at(vm, 5)], [1n, 0n, 1n, 0n]);
  });

  it('TestLessThanOrEqualAddress compares pointers by offset; a pointer orders before a felt', () => {
    const vm = vmWith({ 10: { segment: 1, offset: 5 }, 11: { segment: 1, offset: 6 }, 12: 0n });
    hint(vm, { TestLessThanOrEqualAddress: { lhs: deref(1), rhs: deref(0), dst: ap(3) } });
    hint(vm, { TestLessThanOrEqualAddress: { lhs: deref(0), rhs: deref(1), dst: ap(4) } });
    // cairo-vm derives Ord on MaybeRelocatable with the RelocatableValue variant first.
    hint(vm, { TestLessThanOrEqual: { lhs: deref(0), rhs: deref(2), dst: ap(5) } });
    hint(vm, { TestLessThanOrEqual: { lhs: deref(2), rhs: deref(0), dst: ap(6) } });
    assert.deepEqual([at(vm, 3), at(vm, 4), at(vm, 5), at(vm, 6)], [0n, 1n, 1n, 0n]);
  });

  it('WideMul128: high·2^128 + low = a·b for the largest u128 values', () => {
    const a = U128 - 1n;
    const vm = vmWith({ 10: a, 11: a - 5n });
    hint(vm, { WideMul128: { lhs: deref(0), rhs: deref(1), high: ap(2), low: ap(3) } });
    assert.equal(at(vm, 2) * U128 + at(vm, 3), a * (a - 5n));
    assert.ok(at(vm, 3) < U128);
  });

  it('DivMod: q·d + r = a, r < d; division by zero is a typed error', () => {
    const vm = vmWith({ 10: U128 - 1n, 11: 7n, 12: 0n });
    hint(vm, { DivMod: { lhs: deref(0), rhs: deref(1), quotient: ap(3), remainder: ap(4) } });
    assert.equal(at(vm, 3) * 7n + at(vm, 4), U128 - 1n);
    assert.ok(at(vm, 4) < 7n);
    assert.throws(
      () => hint(vm, { DivMod: { lhs: deref(0), rhs: deref(2), quotient: ap(5), remainder: ap(6) } }),
      code('HINT_FAILED'),
    );
  });

  it('DivMod on small felts (the no-bigint path): edges 0, a < d, 2^52 - 1 by small and large divisors', () => {
    const top = 2n ** 52n - 1n;
    const cases: [bigint, bigint][] = [
      [0n, 5n],
      [4n, 5n],
      [top, 3n],
      [top, top],
      [top - 1n, top],
      [top, 2n ** 26n + 1n],
      [10n ** 15n + 7n, 1000003n],
    ];
    for (const [a, d] of cases) {
      const vm = vmWith({ 10: a, 11: d });
      hint(vm, { DivMod: { lhs: deref(0), rhs: deref(1), quotient: ap(3), remainder: ap(4) } });
      assert.deepEqual([at(vm, 3), at(vm, 4)], [a / d, a % d], `${a} divmod ${d}`);
    }
    // P - 1 is stored as the small cell -1 but is a full felt: the bigint path divides it.
    const vm = vmWith({ 10: P - 1n, 11: 2n });
    hint(vm, { DivMod: { lhs: deref(0), rhs: deref(1), quotient: ap(3), remainder: ap(4) } });
    assert.deepEqual([at(vm, 3), at(vm, 4)], [(P - 1n) / 2n, 0n]);
  });

  it('Uint256DivMod splits quotient and remainder into u128 limbs', () => {
    const a = (1n << 256n) - 3n;
    const d = (1n << 130n) + 17n;
    const vm = vmWith({ 10: a % U128, 11: a / U128, 12: d % U128, 13: d / U128 });
    hint(vm, {
      Uint256DivMod: {
        dividend0: deref(0),
        dividend1: deref(1),
        divisor0: deref(2),
        divisor1: deref(3),
        quotient0: ap(4),
        quotient1: ap(5),
        remainder0: ap(6),
        remainder1: ap(7),
      },
    });
    const q = at(vm, 4) + at(vm, 5) * U128;
    const r = at(vm, 6) + at(vm, 7) * U128;
    assert.equal(q * d + r, a);
    assert.ok(r < d);
  });

  it('Uint512DivModByUint256', () => {
    const a = (1n << 512n) - 1n;
    const d = (1n << 255n) + 1n;
    const limbs = [0n, 1n, 2n, 3n].map((i) => (a >> (128n * i)) % U128);
    const vm = vmWith({
      10: limbs[0] as bigint,
      11: limbs[1] as bigint,
      12: limbs[2] as bigint,
      13: limbs[3] as bigint,
      14: d % U128,
      15: d / U128,
    });
    hint(vm, {
      Uint512DivModByUint256: {
        dividend0: deref(0),
        dividend1: deref(1),
        dividend2: deref(2),
        dividend3: deref(3),
        divisor0: deref(4),
        divisor1: deref(5),
        quotient0: ap(6),
        quotient1: ap(7),
        quotient2: ap(8),
        quotient3: ap(9),
        remainder0: ap(10),
        remainder1: ap(11),
      },
    });
    const q = at(vm, 6) + (at(vm, 7) << 128n) + (at(vm, 8) << 256n) + (at(vm, 9) << 384n);
    const r = at(vm, 10) + at(vm, 11) * U128;
    assert.equal(q * d + r, a);
    assert.ok(r < d);
  });

  it('SquareRoot: s² ≤ v < (s+1)² including a perfect square and P-1', () => {
    for (const v of [0n, 1n, 99n, 100n, P - 1n]) {
      const vm = vmWith({ 10: v });
      hint(vm, { SquareRoot: { value: deref(0), dst: ap(1) } });
      const s = at(vm, 1);
      assert.ok(s * s <= v && (s + 1n) * (s + 1n) > v, `v=${v}`);
    }
  });

  it('Uint256SquareRoot: limbs, remainder and the flag', () => {
    const v = (1n << 256n) - 1n;
    const vm = vmWith({ 10: v % U128, 11: v / U128 });
    hint(vm, {
      Uint256SquareRoot: {
        value_low: deref(0),
        value_high: deref(1),
        sqrt0: ap(2),
        sqrt1: ap(3),
        remainder_low: ap(4),
        remainder_high: ap(5),
        sqrt_mul_2_minus_remainder_ge_u128: ap(6),
      },
    });
    const s = at(vm, 2) + (at(vm, 3) << 64n);
    const r = at(vm, 4) + at(vm, 5) * U128;
    assert.equal(s * s + r, v);
    assert.ok(r <= 2n * s);
    assert.equal(at(vm, 6), 2n * s - r >= U128 ? 1n : 0n);
  });

  it('LinearSplit: x = min(value / scalar, max_x), y = value - x·scalar', () => {
    const vm = vmWith({ 10: 1000n });
    hint(vm, { LinearSplit: { value: deref(0), scalar: imm(7n), max_x: imm(100n), x: ap(1), y: ap(2) } });
    assert.deepEqual([at(vm, 1), at(vm, 2)], [100n, 300n]);
    hint(vm, { LinearSplit: { value: deref(0), scalar: imm(7n), max_x: imm(1000n), x: ap(3), y: ap(4) } });
    assert.deepEqual([at(vm, 3), at(vm, 4)], [142n, 6n]);
  });

  it('FieldSqrt: the smaller root of val, or of 3·val for a non-residue', () => {
    for (const v of [4n, 5n, 0n]) {
      const vm = vmWith({ 10: v });
      hint(vm, { FieldSqrt: { val: deref(0), sqrt: ap(1) } });
      const r = at(vm, 1);
      const sq = (r * r) % P;
      assert.ok(sq === v || sq === (3n * v) % P, `v=${v}`);
      assert.ok(r <= P - r || r === 0n);
    }
  });

  it('RandomEcPoint gives a point on the STARK curve', () => {
    const vm = vmWith();
    hint(vm, { RandomEcPoint: { x: ap(0), y: ap(1) } });
    assert.doesNotThrow(() => ProjectivePoint.fromAffine({ x: at(vm, 0), y: at(vm, 1) }).assertValidity());
  });

  it('U256InvModN: an inverse when gcd = 1, a witness otherwise, and the n = 1 case', () => {
    const run = (b: bigint, n: bigint) => {
      const vm = vmWith({ 10: b % U128, 11: b / U128, 12: n % U128, 13: n / U128 });
      hint(vm, {
        U256InvModN: {
          b0: deref(0),
          b1: deref(1),
          n0: deref(2),
          n1: deref(3),
          g0_or_no_inv: ap(4),
          g1_option: ap(5),
          s_or_r0: ap(6),
          s_or_r1: ap(7),
          t_or_k0: ap(8),
          t_or_k1: ap(9),
        },
      });
      return vm;
    };
    const n = (1n << 255n) - 19n;
    let vm = run(12345n, n);
    const r = at(vm, 6) + at(vm, 7) * U128;
    const k = at(vm, 8) + at(vm, 9) * U128;
    assert.equal(at(vm, 4), 0n);
    assert.equal((r * 12345n) % n, 1n);
    assert.equal(r * 12345n - k * n, 1n);
    vm = run(6n, 9n);
    const g = at(vm, 4) + at(vm, 5) * U128;
    assert.equal(g, 3n);
    assert.equal((at(vm, 6) + at(vm, 7) * U128) * g, 6n);
    assert.equal((at(vm, 8) + at(vm, 9) * U128) * g, 9n);
    vm = run(5n, 1n);
    assert.deepEqual([at(vm, 4), at(vm, 8)], [1n, 1n]);
  });

  it('AllocConstantSize hands out consecutive blocks of one segment', () => {
    const vm = vmWith();
    const proc = hint(vm, { AllocConstantSize: { size: imm(3n), dst: ap(0) } });
    hint(vm, { AllocConstantSize: { size: imm(2n), dst: ap(1) } }, proc);
    const a = relAt(vm, 0);
    assert.deepEqual(relAt(vm, 1), { segment: a.segment, offset: 3 });
  });

  it('DebugPrint collects the felts of a range', () => {
    const vm = vmWith({ 10: { segment: 1, offset: 0 }, 11: { segment: 1, offset: 2 }, 0: 7n, 1: 8n });
    const proc = hint(vm, { DebugPrint: { start: deref(0), end: deref(1) } });
    assert.deepEqual(proc.state.debugOutput, [[7n, 8n]]);
  });

  it('AssertLeFindSmallArcs + AssertLeIs*ArcExcluded: the excluded arc is the largest', () => {
    const a = 10n;
    const b = P - 5n; // arcs: a = 10, b - a = P - 15, P - 1 - b = 4 → (b - a) is excluded.
    const vm = vmWith({ 10: a, 11: b, 12: { segment: 1, offset: 40 } });
    const proc = hint(vm, { AssertLeFindSmallArcs: { range_check_ptr: deref(2), a: deref(0), b: deref(1) } });
    hint(vm, { AssertLeIsFirstArcExcluded: { skip_exclude_a_flag: ap(3) } }, proc);
    hint(vm, { AssertLeIsSecondArcExcluded: { skip_exclude_b_minus_a: ap(4) } }, proc);
    assert.deepEqual([at(vm, 3), at(vm, 4)], [1n, 0n]);
    const rc = vm.memory.getFelts({ segment: 1, offset: 40 }, 4);
    const p3 = 3544607988759775765608368578435044694n;
    const p2 = 5316911983139663648412552867652567041n;
    assert.equal((rc[0] as bigint) + (rc[1] as bigint) * p3, 4n);
    assert.equal((rc[2] as bigint) + (rc[3] as bigint) * p2, 10n);
  });
});

describe('dictionary hints (core and deprecated)', () => {
  it('AllocFelt252Dict, EntryInit/Update, GetSegmentArenaIndex, Felt252DictRead/Write', () => {
    // segment arena at exec 0..2: [infos, n_dicts = 0, n_destructed = 0], arena ptr = exec 3.
    const vm = vmWith({ 10: { segment: 1, offset: 3 } });
    const infos = vm.memory.addSegment();
    vm.memory.load({ segment: 1, offset: 0 }, [{ segment: infos.index, offset: 0 }, 0n, 0n]);
    const proc = hint(vm, { AllocFelt252Dict: { segment_arena_ptr: deref(0) } });
    const dict = vm.memory.getRel({ segment: infos.index, offset: 0 });
    // access 0: key 5 → prev 0, new 9.
    vm.memory.write({ segment: 1, offset: 11 }, dict);
    vm.memory.write(dict, 5n);
    hint(vm, { Felt252DictEntryInit: { dict_ptr: deref(1), key: imm(5n) } }, proc);
    assert.equal(vm.memory.getFelt({ ...dict, offset: 1 }), 0n);
    vm.memory.write({ ...dict, offset: 2 }, 9n);
    vm.memory.write({ segment: 1, offset: 12 }, { ...dict, offset: 3 });
    hint(vm, { Felt252DictEntryUpdate: { dict_ptr: deref(2), value: imm(9n) } }, proc);
    // access 1 via the deprecated read/write pair: key 5 → prev 9.
    vm.memory.write({ segment: 1, offset: 13 }, { ...dict, offset: 3 });
    hint(vm, { Felt252DictRead: { dict_ptr: deref(3), key: imm(5n), value_dst: ap(4) } }, proc);
    assert.equal(at(vm, 4), 9n);
    hint(vm, { Felt252DictWrite: { dict_ptr: deref(3), key: imm(5n), value: imm(11n) } }, proc);
    assert.equal(vm.memory.getFelt({ ...dict, offset: 4 }), 9n);
    hint(vm, { GetSegmentArenaIndex: { dict_end_ptr: deref(3), dict_index: ap(5) } }, proc);
    assert.equal(at(vm, 5), 0n);
    for (const name of [
      'AssertCurrentAccessIndicesIsEmpty',
      'AssertAllKeysUsed',
      'AssertLeAssertThirdArcExcluded',
    ]) {
      hint(vm, { [name]: null }, proc);
    }
  });

  it('squash hints walk keys in increasing order and accesses in order', () => {
    // accesses (key, prev, new): (7,..), (3,..), (7,..), (3,..), (9,..)
    const keys = [7n, 3n, 7n, 3n, 9n];
    const vm = vmWith({ 10: { segment: 1, offset: 50 }, 11: 5n, 12: { segment: 1, offset: 80 } });
    keys.forEach((k, i) => {
      vm.memory.write({ segment: 1, offset: 50 + 3 * i }, k);
    });
    const proc = hint(vm, {
      InitSquashData: {
        dict_accesses: deref(0),
        ptr_diff: deref(1),
        n_accesses: deref(1),
        big_keys: ap(3),
        first_key: ap(4),
      },
    });
    assert.deepEqual([at(vm, 3), at(vm, 4)], [0n, 3n]);
    hint(vm, { GetCurrentAccessIndex: { range_check_ptr: deref(2) } }, proc);
    assert.equal(vm.memory.getFelt({ segment: 1, offset: 80 }), 1n);
    hint(vm, { ShouldSkipSquashLoop: { should_skip_loop: ap(5) } }, proc);
    assert.equal(at(vm, 5), 0n);
    hint(vm, { GetCurrentAccessDelta: { index_delta_minus1: ap(6) } }, proc);
    assert.equal(at(vm, 6), 1n); // indices 1 → 3
    hint(vm, { ShouldContinueSquashLoop: { should_continue: ap(7) } }, proc);
    assert.equal(at(vm, 7), 0n);
    hint(vm, { GetNextDictKey: { next_key: ap(8) } }, proc);
    assert.equal(at(vm, 8), 7n);
  });
});

describe('starknet and external hints', () => {
  it('SystemCall without a handler is NO_SYSCALL_HANDLER; with one it gets the pointer', () => {
    const vm = vmWith({ 10: { segment: 1, offset: 30 } });
    assert.throws(() => hint(vm, { SystemCall: { system: deref(0) } }), code('NO_SYSCALL_HANDLER'));
    let seen: unknown;
    const proc = new Cairo1HintProcessor({
      systemCall: (_vm, ptr) => {
        seen = ptr;
      },
    });
    hint(vm, { SystemCall: { system: deref(0) } }, proc);
    assert.deepEqual(seen, { segment: 1, offset: 30 });
  });

  it("a syscall host's typed errors pass through; other exceptions become HINT_FAILED", () => {
    const vm = vmWith({ 10: { segment: 1, offset: 30 } });
    class HostError extends StarlingError {}
    const typed = new Cairo1HintProcessor({
      systemCall: () => {
        throw new HostError('HOST', 'host failure');
      },
    });
    assert.throws(
      () => hint(vm, { SystemCall: { system: deref(0) } }, typed),
      (e: unknown) => e instanceof HostError,
    );
    const untyped = new Cairo1HintProcessor({
      systemCall: () => {
        throw new TypeError('boom');
      },
    });
    assert.throws(() => hint(vm, { SystemCall: { system: deref(0) } }, untyped), code('HINT_FAILED'));
  });

  it('external hints are rejected, unknown hints too', () => {
    const vm = vmWith({ 10: 1n });
    assert.throws(() => hint(vm, { AddTrace: { flag: deref(0) } }), code('EXTERNAL_HINT'));
    assert.throws(() => hint(vm, { NoSuchHint: {} }), code('UNKNOWN_HINT'));
  });
});
