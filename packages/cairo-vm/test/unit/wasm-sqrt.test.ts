// Square roots on felt.wasm: the smaller root must match @noble/curves' field sqrt, and
// non-residues (null) must agree with Euler's criterion.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Field } from '@noble/curves/abstract/modular';
import { P } from '@starling/felt';
import { wasmSqrt } from '../../src/hints/wasm-sqrt.ts';

const F = Field(P);

describe('wasmSqrt', () => {
  it('matches noble on squares and flags non-residues', () => {
    const xs = [1n, 2n, 3n, 4n, 9n, P - 1n, P - 4n, (1n << 251n) + 17n];
    for (let i = 1n; i <= 120n; i++) xs.push((i * 0x9e3779b97f4a7c15f39cc0605cedc834n ** 2n + i) % P);
    let squares = 0;
    let nonSquares = 0;
    for (const x of xs) {
      const r = wasmSqrt(x);
      assert.notEqual(r, undefined, 'felt.wasm is built in this repository');
      if (F.pow(x, (P - 1n) / 2n) !== 1n) {
        assert.equal(r, null, `non-residue ${x}`);
        nonSquares++;
        continue;
      }
      const n = F.sqrt(x);
      assert.equal(r, n < P - n ? n : P - n, `root of ${x}`);
      squares++;
    }
    assert.ok(squares > 20 && nonSquares > 20);
  });
});
