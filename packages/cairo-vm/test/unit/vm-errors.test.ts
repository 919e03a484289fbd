// Decoder and VM core: real compiled bytecode round-trips through decode/encode; bad bytecode
// gives typed errors carrying the pc and a traceback; code can run from any segment.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CairoRunner,
  decodeInstruction,
  encodeInstruction,
  loadCasmProgram,
  loadCompiledClass,
  type Program,
  runFunction,
  VmError,
} from '../../src/index.ts';
import { rawArtifact } from '../helpers/artifacts.ts';

const err = (c: string) => (e: unknown) => e instanceof VmError && e.code === c;
const RET = 0x208b7fff7fff7ffen;

function prog(bytecode: bigint[]): Program {
  return { bytecode, hints: new Map() };
}

describe('decoder', () => {
  it('decodes ret as the documented encoding and re-encodes every instruction of a real class', async () => {
    const ret = decodeInstruction(RET);
    assert.deepEqual([ret.opcode, ret.off0, ret.off2, ret.pcUpdate], [2, -2, -1, 1]);
    const cls = loadCompiledClass(await rawArtifact('contracts_TestERC20'));
    let n = 0;
    const code = cls.program.bytecode;
    for (let pc = 0; pc < code.length; ) {
      const word = code[pc] as bigint;
      const ins = decodeInstruction(word);
      const ap = ins.apUpdate === 3 ? 0 : ins.apUpdate;
      const res = ins.res === 3 ? 0 : ins.res;
      assert.equal(encodeInstruction({ ...ins, apUpdate: ap, res }), word, `pc ${pc}`);
      pc += ins.size;
      n++;
    }
    assert.ok(n > 3000);
  });

  it('rejects invalid flag combinations and unsupported opcode extensions with typed errors', () => {
    const base = 0x208b7fff7fff7ffen;
    assert.throws(() => decodeInstruction(base | (3n << 60n)), err('INVALID_INSTRUCTION')); // opcode 3|2
    assert.throws(() => decodeInstruction(0x4000000000000000n | (3n << 53n)), err('INVALID_INSTRUCTION')); // res 3
    assert.throws(
      () => decodeInstruction((1n << 63n) | 0x400a7ffe7fff8000n),
      err('UNSUPPORTED_OPCODE_EXTENSION'),
    );
    assert.throws(() => decodeInstruction(4n << 63n), err('INVALID_INSTRUCTION'));
  });
});

