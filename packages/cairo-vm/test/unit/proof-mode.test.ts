// Proof mode: the written trace and memory files must satisfy the Cairo transition rules when
// replayed from the files alone, and the AIR public input must agree with the memory file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  type BuiltinName,
  decodeMemory,
  decodeTrace,
  loadCairo0Program,
  loadCasmProgram,
  runProofMode,
  setupProofMode,
  VmError,
  wrapFunctionForProof,
} from '../../src/index.ts';
import { stwoDir } from '../helpers/paths.ts';
import { replay } from '../helpers/replay.ts';

const PROGRAM = `
ap += 2;
call rel 4;
jmp rel 0;
[ap + 0] = 42, ap++;
[ap + 0] = [ap + -1] * 3, ap++;
[ap + 0] = [ap + -1] + 100, ap++;
[ap + -1] = [[fp + -4] + 0];
[ap + -1] = [[fp + -3] + 0];
[ap + 0] = 170141183460469231731687303715884105728, ap++;
[ap + -1] = [[fp + -3] + 1];
[ap + 0] = [fp + -4] + 1, ap++;
[ap + 0] = [fp + -3] + 2, ap++;
ret;
`;

describe('proof mode', () => {
  const program = loadCasmProgram(PROGRAM);
  const run = runProofMode(program, {
    builtins: ['output', 'range_check'],
    start: 0,
    end: 4,
    layout: 'small',
  });
  const trace = decodeTrace(run.trace());
  const mem = decodeMemory(run.memory());

  it('pads the trace to a power of two and starts at pc 1, ap = fp = exec base + 2', () => {
    assert.equal(trace.length & (trace.length - 1), 0);
    assert.ok(trace.length >= 16);
    const progLen = program.bytecode.length;
    assert.deepEqual(trace[0], { pc: 1, ap: 1 + progLen + 2, fp: 1 + progLen + 2 });
  });

  it('every step of the trace file follows the Cairo transition rules over the memory file', () => {
    for (let i = 0; i + 1 < trace.length; i++) {
      assert.deepEqual(
        replay(mem, trace[i] as { ap: number; fp: number; pc: number }),
        trace[i + 1],
        `step ${i}`,
      );
    }
  });

  it('memory file has 40-byte records in increasing address order, the program at address 1', () => {
    const bytes = run.memory();
    assert.equal(bytes.length % 40, 0);
    const addrs = [...mem.keys()];
    assert.deepEqual(
      addrs,
      [...addrs].sort((a, b) => a - b),
    );
    for (const [i, w] of program.bytecode.entries()) assert.equal(mem.get(1 + i), w);
  });

  it('air_public_input agrees with the memory file and the trace', () => {
    const pub = run.publicInput();
    assert.equal(pub.layout, 'small');
    assert.equal(pub.n_steps, trace.length);
    for (const e of pub.public_memory) assert.equal(BigInt(e.value), mem.get(e.address));
    assert.deepEqual(pub.memory_segments.program, {
      begin_addr: 1,
      stop_ptr: (trace.at(-1) as { pc: number }).pc,
    });
    const out = pub.memory_segments.output as { begin_addr: number; stop_ptr: number };
    assert.equal(out.stop_ptr - out.begin_addr, 1);
    assert.equal(mem.get(out.begin_addr), 226n);
    const rc = pub.memory_segments.range_check as { begin_addr: number; stop_ptr: number };
    assert.equal(rc.stop_ptr - rc.begin_addr, 2);
    // rc parts of 226 and 2^127 span 0 .. 0x8000; the largest instruction offset is +1 (0x8001).
    assert.equal(pub.rc_min, 0);
    assert.equal(pub.rc_max, 0x8001);
    assert.ok(pub.public_memory.some((e) => e.address === out.begin_addr));
  });

  it('air_private_input lists the range-check values', () => {
    const priv = run.privateInput('t.bin', 'm.bin') as Record<string, unknown>;
    assert.equal(priv.trace_path, 't.bin');
    assert.deepEqual(priv.range_check, [
      { index: 0, value: '0xe2' },
      { index: 1, value: `0x${(1n << 127n).toString(16)}` },
    ]);
  });
});

