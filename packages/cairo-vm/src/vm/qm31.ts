import { vmError } from '../errors.js';

/** QM31 = CM31[u]/(u² − (2 + i)), CM31 = M31[i]/(i² + 1), M31 = 2^31 − 1 (Stwo's field). */
const M = 2n ** 31n - 1n;
const MASK36 = (1n << 36n) - 1n;

type Q = [bigint, bigint, bigint, bigint];

/** Unpacks four reduced M31 coordinates from 36-bit parts of a felt (below 2^144). */
export function qm31Unpack(felt: bigint): Q {
  if (felt >= 1n << 144n) throw vmError('INVALID_ARITHMETIC', 'QM31 operand does not fit in 144 bits');
  const c: Q = [felt & MASK36, (felt >> 36n) & MASK36, (felt >> 72n) & MASK36, (felt >> 108n) & MASK36];
  for (const x of c) if (x >= M) throw vmError('INVALID_ARITHMETIC', 'QM31 operand is not reduced');
  return c;
}

export function qm31Pack(q: Q): bigint {
  return q[0] | (q[1] << 36n) | (q[2] << 72n) | (q[3] << 108n);
}

const md = (x: bigint): bigint => ((x % M) + M) % M;

function cmul(a: bigint, b: bigint, c: bigint, d: bigint): [bigint, bigint] {
  return [md(a * c - b * d), md(a * d + b * c)];
}

export function qm31Add(x: Q, y: Q): Q {
  return [md(x[0] + y[0]), md(x[1] + y[1]), md(x[2] + y[2]), md(x[3] + y[3])];
}

export function qm31Sub(x: Q, y: Q): Q {
  return [md(x[0] - y[0]), md(x[1] - y[1]), md(x[2] - y[2]), md(x[3] - y[3])];
}

export function qm31Mul(x: Q, y: Q): Q {
  // (x0 + x1·u)(y0 + y1·u) = x0·y0 + R·x1·y1 + (x0·y1 + x1·y0)·u with R = 2 + i.
  const [a0, a1] = cmul(x[0], x[1], y[0], y[1]);
  const [b0, b1] = cmul(x[2], x[3], y[2], y[3]);
  const [rb0, rb1] = cmul(b0, b1, 2n, 1n);
  const [c0, c1] = cmul(x[0], x[1], y[2], y[3]);
  const [d0, d1] = cmul(x[2], x[3], y[0], y[1]);
  return [md(a0 + rb0), md(a1 + rb1), md(c0 + d0), md(c1 + d1)];
}

function m31Inv(a: bigint): bigint {
  let r = 1n;
  let b = md(a);
  let e = M - 2n;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % M;
    b = (b * b) % M;
    e >>= 1n;
  }
  return r;
}

export function qm31Inv(x: Q): Q {
  // 1 / (x0 + x1·u) = (x0 − x1·u) / (x0² − R·x1²); CM31 inverse via the norm a² + b².
  const [s0, s1] = cmul(x[0], x[1], x[0], x[1]);
  const [t0, t1] = cmul(x[2], x[3], x[2], x[3]);
  const [rt0, rt1] = cmul(t0, t1, 2n, 1n);
  const n0 = md(s0 - rt0);
  const n1 = md(s1 - rt1);
  const norm = md(n0 * n0 + n1 * n1);
  if (norm === 0n) throw vmError('INVALID_ARITHMETIC', 'QM31 division by zero');
  const ni = m31Inv(norm);
  const inv0 = md(n0 * ni);
  const inv1 = md(-n1 * ni);
  const [r0, r1] = cmul(x[0], x[1], inv0, inv1);
  const [r2, r3] = cmul(md(-x[2]), md(-x[3]), inv0, inv1);
  return [r0, r1, r2, r3];
}

export function qm31Div(x: Q, y: Q): Q {
  return qm31Mul(x, qm31Inv(y));
}
