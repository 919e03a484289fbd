import { compileError } from '../errors.js';
import type { Program } from '../program/types.js';

/** Statement indices where functions start, checking that no jump leaves its function. */
function functionSegments(program: Program): number[] {
  const starts = program.funcs.map((f) => f.entryPoint).sort((a, b) => a - b);
  if (starts[0] !== 0) throw compileError('Expected a function start at index 0.');
  let entry = 0;
  let maxJump = 0;
  let next = 1;
  const finalize = (end: number) => {
    if (maxJump >= end) throw compileError('Jump outside of function boundaries.');
  };
  program.statements.forEach((st, idx) => {
    if (starts[next] === idx) {
      finalize(idx);
      entry = idx;
      maxJump = idx;
      next++;
    }
    if (st.kind !== 'invocation') return;
    for (const b of st.branches) {
      const t = b.target === null ? idx + 1 : b.target;
      if (t < entry) throw compileError('Jump outside of function boundaries.');
      if (t > maxJump) maxJump = t;
    }
  });
  finalize(program.statements.length);
  return starts;
}

/** `bytecode_segment_lengths`: one segment per function (and per const segment). */
export function bytecodeSegmentLengths(
  program: Program,
  statementOffsets: number[],
  constSegmentOffsets: number[],
  bytecodeLen: number,
): number[] | number {
  if (bytecodeLen === 0) return 0;
  const offsets = functionSegments(program).map((s) => statementOffsets[s]!);
  offsets.push(...constSegmentOffsets);
  const lengths: number[] = [];
  for (let i = 1; i < offsets.length; i++) {
    const size = offsets[i]! - offsets[i - 1]!;
    if (size > 0) lengths.push(size);
  }
  const last = bytecodeLen - offsets[offsets.length - 1]!;
  if (last > 0) lengths.push(last);
  return lengths;
}