describe('stwo-cairo all_opcode_components vector', () => {
  it('starts at the recorded initial state and stops at the Stwo-only Blake opcode', () => {
    const c0 = loadCairo0Program(readFileSync(join(stwoDir, 'all_opcode_components.compiled.json'), 'utf8'));
    const expected = JSON.parse(
      readFileSync(join(stwoDir, 'all_opcode_components.prover_input.json'), 'utf8'),
    ) as {
      state_transitions: { initial_state: { pc: number; ap: number; fp: number } };
    };
    const { runner } = setupProofMode(c0.program, {
      builtins: c0.builtins,
      start: c0.start as number,
      end: c0.end as number,
    });
    assert.throws(
      () => runner.run(),
      (e: unknown) => e instanceof VmError && e.code === 'UNSUPPORTED_OPCODE_EXTENSION',
    );
    const tr = runner.vm.trace as Float64Array;
    const execBase = 1 + c0.program.bytecode.length;
    assert.deepEqual(
      { pc: 1 + (tr[0] as number), ap: execBase + (tr[1] as number), fp: execBase + (tr[2] as number) },
      expected.state_transitions.initial_state,
    );
    assert.equal(runner.vm.pc, 1334);
    assert.ok(runner.vm.steps > 50);
  });

  it('with Stwo opcodes on, reproduces the recorded run: steps, registers, public memory, memory', () => {
    const text = readFileSync(join(stwoDir, 'all_opcode_components.prover_input.json'), 'utf8');
    const pi = JSON.parse(text) as {
      state_transitions: {
        initial_state: { pc: number; ap: number; fp: number };
        final_state: { pc: number; ap: number; fp: number };
        casm_states_by_opcode: Record<string, unknown[]>;
      };
      memory: { address_to_id: number[]; f252_values: number[][] };
      public_memory_addresses: number[];
      builtin_segments: { output: { begin_addr: number; stop_ptr: number } };
    };
    // small_values are u128 numbers beyond 2^53: read them from the text as bigints.
    const small = (/"small_values":\s*\[([^\]]*)\]/.exec(text)?.[1] ?? '')
      .split(',')
      .map((x) => BigInt(x.trim()));
    const c0 = loadCairo0Program(readFileSync(join(stwoDir, 'all_opcode_components.compiled.json'), 'utf8'));
    const run = runProofMode(c0.program, {
      builtins: c0.builtins,
      start: c0.start as number,
      end: c0.end as number,
      layout: 'all_cairo_stwo',
      allowMissingBuiltins: true,
      stwoOpcodes: true,
      padToPowerOfTwo: false,
    });
    const st = pi.state_transitions;
    const totalSteps = Object.values(st.casm_states_by_opcode).reduce((a, b) => a + b.length, 0);
    assert.equal(run.runner.vm.steps, totalSteps);
    const [progBase, execBase] = run.table as [number, number];
    const vm = run.runner.vm;
    assert.deepEqual({ pc: progBase + vm.pc, ap: execBase + vm.ap, fp: execBase + vm.fp }, st.final_state);
    const pub = run.publicInput();
    assert.deepEqual(
      pub.public_memory.map((e) => e.address),
      pi.public_memory_addresses,
    );
    assert.deepEqual(pub.memory_segments.output, pi.builtin_segments.output);
    const theirs = new Map<number, bigint>();
    pi.memory.address_to_id.forEach((id, addr) => {
      if (id === 0x3fffffff) return; // unused address
      if (id >= 0x40000000) {
        const limbs = pi.memory.f252_values[id - 0x40000000] as number[];
        theirs.set(
          addr,
          limbs.reduceRight((acc, w) => (acc << 32n) | BigInt(w), 0n),
        );
      } else theirs.set(addr, small[id] as bigint);
    });
    // The Stwo runner relocates a 4-cell all-zero segment right after the output segment; this
    // runner has none, so addresses (and pointers) past the output segment are 4 lower here.
    const shiftFrom = pi.builtin_segments.output.stop_ptr;
    for (let a = shiftFrom; a < shiftFrom + 4; a++) assert.equal(theirs.get(a), 0n);
    const ours = decodeMemory(run.memory());
    assert.ok(ours.size > 2600);
    for (const [a, v] of ours) {
      const t = theirs.get(a >= shiftFrom ? a + 4 : a);
      const shifted = v >= BigInt(shiftFrom) && v < 4096n ? v + 4n : v;
      assert.ok(t === v || t === shifted, `address ${a}`);
    }
  });
});

describe('proof mode for CASM functions (wrapper)', () => {
  const examples = join(stwoDir, '..', 'cairo-examples');
  const runWrapped = (
    name: string,
    implicits: BuiltinName[],
    args: bigint[],
    nResults: number,
    gas?: bigint,
  ) => {
    const program = loadCasmProgram(readFileSync(join(examples, `${name}.casm`), 'utf8'));
    const w = wrapFunctionForProof(program, {
      implicits,
      args,
      offset: 0,
      nResults,
      ...(gas !== undefined ? { gas } : {}),
    });
    const run = runProofMode(w.program, {
      builtins: w.builtins,
      start: w.start,
      end: w.end,
      appendBuiltinCosts: true,
    });
    const vm = run.runner.vm;
    const results = run.runner.returnValues(w.builtins.length + nResults).slice(0, nResults);
    return { run, vm, results };
  };

  it('fib_u128(1, 1, 10) = Ok(89) with a range_check builtin; the trace replays', () => {
    const { run, results } = runWrapped('fib_u128', ['range_check'], [1n, 1n, 10n], 3);
    assert.deepEqual(results, [0n, 0n, 89n]);
    const trace = decodeTrace(run.trace());
    const mem = decodeMemory(run.memory());
    for (let i = 0; i + 1 < trace.length; i++) {
      assert.deepEqual(
        replay(mem, trace[i] as { ap: number; fp: number; pc: number }),
        trace[i + 1],
        `step ${i}`,
      );
    }
    const pub = run.publicInput();
    const rc = pub.memory_segments.range_check as { begin_addr: number; stop_ptr: number };
    assert.ok(rc.stop_ptr > rc.begin_addr);
  });

  it('hash_chain(3) with pedersen, fib_gas with gas: same results as the plain runs', () => {
    assert.deepEqual(runWrapped('hash_chain', ['pedersen'], [3n], 1).results, [
      0x2dca1ad81a6107a9ef68c69f791bcdbda1df257aab76bd43ded73d96ed6227dn,
    ]);
    const gas = runWrapped('fib_gas', ['range_check', 'gas_builtin'], [1n, 1n, 10n], 3, 200000n);
    assert.deepEqual([gas.results[0], gas.results[2]], [0n, 89n]);
    // hash_chain_gas reads the Pedersen gas price from just past its bytecode.
    const hc = runWrapped('hash_chain_gas', ['range_check', 'gas_builtin', 'pedersen'], [3n], 3, 100000n);
    assert.deepEqual(
      [hc.results[0], hc.results[2]],
      [0n, 0x2dca1ad81a6107a9ef68c69f791bcdbda1df257aab76bd43ded73d96ed6227dn],
    );
  });
});
