import { P } from '@starling/felt';
import { SierraError } from '../errors.js';

const MIN_PADDED_CODE_SIZE = 256;

function bad(why: string): SierraError {
  return new SierraError('SIERRA_DESERIALIZATION_ERROR', `invalid compressed sierra program: ${why}`);
}

function toSize(v: bigint | undefined): number {
  if (v === undefined) throw bad('truncated header');
  if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) throw bad('size out of range');
  return Number(v);
}

/** How many code words of `padded` values fit into one felt. */
export function wordsPerFelt(padded: number): number {
  let count = 0;
  let max = BigInt(padded);
  while (max < P) {
    max *= BigInt(padded);
    count++;
  }
  return count;
}

/** Inverts felt252_vec_compression's `compress`: code book + packed code words. */
export function decompress(packed: readonly bigint[]): bigint[] {
  const codeSize = toSize(packed[0]);
  if (!(codeSize < packed.length - 1)) throw bad('code book larger than input');
  const paddingSize = toSize(packed[1]);
  const code = packed.slice(2, 2 + codeSize);
  let remaining = toSize(packed[2 + codeSize]);
  const words = packed.slice(3 + codeSize);
  const padded = codeSize + paddingSize;
  if (padded < MIN_PADDED_CODE_SIZE || (padded & (padded - 1)) !== 0 || padded > 2 ** 30) {
    throw bad('code size is not a power of two >= 256');
  }
  const perFelt = wordsPerFelt(padded);
  if (remaining > words.length * perFelt) throw bad('declared length exceeds packed data');
  const bits = BigInt(Math.log2(padded));
  const mask = BigInt(padded - 1);
  const out: bigint[] = new Array(remaining);
  let k = 0;
  for (const w of words) {
    const cur = Math.min(perFelt, remaining);
    let v = w;
    for (let j = 0; j < cur; j++) {
      const idx = Number(v & mask);
      const value = code[idx];
      if (value === undefined) throw bad('code word out of the code book');
      out[k++] = value;
      v >>= bits;
    }
    remaining -= cur;
  }
  if (remaining !== 0) throw bad('missing packed words');
  return out;
}
