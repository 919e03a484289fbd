// Runs the compiler's example programs (CASM text from the official vectors) and checks the
// results that the upstream example test expects (vectors README, "Cairo 1 example programs").
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeShortString } from '@starling/felt';
import {
  type BuiltinName,
  type FunctionArg,
  loadCasmProgram,
  type MaybeRelocatable,
  runFunction,
} from '../../src/index.ts';
import { examplesDir } from '../helpers/paths.ts';

function program(name: string) {
  return loadCasmProgram(readFileSync(join(examplesDir, `${name}.casm`), 'utf8'));
}

function felts(vs: MaybeRelocatable[]): bigint[] {
  return vs.map((v) => {
    assert.equal(typeof v, 'bigint');
    return v as bigint;
  });
}

function run(name: string, args: FunctionArg[], nRet: number, builtins: BuiltinName[] = [], gas?: bigint) {
  const r = runFunction(program(name), { args, builtins, ...(gas !== undefined ? { gas } : {}) });
  return { runner: r, ret: r.returnValues(nRet) };
}

describe('cairo-examples (official run results)', () => {
  for (const [name, args, expected] of [
    ['fib', [1n, 1n, 7n], [21n]],
    ['fib_loop', [1n, 1n, 7n], [21n]],
    ['fib_counter', [1n, 1n, 8n], [34n, 8n]],
    ['fib_match', [9n], [55n]],
    ['fib_struct', [1n, 1n, 9n], [55n, 9n]],
    ['fib_local', [6n], [13n]],
    ['fib_unary', [7n], [21n]],
  ] as [string, bigint[], bigint[]][]) {
    it(`${name}(${args.join(', ')}) = ${expected.join(', ')}`, () => {
      assert.deepEqual(felts(run(name, args, expected.length).ret), expected);
    });
  }

  it('fib_u128_checked: Some(89) and None on overflow', () => {
    assert.deepEqual(felts(run('fib_u128_checked', [1n, 1n, 10n], 2, ['range_check']).ret), [0n, 89n]);
    assert.deepEqual(felts(run('fib_u128_checked', [1n, 1n, 200n], 2, ['range_check']).ret), [1n, 0n]);
  });

  it('fib_u128: Ok(89), and a panic with "u128_add Overflow"', () => {
    const ok = run('fib_u128', [1n, 1n, 10n], 3, ['range_check']).ret;
    assert.deepEqual(felts(ok), [0n, 0n, 89n]);
    const { runner, ret } = run('fib_u128', [1n, 1n, 200n], 3, ['range_check']);
    assert.equal(ret[0], 1n);
    const start = ret[1] as { segment: number; offset: number };
    const end = ret[2] as { segment: number; offset: number };
    const data = runner.vm.memory.getFelts(start, end.offset - start.offset);
    assert.deepEqual(data.map(decodeShortString), ['u128_add Overflow']);
  });

  it('hash_chain(3) matches the expected Pedersen chain', () => {
    const { ret } = run('hash_chain', [3n], 1, ['pedersen']);
    assert.deepEqual(felts(ret), [0x2dca1ad81a6107a9ef68c69f791bcdbda1df257aab76bd43ded73d96ed6227dn]);
  });

  it('hash_chain_gas(3): same hash; gas used matches 10480 + 3 × 4050 less the pre-charge', () => {
    const { ret } = run('hash_chain_gas', [3n], 6, ['range_check', 'gas_builtin', 'pedersen'], 100000n);
    assert.equal(ret[3], 0n);
    assert.equal(ret[5], 0x2dca1ad81a6107a9ef68c69f791bcdbda1df257aab76bd43ded73d96ed6227dn);
    // The upstream runner deducts the function's static cost before calling it; the loop withdraws
    // 2570 + pedersen per iteration (visible in the CASM), so the static part is 10480 - 3 × 2570.
    const preCharge = 10480n - 3n * 2570n;
    assert.equal(100000n - (ret[1] as bigint), 10480n + 3n * 4050n - preCharge);
  });

  it('fib_gas: Ok(89) with enough gas, "Out of gas" panic with 10000', () => {
    const ok = run('fib_gas', [1n, 1n, 10n], 5, ['range_check', 'gas_builtin'], 200000n).ret;
    assert.deepEqual([ok[2], ok[4]], [0n, 89n]);
    const { runner, ret } = run('fib_gas', [1n, 1n, 10n], 5, ['range_check', 'gas_builtin'], 10000n);
    assert.equal(ret[2], 1n);
    const start = ret[3] as { segment: number; offset: number };
    const end = ret[4] as { segment: number; offset: number };
    assert.deepEqual(runner.vm.memory.getFelts(start, end.offset - start.offset).map(decodeShortString), [
      'Out of gas',
    ]);
  });

  it('fib_array(n): third value is the last Fibonacci number, fourth is n', () => {
    const expected = [1n, 2n, 3n, 5n, 8n, 13n, 21n, 34n, 55n];
    for (let n = 2; n <= 10; n++) {
      const ret = run('fib_array', [BigInt(n)], 5, ['range_check']).ret;
      assert.equal(ret[0], 0n, `n=${n} succeeded`);
      assert.deepEqual([ret[3], ret[4]], [expected[n - 2], BigInt(n)]);
    }
  });

  it('fib_box(1, 1, 7) = Box(21)', () => {
    const r = runFunction(program('fib_box'), { args: [{ box: [1n] }, { box: [1n] }, { box: [7n] }] });
    const [ptr] = r.returnValues(1);
    assert.equal(r.vm.memory.getFelt(ptr as { segment: number; offset: number }), 21n);
  });
});
