// Regenerates test/fixtures/wasm-cairo/programs.sierra with wasm-cairo (Cairo 2.8.2, Sierra 1.6); slow (minutes).
import { readFileSync, writeFileSync } from 'node:fs';
import { compileCairoProgram, initSync } from 'wasm-cairo';

const wasm = readFileSync(new URL('../../../node_modules/wasm-cairo/wasm-cairo_bg.wasm', import.meta.url));
initSync(wasm);
const src = `
use core::dict::Felt252DictTrait;
fn fib(a: felt252, b: felt252, n: u32) -> felt252 { if n == 0 { a } else { fib(b, a + b, n - 1) } }
fn arr_sum(a: Array<u64>) -> u64 { let mut s = 0; for x in a { s += x; }; s }
fn u256_ops(x: u256, y: u256) -> u256 { (x * y + x) / (y + 1) }
fn dict_test() -> felt252 { let mut d: Felt252Dict<felt252> = Default::default(); d.insert(1, 5); d.insert(2, 7); d.get(1) + d.get(2) }
fn main() -> felt252 {
  let a = fib(0, 1, 20);
  let s = arr_sum(array![1, 2, 3]);
  let u = u256_ops(12345, 678);
  a + s.into() + u.low.into() + dict_test() + core::pedersen::pedersen(1, 2) + core::poseidon::poseidon_hash_span(array![1, 2].span())
}
`;
const t = Date.now();
const out = compileCairoProgram(src, false);
writeFileSync(new URL('../test/fixtures/wasm-cairo/programs.sierra', import.meta.url), out);
console.error('compiled in', Date.now() - t, 'ms, chars', out.length);
