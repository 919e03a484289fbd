import { normalizeBig, packRel, scratch, TAG_BIG, TAG_REL } from '../memory/value.js';
import { RET_INSTRUCTION } from '../options.js';
import type { Program } from './program.js';

/** A program's bytecode pre-encoded into cell arrays, plus caches shared by every run of it. */
export interface ProgramImage {
  readonly tags: Uint8Array;
  readonly vals: Float64Array;
  readonly bigs: (bigint | undefined)[];
  /** Decoded-instruction cache shared across runs (the program segment is read-only). */
  readonly decoded: unknown[];
  readonly hints: unknown[] | undefined;
  /**
   * Complete program-segment cells (bytecode, `ret`, builtin-cost pointer) keyed by the cost
   * segment's index: every run of the same entry point shares them, as nothing writes there.
   */
  readonly withExtra: Map<number, SharedCells>;
}

export interface SharedCells {
  readonly tags: Uint8Array;
  readonly vals: Float64Array;
  readonly bigs: (bigint | undefined)[];
  readonly accessed: Uint8Array;
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
  const image = { tags, vals, bigs, decoded: [], hints, withExtra: new Map<number, SharedCells>() };
  images.set(program, image);
  return image;
}

/** Program cells followed by `ret` and a pointer to the builtin-cost segment, all accessed. */
export function sharedProgramCells(img: ProgramImage, costSegment: number): SharedCells {
  const hit = img.withExtra.get(costSegment);
  if (hit !== undefined) return hit;
  const n = img.tags.length;
  const tags = new Uint8Array(n + 2);
  const vals = new Float64Array(n + 2);
  tags.set(img.tags);
  vals.set(img.vals);
  normalizeBig(RET_INSTRUCTION);
  tags[n] = scratch.tag;
  vals[n] = scratch.num;
  const bigs = img.bigs.slice();
  if (scratch.tag === TAG_BIG) bigs[n] = scratch.big;
  tags[n + 1] = TAG_REL;
  vals[n + 1] = packRel(costSegment, 0);
  const cells = { tags, vals, bigs, accessed: new Uint8Array(n + 2).fill(1) };
  img.withExtra.set(costSegment, cells);
  return cells;
}
