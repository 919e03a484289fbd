import { normalizeBig, scratch, TAG_BIG } from '../memory/value.js';
import type { Program } from './program.js';

/** A program's bytecode pre-encoded into cell arrays, plus caches shared by every run of it. */
export interface ProgramImage {
  readonly tags: Uint8Array;
  readonly vals: Float64Array;
  readonly bigs: (bigint | undefined)[];
  /** Decoded-instruction cache shared across runs (the program segment is read-only). */
  readonly decoded: unknown[];
  readonly hints: unknown[] | undefined;
}

const images = new WeakMap<Program, ProgramImage>();

/** Encodes a program once; later runs copy typed arrays instead of re-encoding every word. */
export function programImage(program: Program): ProgramImage {
  const hit = images.get(program);
  if (hit !== undefined) return hit;
  const n = program.bytecode.length;
  const tags = new Uint8Array(n);
  const vals = new Float64Array(n);
  const bigs: (bigint | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    normalizeBig(program.bytecode[i] as bigint);
    tags[i] = scratch.tag;
    vals[i] = scratch.num;
    if (scratch.tag === TAG_BIG) bigs[i] = scratch.big;
  }
  let hints: unknown[] | undefined;
  if (program.hints.size > 0) {
    hints = [];
    for (const [pc, hs] of program.hints) hints[pc] = hs;
  }
  const image = { tags, vals, bigs, decoded: [], hints };
  images.set(program, image);
  return image;
}
