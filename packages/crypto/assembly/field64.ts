// Field addition and subtraction on four u64 words (canonical inputs and outputs), branch-free: a
// quarter of the loads and carry steps of the 32-bit-limb kernels, for the batched Pedersen additions.

// p = 2^251 + 17·2^192 + 1: words 0 and 3 (1 and P3); words 1 and 2 are zero.
const P3: u64 = ((<u64>1) << 59) | 17;

/** r = a − b mod p. */
export function sub64(r: usize, a: usize, b: usize): void {
  const a0 = load<u64>(a, 0);
  const a1 = load<u64>(a, 8);
  const a2 = load<u64>(a, 16);
  const a3 = load<u64>(a, 24);
  const b0 = load<u64>(b, 0);
  const b1 = load<u64>(b, 8);
  const b2 = load<u64>(b, 16);
  const b3 = load<u64>(b, 24);
  const d0 = a0 - b0;
  const w0 = <u64>(a0 < b0);
  const t1 = a1 - b1;
  const d1 = t1 - w0;
  const w1 = <u64>(a1 < b1) | <u64>(t1 < w0);
  const t2 = a2 - b2;
  const d2 = t2 - w1;
  const w2 = <u64>(a2 < b2) | <u64>(t2 < w1);
  const t3 = a3 - b3;
  const d3 = t3 - w2;
  const w3 = <u64>(a3 < b3) | <u64>(t3 < w2);
  // A borrow out of word 3 means a < b: add p back.
  const mask = 0 - w3;
  const e0 = d0 + (mask & 1);
  const c0 = <u64>(e0 < d0);
  const e1 = d1 + c0;
  const c1 = <u64>(e1 < c0);
  const e2 = d2 + c1;
  const c2 = <u64>(e2 < c1);
  store<u64>(r, e0, 0);
  store<u64>(r, e1, 8);
  store<u64>(r, e2, 16);
  store<u64>(r, d3 + (mask & P3) + c2, 24);
}

/** r = a + b mod p. */
export function add64(r: usize, a: usize, b: usize): void {
  const a0 = load<u64>(a, 0);
  const a1 = load<u64>(a, 8);
  const a2 = load<u64>(a, 16);
  const a3 = load<u64>(a, 24);
  const s0 = a0 + load<u64>(b, 0);
  const c0 = <u64>(s0 < a0);
  const t1 = a1 + load<u64>(b, 8);
  const s1 = t1 + c0;
  const c1 = <u64>(t1 < a1) | <u64>(s1 < c0);
  const t2 = a2 + load<u64>(b, 16);
  const s2 = t2 + c1;
  const c2 = <u64>(t2 < a2) | <u64>(s2 < c1);
  const s3 = a3 + load<u64>(b, 24) + c2; // below 2^253: no carry out
  // s − p, kept unless it borrows (s < p).
  const w0 = <u64>(s0 === 0);
  const w1 = <u64>(s1 < w0);
  const w2 = <u64>(s2 < w1);
  const keep = s3 < P3 + w2;
  store<u64>(r, select<u64>(s0, s0 - 1, keep), 0);
  store<u64>(r, select<u64>(s1, s1 - w0, keep), 8);
  store<u64>(r, select<u64>(s2, s2 - w1, keep), 16);
  store<u64>(r, select<u64>(s3, s3 - P3 - w2, keep), 24);
}
