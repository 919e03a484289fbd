// The 100,000-input differential jobs: each checks `count` inputs of one kind (a share of the whole,
// seeded by `part`) on a FastCrypto instance against an oracle we did not write, and names the first
// mismatches. Run on two worker threads by diff-parallel.ts.

import { poseidonHash, poseidonHashMany, poseidonSmall } from '@scure/starknet';
import { P } from '@starling/felt';
import { type AffinePoint, CURVE_ORDER, GENERATOR } from '../../src/curve.js';
import type { FastCrypto } from '../../src/fast/index.js';
import {
  ecdsaVerifyWithKey,
  hasX,
  mulG,
  Point,
  pedersenPoint,
  signWithNonce,
  toAffineOrNull,
} from './diff-oracles.js';
import { randomBits, randomFelts } from './fast-random.js';

export type JobName = 'pedersen' | 'poseidon' | 'permute' | 'sponge' | 'ecdsa' | 'ec_op' | 'ec_add';

export interface JobResult {
  /** Inputs checked. */
  checked: number;
  /** The first few mismatches, described. */
  failures: string[];
}

class Tally implements JobResult {
  checked = 0;
  failures: string[] = [];
  check(ok: boolean, what: () => string): void {
    this.checked++;
    if (!ok && this.failures.length < 5) this.failures.push(what());
  }
}

const seed = (job: number, part: number) => 7919 * job + 104729 * part + 17;
const eqPoint = (a: AffinePoint | null, b: AffinePoint | null) =>
  a === b || (a !== null && b !== null && a.x === b.x && a.y === b.y);
const show = (p: AffinePoint | null) => (p ? `(${p.x}, ${p.y})` : 'infinity');

