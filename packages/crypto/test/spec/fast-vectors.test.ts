import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as scure from '@scure/starknet';
import { P } from '@starling/felt';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';
import { recoverY } from '../../src/curve.js';
import { getPublicKeyPoint } from '../../src/ecdsa.js';
import { createWasmCrypto, PEDERSEN_POINTS } from '../../src/fast/index.js';

const crypto = join(vectorsDir, 'crypto');
// Big decimal numbers are quoted before parsing so they keep every digit.
const readJson = (path: string) =>
  JSON.parse(readFileSync(join(crypto, path), 'utf8').replace(/([:[,]\s*)(\d{16,})/g, '$1"$2"'));
const wasm = createWasmCrypto();

describe('wasm backend on the official crypto vectors', () => {
  it('Pedersen points equal CONSTANT_POINTS 0, 2, 250, 254, 502 of pedersen_params.json', () => {
    // starkex lists one point per input bit: 248 for the low part, then 4 for the high part, per input.
    const pts = readJson('starkex/pedersen_params.json').CONSTANT_POINTS as [string, string][];
    const want = [0, 2, 250, 254, 502].map((i) => ({ x: BigInt(pts[i]![0]), y: BigInt(pts[i]![1]) }));
    assert.deepEqual(PEDERSEN_POINTS, want);
  });

  it('Pedersen hash_test vectors and the 1304-element chain of issue2.json', () => {
    const { hash_test } = readJson('starkex/signature_test_data.json');
    for (const key of ['pedersen_hash_data_1', 'pedersen_hash_data_2']) {
      const v = hash_test[key];
      assert.equal(wasm.pedersen(BigInt(v.input_1), BigInt(v.input_2)), BigInt(v.output), key);
    }
    const data = (readJson('scure-starknet/issue2.json') as string[]).map(BigInt);
    let h = 0n;
    for (const v of data) h = wasm.pedersen(h, v);
    assert.equal(
      wasm.pedersen(h, BigInt(data.length)),
      0x22064462ea33a6ce5272a295e0f551c5da3834f80d8444e7a4df68190b1bc42n,
    );
  });

  it('Poseidon round constants are those of poseidon3.txt; Poseidon3([0,0,0]) from its README', () => {
    const text = readFileSync(join(crypto, 'poseidon/poseidon3.txt'), 'utf8');
    const keys = [...text.slice(text.indexOf('RoundKeys')).matchAll(/\d{10,}/g)].map((m) => BigInt(m[0]));
    assert.deepEqual(keys, scure.poseidonSmall.roundConstants.flat());
    assert.deepEqual(wasm.poseidonPermute([0n, 0n, 0n]), [
      3446325744004048536138401612021367625846492093718951375866996507163446763827n,
      1590252087433376791875644726012779423683501236913937337746052470473806035332n,
      867921192302518434283879514999422690776342565400001269945778456016268852423n,
    ]);
    assert.equal(wasm.poseidonArray([]), 0x2272be0f580fd156823304800919530eaa97430e972d7213ee13f4fbf7a5dbcn);
  });

  it('starkex signatures of signature_test_data.json verify, and fail on a changed hash', () => {
    const data = readJson('starkex/signature_test_data.json');
    const { message_hash } = data.meta_data.party_a_order;
    const order = data.settlement.party_a_order;
    const x = BigInt(order.public_key);
    const y = recoverY(x);
    const [r, s] = [BigInt(order.signature.r), BigInt(order.signature.s)];
    const verify = (h: bigint) =>
      wasm.ecdsaVerifyPoint(h, r, s, { x, y }) || wasm.ecdsaVerifyPoint(h, r, s, { x, y: P - y });
    assert.ok(verify(BigInt(message_hash)));
    assert.ok(!verify(BigInt(message_hash) + 1n));
  });

  it('RFC 6979 vector signatures verify', () => {
    const { private_key, messages } = readJson('starkex/rfc6979_signature_test_vector.json');
    const pt = getPublicKeyPoint(BigInt(private_key));
    for (const m of messages as { hash: string; r: string; s: string }[]) {
      assert.ok(wasm.ecdsaVerifyPoint(BigInt(m.hash), BigInt(m.r), BigInt(m.s), pt), m.hash);
    }
  });
});
