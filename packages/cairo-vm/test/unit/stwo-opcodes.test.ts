// Stwo-only opcode semantics: the Blake2s compression against @noble/hashes, QM31 field laws.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blake2s } from '@noble/hashes/blake2s';
import { BLAKE2S_IV, blake2sCompress } from '../../src/vm/blake2s.ts';
import { qm31Add, qm31Div, qm31Inv, qm31Mul, qm31Pack, qm31Sub, qm31Unpack } from '../../src/vm/qm31.ts';

describe('Stwo opcodes', () => {
  it('one finalizing Blake2s compression equals blake2s-256 of a 64-byte message', () => {
    const msg = new Uint8Array(64).map((_, i) => (i * 7 + 3) & 0xff);
    const words = Array.from({ length: 16 }, (_, i) => new DataView(msg.buffer).getUint32(4 * i, true));
    const h0 = BLAKE2S_IV.map((w, i) => (i === 0 ? (w ^ 0x01010020) >>> 0 : w));
    const out = blake2sCompress(h0, words, 64, 0, 0xffffffff, 0);
    const bytes = new Uint8Array(32);
    out.forEach((w, i) => {
      new DataView(bytes.buffer).setUint32(4 * i, w, true);
    });
    assert.deepEqual(bytes, blake2s(msg));
  });

  it('QM31: packing round-trips; x·x⁻¹ = 1; (x + y)·z = x·z + y·z; u² = 2 + i', () => {
    const M = 2n ** 31n - 1n;
    const x = qm31Unpack(qm31Pack([M - 1n, 5n, 123456789n, 7n]));
    const y: [bigint, bigint, bigint, bigint] = [3n, M - 2n, 0n, 99n];
    const z: [bigint, bigint, bigint, bigint] = [11n, 13n, 17n, 19n];
    assert.deepEqual(qm31Mul(x, qm31Inv(x)), [1n, 0n, 0n, 0n]);
    assert.deepEqual(qm31Mul(qm31Add(x, y), z), qm31Add(qm31Mul(x, z), qm31Mul(y, z)));
    assert.deepEqual(qm31Sub(qm31Add(x, y), y), x);
    assert.deepEqual(qm31Mul(qm31Div(x, z), z), x);
    assert.deepEqual(qm31Mul([0n, 0n, 1n, 0n], [0n, 0n, 1n, 0n]), [2n, 1n, 0n, 0n]);
    assert.throws(() => qm31Unpack(M));
    assert.throws(() => qm31Unpack(1n << 144n));
  });
});