/** Runs `count` inputs of job `name`; part 0 starts with the edge values. */
export function runJob(fast: FastCrypto, name: JobName, part: number, count: number): JobResult {
  const t = new Tally();
  switch (name) {
    case 'pedersen': {
      // Batch kernel and single-hash kernel, each against the oracle.
      const a =
        part === 0
          ? randomFelts(count, seed(1, part))
          : randomBits(count, 252, seed(1, part)).map((x) => x % P);
      const b = randomFelts(count, seed(2, part)).reverse();
      const many = fast.pedersenMany(a, b);
      for (let i = 0; i < count; i++) {
        const pt = pedersenPoint(a[i]!, b[i]!);
        const single = fast.pedersen(a[i]!, b[i]!);
        t.check(hasX(pt, many[i]!) && single === many[i], () => `pedersen(${a[i]}, ${b[i]})`);
      }
      break;
    }
    case 'poseidon': {
      const a = randomFelts(count, seed(3, part));
      const b = randomFelts(count, seed(4, part)).reverse();
      const many = fast.poseidonMany(a, b);
      for (let i = 0; i < count; i++) {
        const want = poseidonHash(a[i]!, b[i]!);
        t.check(many[i] === want && fast.poseidon(a[i]!, b[i]!) === want, () => `poseidon(${a[i]}, ${b[i]})`);
      }
      break;
    }
    case 'permute': {
      const v = randomFelts(3 * count, seed(5, part));
      for (let i = 0; i < count; i++) {
        const s: [bigint, bigint, bigint] = [v[i]!, v[count + i]!, v[3 * count - 1 - i]!];
        const got = fast.poseidonPermute(s);
        const want = poseidonSmall([...s]);
        t.check(
          got.every((x, k) => x === want[k]),
          () => `permute(${s.join(', ')})`,
        );
      }
      break;
    }
    case 'sponge': {
      // Arrays of 0…15 felts until `count` felts have gone in.
      const v = randomFelts(count, seed(6, part));
      const lengths = randomBits(count, 4, seed(7, part)).map(Number);
      let used = 0;
      for (let j = 0; used < count; j++) {
        const xs = v.slice(used, used + lengths[j]!);
        used += Math.max(1, xs.length);
        t.check(fast.poseidonArray(xs) === poseidonHashMany(xs), () => `sponge([${xs.join(', ')}])`);
      }
      t.checked = Math.max(t.checked, used);
      break;
    }
    case 'ecdsa': {
      // Per signature: itself, then hash, r, s and key tampered. Key 0 recurs (its cached table);
      // 16 others rotate past the table slots. Checks count (hash, r, s, key) inputs.
      const keys = randomBits(17, 251, seed(8, part)).map((k) => (k % (CURVE_ORDER - 1n)) + 1n);
      const pubs = keys.map((d) => toAffineOrNull(mulG(d))!);
      const hashes = randomBits(count, 251, seed(9, part));
      const nonces = randomBits(count, 252, seed(10, part));
      for (let i = 0; t.checked < count; i++) {
        const j = i % 4 === 0 ? 0 : 1 + (i % 16);
        const h = hashes[i % count]!;
        const sig = signWithNonce(h, keys[j]!, (nonces[i % count]! % (CURVE_ORDER - 1n)) + 1n);
        if (!sig) continue;
        const { r, s } = sig;
        const other = (j + 5) % 17;
        const tries: [bigint, bigint, bigint, number][] = [
          [h, r, s, j],
          [h ^ 1n, r, s, j],
          [h, r + 1n, s, j],
          [h, r, s === 1n ? 2n : s - 1n, j],
          [h, r, s, other],
        ];
        for (const [hh, rr, ss, k] of tries) {
          const want = ecdsaVerifyWithKey(hh, rr, ss, keys[k]!);
          t.check(
            fast.ecdsaVerifyPoint(hh, rr, ss, pubs[k]!) === want,
            () => `verify(${hh}, ${rr}, ${ss}, key ${k})`,
          );
        }
        // The oracle itself: a signature made by the ECDSA equations verifies.
        if (!ecdsaVerifyWithKey(h, r, s, keys[j]!))
          t.failures.push(`oracle rejects its own signature of ${h}`);
      }
      break;
    }
    case 'ec_op': {
      // P + m·Q with P = j·G (or infinity), Q = k·G from pools (or G: its table), m random; the
      // oracle is (j + m·k)·G. Part 0 starts with edge scalars.
      const pool = randomBits(64, 251, seed(11, part)).map((k) => k % CURVE_ORDER);
      const points = pool.map((k) => toAffineOrNull(mulG(k)));
      const ms = randomBits(count, 252, seed(12, part));
      const wide = randomBits(count, 256, seed(13, part));
      if (part === 0)
        ms.splice(0, 8, 0n, 1n, 2n, CURVE_ORDER - 1n, CURVE_ORDER, CURVE_ORDER + 1n, MAX252, 1n << 251n);
      for (let i = 0; i < count; i++) {
        const m = i % 10 === 9 ? wide[i]! : ms[i]!;
        const pj = i % 16 === 15 ? -1 : (i * 7) % 64;
        const qk = i % 4 === 3 ? -1 : (i * 13 + 1) % 64;
        const p = pj < 0 ? null : points[pj]!;
        const q = qk < 0 ? GENERATOR : points[qk]!;
        const j = pj < 0 ? 0n : pool[pj]!;
        const k = qk < 0 ? 1n : pool[qk]!;
        const want = toAffineOrNull(mulG(j + (m % CURVE_ORDER) * k));
        const got = fast.ecMulAdd(p, m, q);
        t.check(eqPoint(got, want), () => `ec_op(${show(p)}, ${m}, ${show(q)}) = ${show(got)}`);
      }
      break;
    }
    case 'ec_add': {
      // Points W_i = w·G + i·H (a walk): W_i + W_(i+13), with P + P and P + (−P) every 50, and 2·W_i.
      // `count` additions and `count` doublings.
      const [w, h] = randomBits(2, 251, seed(14, part));
      let walk = mulG(w!);
      const step = mulG(h!);
      const pts: AffinePoint[] = [];
      for (let i = 0; i < count + 13; i++) {
        pts.push(toAffineOrNull(walk)!);
        walk = walk.add(step);
      }
      const n = (pt: AffinePoint) => Point.fromAffine(pt);
      let doubles = 0;
      for (let i = 0; i < count; i++) {
        const p = pts[i]!;
        const q = i % 50 === 0 ? p : i % 50 === 1 ? { x: p.x, y: P - p.y } : pts[i + 13]!;
        const sum = fast.ecAdd(p, q);
        t.check(eqPoint(sum, toAffineOrNull(n(p).add(n(q)))), () => `ec_add(${show(p)}, ${show(q)})`);
        if (!eqPoint(fast.ecDouble(p), toAffineOrNull(n(p).double())) && t.failures.length < 5)
          t.failures.push(`ec_double(${show(p)})`);
        doubles++;
      }
      if (doubles < count) t.failures.push(`${doubles} doublings`);
      break;
    }
  }
  return { checked: t.checked, failures: t.failures };
}

const MAX252 = (1n << 252n) - 1n;
