// Layout capacity in proof mode: a Stone layout gives each builtin one instance every `ratio` steps
// and fixed range-check / memory / diluted units per step (lambdaclass/cairo-vm layout definitions
// and check_used_cells). Expected step counts below are worked out from those published ratios.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  bitwiseDilutedUnits,
  keccakDilutedUnits,
  loadCasmProgram,
  runProofMode,
  VmError,
} from '../../src/index.ts';

// main(pedersen_ptr): writes N Pedersen inputs (5 steps per instance), returns the moved pointer.
const hashes = (n: number) =>
  loadCasmProgram(`
ap += 1;
call rel 4;
jmp rel 0;
[ap + 0] = [fp + -3], ap++;
[ap + 0] = ${n}, ap++;
[ap + -1] = [[ap + -2] + 0];
[ap + -1] = [[ap + -2] + 1];
[ap + 0] = [ap + -2] + 3, ap++;
[ap + 0] = [ap + -2] + -1, ap++;
jmp rel -6 if [ap + -1] != 0;
[ap + 0] = [ap + -2], ap++;
ret;
`);
// main(): returns at once (a handful of steps).
const tiny = loadCasmProgram(`
call rel 4;
jmp rel 0;
[ap + 0] = 7, ap++;
ret;
`);

const err = (code: string, text?: RegExp) => (e: unknown) =>
  e instanceof VmError && e.code === code && (text === undefined || text.test(e.message));

describe('layout capacity (proof mode)', () => {
  it('diluted units per builtin instance match the reference runner (bitwise 1255 at 270/7; keccak)', () => {
    assert.equal(bitwiseDilutedUnits(270, 7), 1255);
    assert.equal(keccakDilutedUnits(8), 32768);
    assert.equal(keccakDilutedUnits(7), 0);
  });

  it('small layout: 100 Pedersen instances need 800 steps at ratio 8, so a 506-step run pads to 1024', () => {
    const opts = { builtins: ['pedersen'] as const, start: 0, end: 4, layout: 'small' };
    const plain = runProofMode(hashes(100), { ...opts, builtins: [...opts.builtins] });
    assert.equal(plain.publicInput().n_steps, 512);
    const padded = runProofMode(hashes(100), {
      ...opts,
      builtins: [...opts.builtins],
      layoutCapacity: 'pad',
    });
    assert.equal(padded.publicInput().n_steps, 1024);
    // The padding steps stay at the end label; the builtin segment is unchanged.
    const pub = padded.publicInput();
    const ped = pub.memory_segments.pedersen as { begin_addr: number; stop_ptr: number };
    assert.equal(ped.stop_ptr - ped.begin_addr, 300);
  });

  it('check mode fails with INSUFFICIENT_ALLOCATED_CELLS naming the builtin; pad fails past maxSteps', () => {
    const base = { builtins: ['pedersen' as const], start: 0, end: 4, layout: 'small' };
    assert.throws(
      () => runProofMode(hashes(100), { ...base, layoutCapacity: 'check' }),
      err('INSUFFICIENT_ALLOCATED_CELLS', /pedersen: 299 cells used, the layout allocates 192 at 512 steps/),
    );
    assert.throws(
      () => runProofMode(hashes(100), { ...base, layoutCapacity: 'pad', maxSteps: 600 }),
      err('INSUFFICIENT_ALLOCATED_CELLS', /step limit 600/),
    );
  });

  it('a tiny program still pays the minimum trace of the layout', () => {
    const run = (layout: string) =>
      runProofMode(tiny, { builtins: [], start: 0, end: 2, layout, layoutCapacity: 'pad' }).publicInput()
        .n_steps;
    // plain: no builtins, no diluted pool; 3 steps pad to 4.
    assert.equal(run('plain'), 4);
    // small: ecdsa (ratio 512) needs one full instance.
    assert.equal(run('small'), 512);
    // all_cairo: keccak comes in components of 16 instances at ratio 2048.
    assert.equal(run('all_cairo'), 32768);
    // starknet: 2 diluted units per step, less 68 per bitwise instance every 64 steps, must leave 2^16.
    assert.equal(run('starknet'), 131072);
    // recursive: pedersen ratio 128; diluted 16 units/step less bitwise (ratio 8) must leave 2^16.
    const perStep = 16 - bitwiseDilutedUnits(4, 16) / 8;
    let expected = 128;
    while (perStep * expected < 2 ** 16) expected *= 2;
    assert.equal(run('recursive'), expected);
  });
});
