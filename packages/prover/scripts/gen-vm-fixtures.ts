// Generates prover fixtures by running programs on our Cairo VM in proof mode (run once; output committed).
// Usage: node --import tsx --conditions=@starling/source packages/prover/scripts/gen-vm-fixtures.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCasmProgram, runProofMode } from '@starling/cairo-vm';
import { ecMul, GENERATOR } from '@starling/crypto';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'vm');

/** fib(1, 1) iterated N times; writes the result to the output builtin. */
const FIB = (n: number) => `
ap += 1;
call rel 4;
jmp rel 0;
[ap + 0] = 1, ap++;
[ap + 0] = 1, ap++;
[ap + 0] = ${n}, ap++;
[ap + 0] = [ap + -2], ap++;
[ap + 0] = [ap + -4] + [ap + -3], ap++;
[ap + -3] = [ap + 0] + 1, ap++;
jmp rel -4 if [ap + -1] != 0;
[ap + -2] = [[fp + -3] + 0];
[ap + 0] = [fp + -3] + 1, ap++;
ret;
`;

/** Writes range_check (two 128-bit values) and range_check96 (one value) instances; limbs stay near 2^15. */
const RANGE_CHECKS = `
ap += 2;
call rel 4;
jmp rel 0;
[ap + 0] = ${0x80008000800080008000800080008000n}, ap++;
[ap + -1] = [[fp + -4] + 0];
[ap + 0] = ${0x7fff8001800080007ffe800080018000n}, ap++;
[ap + -1] = [[fp + -4] + 1];
[ap + 0] = ${0x800180008000800080008000n}, ap++;
[ap + -1] = [[fp + -3] + 0];
[ap + 0] = [fp + -4] + 2, ap++;
[ap + 0] = [fp + -3] + 1, ap++;
ret;
`;

/** One Poseidon permutation of (1, 2, 3); reads the first output cell. */
const POSEIDON = `
ap += 1;
call rel 4;
jmp rel 0;
[ap + 0] = 1, ap++;
[ap + -1] = [[fp + -3] + 0];
[ap + 0] = 2, ap++;
[ap + -1] = [[fp + -3] + 1];
[ap + 0] = 3, ap++;
[ap + -1] = [[fp + -3] + 2];
[ap + 0] = [[fp + -3] + 3], ap++;
[ap + 0] = [fp + -3] + 6, ap++;
ret;
`;

/** One bitwise instance on two large values; reads x&y, x^y and x|y. */
const BITWISE = `
ap += 1;
call rel 4;
jmp rel 0;
[ap + 0] = ${(1n << 250n) + 0xf0f0f0f0123456789n}, ap++;
[ap + -1] = [[fp + -3] + 0];
[ap + 0] = ${(1n << 249n) + 0xff00ff00fedcba987n}, ap++;
[ap + -1] = [[fp + -3] + 1];
[ap + 0] = [[fp + -3] + 2], ap++;
[ap + 0] = [[fp + -3] + 3], ap++;
[ap + 0] = [[fp + -3] + 4], ap++;
[ap + 0] = [fp + -3] + 5, ap++;
ret;
`;

/** One ec_op instance: r = G + m·(2G')… with p = the generator and q = a public-key-like point. */
const EC_OP = (px: bigint, py: bigint, qx: bigint, qy: bigint, m: bigint) => `
ap += 1;
call rel 4;
jmp rel 0;
[ap + 0] = ${px}, ap++;
[ap + -1] = [[fp + -3] + 0];
[ap + 0] = ${py}, ap++;
[ap + -1] = [[fp + -3] + 1];
[ap + 0] = ${qx}, ap++;
[ap + -1] = [[fp + -3] + 2];
[ap + 0] = ${qy}, ap++;
[ap + -1] = [[fp + -3] + 3];
[ap + 0] = ${m}, ap++;
[ap + -1] = [[fp + -3] + 4];
[ap + 0] = [[fp + -3] + 5], ap++;
[ap + 0] = [[fp + -3] + 6], ap++;
[ap + 0] = [fp + -3] + 7, ap++;
ret;
`;

/** One Pedersen hash (the second input above 2^251); reads the result. */
const PEDERSEN = `
ap += 1;
call rel 4;
jmp rel 0;
[ap + 0] = ${0x3d937c035c878245caf64531a5756109c53068da139362728feb561405371cbn}, ap++;
[ap + -1] = [[fp + -3] + 0];
[ap + 0] = ${(1n << 251n) + 5n}, ap++;
[ap + -1] = [[fp + -3] + 1];
[ap + 0] = [[fp + -3] + 2], ap++;
[ap + 0] = [fp + -3] + 3, ap++;
ret;
`;

function generate(name: string, source: string, builtins: string[]): void {
  const program = loadCasmProgram(source);
  const run = runProofMode(program, { builtins: builtins as never, start: 0, end: 4, layout: 'all_cairo' });
  const dir = join(outDir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'trace.bin'), run.trace());
  writeFileSync(join(dir, 'memory.bin'), run.memory());
  writeFileSync(join(dir, 'air_public_input.json'), `${JSON.stringify(run.publicInput(), null, 1)}\n`);
  writeFileSync(
    join(dir, 'air_private_input.json'),
    `${JSON.stringify(run.privateInput('trace.bin', 'memory.bin'), null, 1)}\n`,
  );
  console.log(name, run.publicInput().n_steps, 'steps');
}

generate('fib-output', FIB(20), ['output']);
generate('range-checks', RANGE_CHECKS, ['range_check', 'range_check96']);
generate('poseidon', POSEIDON, ['poseidon']);
generate('bitwise', BITWISE, ['bitwise']);
const Q = ecMul(0x1234567890abcdefn, GENERATOR)!;
// A scalar above 2^251 exercises the below-p check's top bits.
generate('ec-op', EC_OP(GENERATOR.x, GENERATOR.y, Q.x, Q.y, (1n << 251n) + 0x1234567n), ['ec_op']);
generate('pedersen', PEDERSEN, ['pedersen']);
// A small scalar: m + p also fits 252 bits, the case the below-p check exists for.
generate('ec-op-small', EC_OP(GENERATOR.x, GENERATOR.y, Q.x, Q.y, 0x1234567n), ['ec_op']);
