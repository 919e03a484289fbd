// Field inverses on felt.wasm, checked against @noble/curves' field inverse; zero is a typed error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Field } from '@noble/curves/abstract/modular';
import { FeltError, P } from '@starling/felt';
import { fastInv } from '../../src/vm/fast-inv.ts';

const F = Field(P);

describe('fastInv', () => {
  it('matches noble, including 1, 2 and P - 1', () => {
    const xs = [1n, 2n, 3n, P - 1n, P - 2n, (1n << 251n) + 17n];
    for (let i = 1n; i <= 100n; i++) xs.push((i * 0x9e3779b97f4a7c15f39cc0605cedc834n ** 2n + i) % P);
    for (const x of xs) assert.equal(fastInv(x), F.inv(x), `inverse of ${x}`);
  });

  it('rejects zero with DIVISION_BY_ZERO', () => {
    assert.throws(
      () => fastInv(0n),
      (e: unknown) => e instanceof FeltError && e.code === 'DIVISION_BY_ZERO',
    );
  });
});
