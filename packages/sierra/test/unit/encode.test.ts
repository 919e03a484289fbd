import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeInstruction } from '../../src/casm/encode.ts';
import { type Instruction, instructionToString } from '../../src/casm/instruction.ts';
import { cell, deref, imm } from '../../src/casm/operand.ts';

const ins = (body: Instruction['body'], incAp = false): Instruction => ({ body, incAp, hints: [] });
const hex = (xs: bigint[]) => xs.map((x) => `0x${x.toString(16)}`);

// Words taken from the bytecode of the upstream-compiled minimal_contract class.
describe('CASM encoder', () => {
  const cases: [Instruction, string[], string][] = [
    [ins({ kind: 'ret' }), ['0x208b7fff7fff7ffe'], 'ret'],
    [ins({ kind: 'call', target: imm(34), relative: true }), ['0x1104800180018000', '0x22'], 'call rel 34'],
    [ins({ kind: 'jump', target: imm(33), relative: true }), ['0x10780017fff7fff', '0x21'], 'jmp rel 33'],
    [ins({ kind: 'add_ap', operand: imm(1) }), ['0x40780017fff7fff', '0x1'], 'ap += 1'],
    [
      ins(
        {
          kind: 'assert_eq',
          a: cell('ap', 0),
          b: { kind: 'binop', op: '+', a: cell('fp', -6), b: imm(1n << 128n) },
        },
        true,
      ),
      ['0x482680017ffa8000', '0x100000000000000000000000000000000'],
      '[ap + 0] = [fp + -6] + 340282366920938463463374607431768211456, ap++',
    ],
    [
      ins({
        kind: 'assert_eq',
        a: cell('ap', -1),
        b: { kind: 'double_deref', cell: cell('fp', -7), offset: 0 },
      }),
      ['0x400280007ff97fff'],
      '[ap + -1] = [[fp + -7] + 0]',
    ],
    [
      ins({ kind: 'jnz', jumpOffset: imm(4), condition: cell('ap', -1) }),
      ['0x20680017fff7fff', '0x4'],
      'jmp rel 4 if [ap + -1] != 0',
    ],
    [
      ins({ kind: 'assert_eq', a: cell('ap', 0), b: deref(cell('ap', -11)) }, true),
      ['0x48127ff57fff8000'],
      '[ap + 0] = [ap + -11], ap++',
    ],
    [
      ins({ kind: 'assert_eq', a: cell('ap', 0), b: deref(cell('fp', -5)) }, true),
      ['0x480a7ffb7fff8000'],
      '[ap + 0] = [fp + -5], ap++',
    ],
    [
      ins(
        {
          kind: 'assert_eq',
          a: cell('fp', -3),
          b: { kind: 'binop', op: '+', a: cell('ap', 0), b: deref(cell('fp', -4)) },
        },
        true,
      ),
      ['0x48297ffc80007ffd'],
      '[fp + -3] = [ap + 0] + [fp + -4], ap++',
    ],
  ];
  for (const [i, words, text] of cases) {
    it(text, () => {
      assert.deepEqual(hex(encodeInstruction(i)), words);
      assert.equal(instructionToString(i), text);
    });
  }
  it('encodes negative immediates modulo P and rejects out-of-range offsets', () => {
    const [, v] = encodeInstruction(ins({ kind: 'add_ap', operand: imm(-1) }));
    assert.equal(v, 0x800000000000011000000000000000000000000000000000000000000000000n);
    assert.throws(
      () => encodeInstruction(ins({ kind: 'assert_eq', a: cell('ap', 40000), b: imm(1) })),
      /i16/,
    );
  });
});
