import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeInstruction, FLAG, ProverError } from '../../src/index.ts';
import { encode } from '../helpers/mini-cairo.ts';

// Well-known instruction words emitted by the Cairo compiler.
const KNOWN: [string, bigint][] = [
  ['[ap + 0] = imm, ap++', 0x480680017fff8000n],
  ['ret', 0x208b7fff7fff7ffen],
  ['call rel imm', 0x1104800180018000n],
  ['jmp rel imm', 0x10780017fff7fffn],
  ['jmp rel imm if [ap + -1] != 0', 0x20680017fff7fffn],
];

describe('Cairo instruction encoding', () => {
  it('the test encoder reproduces compiler-emitted words', () => {
    assert.equal(encode({ dst: ['ap', 0], op1: { imm: 5n }, ap: 'add1', opcode: 'assert' })[0], KNOWN[0]![1]);
    assert.equal(
      encode({ dst: ['fp', -2], op1: { reg: 'fp', off: -1 }, pc: 'abs', opcode: 'ret' })[0],
      KNOWN[1]![1],
    );
    assert.equal(
      encode({ dst: ['ap', 0], op0: ['ap', 1], op1: { imm: 3n }, pc: 'rel', opcode: 'call' })[0],
      KNOWN[2]![1],
    );
    assert.equal(encode({ op1: { imm: 0n }, pc: 'rel' })[0], KNOWN[3]![1]);
    assert.equal(encode({ dst: ['ap', -1], op1: { imm: 3n }, pc: 'jnz' })[0], KNOWN[4]![1]);
  });

  it('decodes flags and biased offsets', () => {
    const d = decodeInstruction(0x208b7fff7fff7ffen);
    assert.equal(d.offDst, 0x7ffe);
    assert.equal(d.offOp1, 0x7fff);
    assert.equal(d.flags[FLAG.OPCODE_RET], 1);
    assert.equal(d.flags[FLAG.PC_JUMP_ABS], 1);
    assert.equal(d.flags[FLAG.DST_REG], 1);
  });

  it('refuses instructions with an opcode extension', () => {
    // Opcode extension 1 (Blake2s) sits at bit 63.
    const blake = 0x480680017fff8000n | (1n << 63n);
    assert.throws(
      () => decodeInstruction(blake, 7),
      (e: unknown) => e instanceof ProverError && e.code === 'UNSUPPORTED_INSTRUCTION',
    );
    assert.throws(() => decodeInstruction(3n << 63n), ProverError);
  });
});
