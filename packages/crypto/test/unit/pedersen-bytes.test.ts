import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pedersen as scurePedersen } from '@scure/starknet';
import {
  autoCrypto,
  CryptoError,
  getCryptoBackend,
  pedersenManyBytes,
  referenceCrypto,
  setCryptoBackend,
} from '@starling/crypto';
import { P } from '@starling/felt';

/** n felts as 32-byte big-endian words. */
function toBytes(xs: readonly bigint[]): Uint8Array {
  const out = new Uint8Array(32 * xs.length);
  xs.forEach((x, i) => {
    for (let j = 0; j < 32; j++) out[32 * i + 31 - j] = Number((x >> BigInt(8 * j)) & 0xffn);
  });
  return out;
}

function fromBytes(bytes: Uint8Array): bigint[] {
  const out: bigint[] = [];
  for (let i = 0; i < bytes.length; i += 32) {
    let x = 0n;
    for (let j = 0; j < 32; j++) x = (x << 8n) | BigInt(bytes[i + j]!);
    out.push(x);
  }
  return out;
}

let seed = 0x1234567n;
const random = () => {
  seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 256n);
  return seed % P;
};
const edges = [0n, 1n, 2n, P - 1n, P - 2n, (1n << 251n) - 1n, 1n << 251n, (1n << 192n) * 17n];

const isCode = (code: string) => (e: unknown) => e instanceof CryptoError && e.code === code;

describe('pedersenManyBytes', () => {
  const a = [...edges, ...Array.from({ length: 300 }, random)];
  const b = [...edges.slice().reverse(), ...Array.from({ length: 300 }, random)];
  const expected = a.map((x, i) => BigInt(scurePedersen(x, b[i]!)));

  for (const backend of [autoCrypto, referenceCrypto]) {
    it(`equals @scure/starknet's pedersen pair by pair (${backend === autoCrypto ? 'fast kernels' : 'through bigints'})`, () => {
      const saved = getCryptoBackend();
      setCryptoBackend(backend);
      try {
        // The reference backend is slow: a few pairs of each kind suffice there.
        const n = backend === autoCrypto ? a.length : 12;
        const out = new Uint8Array(32 * n);
        pedersenManyBytes(toBytes(a.slice(0, n)), toBytes(b.slice(0, n)), out);
        assert.deepEqual(fromBytes(out), expected.slice(0, n));
      } finally {
        setCryptoBackend(saved);
      }
    });
  }

  it('small batches (below the batched kernel) and an empty one', () => {
    for (const n of [0, 1, 3, 15, 16, 17]) {
      const out = new Uint8Array(32 * n);
      pedersenManyBytes(toBytes(a.slice(0, n)), toBytes(b.slice(0, n)), out);
      assert.deepEqual(fromBytes(out), expected.slice(0, n));
    }
  });

  it('rejects words that are not felts and inputs of the wrong size with typed errors', () => {
    const out = new Uint8Array(64);
    for (const bad of [P, P + 1n, (1n << 256n) - 1n, (P & ~((1n << 192n) - 1n)) + (1n << 64n)]) {
      assert.throws(
        () => pedersenManyBytes(toBytes([1n, bad]), toBytes([2n, 3n]), out),
        isCode('INVALID_HASH_INPUT'),
      );
      assert.throws(
        () => pedersenManyBytes(toBytes([1n, 2n]), toBytes([bad, 3n]), out),
        isCode('INVALID_HASH_INPUT'),
      );
    }
    assert.throws(
      () => pedersenManyBytes(new Uint8Array(31), new Uint8Array(31), out),
      isCode('INVALID_HASH_INPUT'),
    );
    assert.throws(
      () => pedersenManyBytes(toBytes([1n]), toBytes([1n, 2n]), out),
      isCode('INVALID_HASH_INPUT'),
    );
    assert.throws(
      () => pedersenManyBytes(toBytes([1n, 2n, 3n]), toBytes([1n, 2n, 3n]), out),
      isCode('INVALID_HASH_INPUT'),
    );
  });
});
