const MASK = (1n << 64n) - 1n;
const RC: bigint[] = [];
const ROT: number[] = [];
const PI: number[] = [];
{
  // Round constants and rotation offsets from the Keccak specification's LFSR / walk.
  let r = 1;
  for (let round = 0; round < 24; round++) {
    let c = 0n;
    for (let j = 0; j < 7; j++) {
      if (r & 1) c |= 1n << BigInt((1 << j) - 1);
      r = r & 0x80 ? ((r << 1) ^ 0x71) & 0xff : (r << 1) & 0xff;
    }
    RC.push(c);
  }
  let x = 1;
  let y = 0;
  for (let t = 0; t < 24; t++) {
    ROT.push((((t + 1) * (t + 2)) / 2) % 64);
    [x, y] = [y, (2 * x + 3 * y) % 5];
    PI.push(x + 5 * y);
  }
}

function rotl(v: bigint, n: number): bigint {
  if (n === 0) return v;
  const s = BigInt(n);
  return ((v << s) | (v >> (64n - s))) & MASK;
}

/** The Keccak-f[1600] permutation on 25 little-endian 64-bit lanes (in place). */
export function keccakF1600(a: bigint[]): void {
  const c = new Array<bigint>(5);
  for (let round = 0; round < 24; round++) {
    for (let x = 0; x < 5; x++) {
      c[x] =
        (a[x] as bigint) ^
        (a[x + 5] as bigint) ^
        (a[x + 10] as bigint) ^
        (a[x + 15] as bigint) ^
        (a[x + 20] as bigint);
    }
    for (let x = 0; x < 5; x++) {
      const d = (c[(x + 4) % 5] as bigint) ^ rotl(c[(x + 1) % 5] as bigint, 1);
      for (let y = 0; y < 25; y += 5) a[y + x] = (a[y + x] as bigint) ^ d;
    }
    let cur = a[1] as bigint;
    for (let t = 0; t < 24; t++) {
      const j = PI[t] as number;
      const tmp = a[j] as bigint;
      a[j] = rotl(cur, ROT[t] as number);
      cur = tmp;
    }
    for (let y = 0; y < 25; y += 5) {
      const row = [a[y], a[y + 1], a[y + 2], a[y + 3], a[y + 4]] as bigint[];
      for (let x = 0; x < 5; x++) {
        a[y + x] = (row[x] as bigint) ^ (~(row[(x + 1) % 5] as bigint) & MASK & (row[(x + 2) % 5] as bigint));
      }
    }
    a[0] = (a[0] as bigint) ^ (RC[round] as bigint);
  }
}
