// Field inversion by the binary extended Euclidean algorithm on 4 × 64-bit words: about three times
// faster than Fermat's a^(p−2) (378 squarings) for the one inversion that every affine result needs.
import { montMul } from './generated/mont';

// p = 2^251 + 17·2^192 + 1 as 64-bit words (1, 0, 0, P3).
const P3: u64 = ((<u64>0x08000000) << 32) | 0x11;
// R³ mod p: turns the integer inverse of a Montgomery value aR into the Montgomery form of a^−1.
const R3: usize = memory.data<u32>([
  0x406df18e, 0xcc7177d1, 0x77ffcc06, 0x75457066, 0x36300018, 0xf47d84f8, 0x873c0a6d, 0x038e5f79,
]);

/** r = a^−1 for Montgomery-form a (zero maps to zero); r may alias a. */
export function fieldInvBinary(r: usize, a: usize): void {
  fieldInvInteger(r, a);
  montMul(r, r, R3);
}

/** r = a^−1 mod p for a plain integer a < p (zero maps to zero): no Montgomery factors. */
export function fieldInvInteger(r: usize, a: usize): void {
  let u0 = load<u64>(a, 0);
  let u1 = load<u64>(a, 8);
  let u2 = load<u64>(a, 16);
  let u3 = load<u64>(a, 24);
  if ((u0 | u1 | u2 | u3) === 0) {
    store<u64>(r, 0, 0);
    store<u64>(r, 0, 8);
    store<u64>(r, 0, 16);
    store<u64>(r, 0, 24);
    return;
  }
  let v0: u64 = 1;
  let v1: u64 = 0;
  let v2: u64 = 0;
  let v3: u64 = P3;
  // x·a ≡ u and y·a ≡ v (mod p) throughout; x, y < p.
  let x0: u64 = 1;
  let x1: u64 = 0;
  let x2: u64 = 0;
  let x3: u64 = 0;
  let y0: u64 = 0;
  let y1: u64 = 0;
  let y2: u64 = 0;
  let y3: u64 = 0;
  let c: u64 = 0;
  let t: u64 = 0;
  while (true) {
    // Halve u (and x modulo p) while even.
    while ((u0 & 1) === 0) {
      u0 = (u0 >> 1) | (u1 << 63);
      u1 = (u1 >> 1) | (u2 << 63);
      u2 = (u2 >> 1) | (u3 << 63);
      u3 >>= 1;
      if (x0 & 1) {
        x0 += 1;
        c = u64(x0 === 0);
        x1 += c;
        c = u64(x1 < c);
        x2 += c;
        c = u64(x2 < c);
        x3 += P3 + c;
      }
      x0 = (x0 >> 1) | (x1 << 63);
      x1 = (x1 >> 1) | (x2 << 63);
      x2 = (x2 >> 1) | (x3 << 63);
      x3 >>= 1;
    }
    while ((v0 & 1) === 0) {
      v0 = (v0 >> 1) | (v1 << 63);
      v1 = (v1 >> 1) | (v2 << 63);
      v2 = (v2 >> 1) | (v3 << 63);
      v3 >>= 1;
      if (y0 & 1) {
        y0 += 1;
        c = u64(y0 === 0);
        y1 += c;
        c = u64(y1 < c);
        y2 += c;
        c = u64(y2 < c);
        y3 += P3 + c;
      }
      y0 = (y0 >> 1) | (y1 << 63);
      y1 = (y1 >> 1) | (y2 << 63);
      y2 = (y2 >> 1) | (y3 << 63);
      y3 >>= 1;
    }
    // gcd(a, p) = 1, so one of them reaches 1 before they could meet.
    if ((u0 === 1) & ((u1 | u2 | u3) === 0)) {
      store<u64>(r, x0, 0);
      store<u64>(r, x1, 8);
      store<u64>(r, x2, 16);
      store<u64>(r, x3, 24);
      break;
    }
    if ((v0 === 1) & ((v1 | v2 | v3) === 0)) {
      store<u64>(r, y0, 0);
      store<u64>(r, y1, 8);
      store<u64>(r, y2, 16);
      store<u64>(r, y3, 24);
      break;
    }
    // u ≥ v ?
    const uGe = u3 !== v3 ? u3 > v3 : u2 !== v2 ? u2 > v2 : u1 !== v1 ? u1 > v1 : u0 >= v0;
    if (uGe) {
      // u −= v; x −= y (mod p)
      t = u0 - v0;
      c = u64(u0 < v0);
      u0 = t;
      t = u1 - v1 - c;
      c = u64(u1 < v1) | u64(u1 === v1 && c !== 0);
      u1 = t;
      t = u2 - v2 - c;
      c = u64(u2 < v2) | u64(u2 === v2 && c !== 0);
      u2 = t;
      u3 = u3 - v3 - c;
      t = x0 - y0;
      c = u64(x0 < y0);
      x0 = t;
      t = x1 - y1 - c;
      c = u64(x1 < y1) | u64(x1 === y1 && c !== 0);
      x1 = t;
      t = x2 - y2 - c;
      c = u64(x2 < y2) | u64(x2 === y2 && c !== 0);
      x2 = t;
      t = x3 - y3 - c;
      c = u64(x3 < y3) | u64(x3 === y3 && c !== 0);
      x3 = t;
      if (c) {
        x0 += 1;
        c = u64(x0 === 0);
        x1 += c;
        c = u64(x1 < c);
        x2 += c;
        c = u64(x2 < c);
        x3 += P3 + c;
      }
    } else {
      t = v0 - u0;
      c = u64(v0 < u0);
      v0 = t;
      t = v1 - u1 - c;
      c = u64(v1 < u1) | u64(v1 === u1 && c !== 0);
      v1 = t;
      t = v2 - u2 - c;
      c = u64(v2 < u2) | u64(v2 === u2 && c !== 0);
      v2 = t;
      v3 = v3 - u3 - c;
      t = y0 - x0;
      c = u64(y0 < x0);
      y0 = t;
      t = y1 - x1 - c;
      c = u64(y1 < x1) | u64(y1 === x1 && c !== 0);
      y1 = t;
      t = y2 - x2 - c;
      c = u64(y2 < x2) | u64(y2 === x2 && c !== 0);
      y2 = t;
      t = y3 - x3 - c;
      c = u64(y3 < x3) | u64(y3 === x3 && c !== 0);
      y3 = t;
      if (c) {
        y0 += 1;
        c = u64(y0 === 0);
        y1 += c;
        c = u64(y1 < c);
        y2 += c;
        c = u64(y2 < c);
        y3 += P3 + c;
      }
    }
  }
}