describe('bad bytecode', () => {
  it('an invalid instruction word fails with its pc', () => {
    const bad = 0x208b7fff7fff7ffen | (3n << 60n);
    assert.throws(
      () => runFunction(prog([bad])),
      (e: unknown) => e instanceof VmError && e.code === 'INVALID_INSTRUCTION' && e.pc === '0:0',
    );
  });

  it('a jump outside the code is JUMP_OUT_OF_PROGRAM', () => {
    assert.throws(() => runFunction(loadCasmProgram('jmp rel 100;')), err('JUMP_OUT_OF_PROGRAM'));
    assert.throws(() => runFunction(loadCasmProgram('jmp rel -5;')), err('JUMP_OUT_OF_PROGRAM'));
  });

  it('writing into the program segment is WRITE_TO_READ_ONLY', () => {
    // call rel 0 style: get pc into [ap - 1], then write past the program through it.
    const p = loadCasmProgram(`
call rel 3;
ret;
[ap + 0] = [ap + -1] + 10, ap++;
[ap + 0] = 5, ap++;
[ap + -1] = [[ap + -2] + 0];
ret;
`);
    assert.throws(() => runFunction(p), err('WRITE_TO_READ_ONLY'));
  });

  it('overwriting a cell with another value is INCONSISTENT_MEMORY, with a traceback', () => {
    const p = loadCasmProgram(`
call rel 3;
ret;
[ap + 0] = 1, ap++;
[ap + -1] = 2;
ret;
`);
    assert.throws(
      () => runFunction(p),
      (e: unknown) =>
        e instanceof VmError && e.code === 'ASSERT_EQ_FAILED' && e.pc === '0:5' && e.traceback[0] === '0:2',
    );
    const q = loadCasmProgram('[fp + -3] = 7;\nret;');
    assert.throws(() => runFunction(q, { args: [6n] }), err('ASSERT_EQ_FAILED'));
    const r = new CairoRunner(q);
    r.vm.memory.write({ segment: 1, offset: 0 }, 1n);
    assert.throws(() => r.vm.memory.write({ segment: 1, offset: 0 }, 2n), err('INCONSISTENT_MEMORY'));
  });

  it('unknown hints in a class are rejected at load time; external hints when run', () => {
    const cls = { bytecode: ['0x208b7fff7fff7ffe'], hints: [[0, [{ Foo: {} }]]], entry_points_by_type: {} };
    assert.throws(() => loadCompiledClass(cls), err('UNKNOWN_HINT'));
    const ext = loadCasmProgram({
      bytecode: ['0x208b7fff7fff7ffe'],
      hints: [[0, [{ AddTrace: { flag: { Immediate: '0x1' } } }]]],
    });
    assert.throws(() => runFunction(ext), err('EXTERNAL_HINT'));
  });

  it('each bad-bytecode error names the failing pc and the return pc of the calling frame', () => {
    // main: call rel 3 (pc 0), ret (pc 2); the callee f starts at pc 3 and holds the bad code.
    const head = loadCasmProgram('call rel 3;\nret;').bytecode;
    const withCallee = (callee: readonly bigint[]) => prog([...head, ...callee]);
    const blake = (1n << 63n) | 0x400a7ffe7fff8000n;
    const cases: [string, Program, string][] = [
      ['INVALID_INSTRUCTION', withCallee([RET | (3n << 60n)]), '0:3'],
      ['UNSUPPORTED_OPCODE_EXTENSION', withCallee([blake]), '0:3'],
      ['JUMP_OUT_OF_PROGRAM', withCallee(loadCasmProgram('jmp rel 100;').bytecode), '0:103'],
      [
        'WRITE_TO_READ_ONLY',
        withCallee(loadCasmProgram('[ap + 0] = 5, ap++;\n[fp + -1] = [[fp + -1] + 9];\nret;').bytecode),
        '0:5',
      ],
    ];
    for (const [code, p, pc] of cases) {
      assert.throws(
        () => runFunction(p),
        (e: unknown) =>
          e instanceof VmError &&
          e.code === code &&
          e.pc === pc &&
          e.traceback[0] === '0:2' &&
          e.message.includes(`pc ${pc}`),
        code,
      );
    }
  });

  it('a write far beyond any segment is a typed error, not an allocation failure', () => {
    assert.throws(
      () => runFunction(loadCasmProgram('ap += 1000000000;\n[ap + 0] = 1, ap++;\nret;')),
      err('INVALID_ADDRESS'),
    );
  });

  it('a step limit gives OUT_OF_STEPS, reported to metrics as a failed run', () => {
    const runs: [number, boolean][] = [];
    const metrics = { run: (steps: number, _ms: number, failed: boolean) => runs.push([steps, failed]) };
    assert.throws(
      () => runFunction(loadCasmProgram('jmp rel 0;'), { maxSteps: 1000, metrics }),
      err('OUT_OF_STEPS'),
    );
    runFunction(loadCasmProgram('ret;'), { metrics });
    assert.deepEqual(runs, [
      [1000, true],
      [1, false],
    ]);
  });
});

describe('code in any segment', () => {
  it('call abs into bytecode loaded as data in another segment', () => {
    // The callee (in a data segment) doubles its argument; the caller jumps there with call abs.
    const callee = loadCasmProgram('[ap + 0] = [fp + -3] * 2, ap++;\nret;');
    const caller = loadCasmProgram(`
[ap + 0] = 21, ap++;
call abs [fp + -3];
ret;
`);
    const r = new CairoRunner(caller);
    r.loadProgram();
    const data = r.vm.memory.addSegment();
    r.vm.memory.load({ segment: data.index, offset: 0 }, callee.bytecode);
    r.start({ segment: 0, offset: 0 }, [{ segment: data.index, offset: 0 }]);
    r.run();
    assert.deepEqual(r.returnValues(1), [42n]);
  });
});

describe('execution resources', () => {
  it('memory holes are written-but-unaccessed and skipped cells below the segment size', () => {
    // exec: [ret_fp, end_pc] at 0, 1; fp = ap = 2. Writes [2], skips 3 and 4, writes [5].
    const r = runFunction(loadCasmProgram('[ap + 0] = 1, ap++;\nap += 2;\n[ap + 0] = 5, ap++;\nret;'));
    const res = r.resources();
    assert.equal(res.n_steps, 4);
    assert.equal(res.n_memory_holes, 2);
    assert.deepEqual(res.builtin_instance_counter, {});
  });

  it('builtin instances are counted per started instance; builtin segments are not holes', () => {
    const p = loadCasmProgram(`
[ap + 0] = 3, ap++;
[ap + -1] = [[fp + -3] + 0];
[ap + 0] = 4, ap++;
[ap + -1] = [[fp + -3] + 1];
[ap + 0] = [[fp + -3] + 2], ap++;
[ap + 0] = [fp + -3] + 3, ap++;
ret;
`);
    const r = runFunction(p, { builtins: ['pedersen'] });
    assert.deepEqual(r.resources().builtin_instance_counter, { pedersen: 1 });
    assert.equal(r.resources().n_memory_holes, 0);
  });
});
