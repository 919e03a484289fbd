import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  blake2sFelts,
  CURVE_ORDER,
  ecdsaSign,
  ecdsaVerify,
  GENERATOR,
  getPublicKey,
  isOnCurve,
  PEDERSEN_SHIFT_POINT,
  pedersen,
  pedersenArray,
  poseidon,
  poseidonArray,
  poseidonPermute,
  STARK_ALPHA,
  STARK_BETA,
} from '@starling/crypto';
import { P } from '@starling/felt';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';

const crypto = join(vectorsDir, 'crypto');
// Big decimal numbers are quoted before parsing so they keep every digit.
const readJson = (path: string) =>
  JSON.parse(readFileSync(join(crypto, path), 'utf8').replace(/([:[,]\s*)(\d{16,})/g, '$1"$2"'));

describe('STARK curve parameters (starkex pedersen_params.json)', () => {
  const params = readJson('starkex/pedersen_params.json');
  it('field, order and curve coefficients', () => {
    assert.equal(BigInt(params.FIELD_PRIME), P);
    assert.equal(BigInt(params.EC_ORDER), CURVE_ORDER);
    assert.equal(BigInt(params.ALPHA), STARK_ALPHA);
    assert.equal(BigInt(params.BETA), STARK_BETA);
  });
  it('the shift point and generator are the first constant points', () => {
    const [shift, gen] = params.CONSTANT_POINTS as [string, string][];
    assert.deepEqual({ x: BigInt(shift![0]), y: BigInt(shift![1]) }, PEDERSEN_SHIFT_POINT);
    assert.deepEqual({ x: BigInt(gen![0]), y: BigInt(gen![1]) }, GENERATOR);
    for (const [x, y] of (params.CONSTANT_POINTS as [string, string][]).slice(0, 10)) {
      assert.ok(isOnCurve({ x: BigInt(x), y: BigInt(y) }));
    }
  });
});

describe('Pedersen', () => {
  it('hash_test vectors of signature_test_data.json', () => {
    const { hash_test } = readJson('starkex/signature_test_data.json');
    for (const key of ['pedersen_hash_data_1', 'pedersen_hash_data_2']) {
      const v = hash_test[key];
      assert.equal(pedersen(BigInt(v.input_1), BigInt(v.input_2)), BigInt(v.output), key);
    }
  });
  it('hash on a 1304-element array (scure-starknet issue2.json) and the small cases', () => {
    const data = (readJson('scure-starknet/issue2.json') as string[]).map(BigInt);
    assert.equal(pedersenArray(data), 0x22064462ea33a6ce5272a295e0f551c5da3834f80d8444e7a4df68190b1bc42n);
    assert.equal(pedersenArray([]), 0x49ee3eba8c1600700ee1b87eb599f16716b0b1022947733551fde4050ca6804n);
    assert.equal(pedersenArray([1n]), 0x78d74f61aeaa8286418fd34b3a12a610445eba11d00ecc82ecac2542d55f7a4n);
  });
  it('crypto-cpp and juno vectors', () => {
    assert.equal(
      pedersen(
        0x03d937c035c878245caf64531a5756109c53068da139362728feb561405371cbn,
        0x0208a0a10250e382e1e4bbe2880906c2791bf6275695e02fbbc6aeff9cd8b31an,
      ),
      0x030e480bed5fe53fa909cc0f8c4d99b8f9f2c016be4c41e13a4848797979c662n,
    );
    assert.equal(
      pedersen(
        0x58f580910a6ca59b28927c08fe6c43e2e303ca384badc365795fc645d479d45n,
        0x78734f65a067be9bdb39de18434d71e79f7b6466a4b66bbd979ab9e7515fe0bn,
      ),
      0x68cc0b76cddd1dd4ed2301ada9b7c872b23875d5ff837b3a87993e0d9996b87n,
    );
  });
});

describe('Poseidon', () => {
  it('Poseidon3([0,0,0]) from the official parameter README', () => {
    assert.deepEqual(poseidonPermute([0n, 0n, 0n]), [
      3446325744004048536138401612021367625846492093718951375866996507163446763827n,
      1590252087433376791875644726012779423683501236913937337746052470473806035332n,
      867921192302518434283879514999422690776342565400001269945778456016268852423n,
    ]);
  });
  it('two-input and array forms (pathfinder vectors)', () => {
    assert.equal(
      poseidon(
        0x23a77118133287637ebdcd9e87a1613e443df789558867f5ba91faf7a024204n,
        0x259f432e6f4590b9a164106cf6a659eb4862b21fb97d43588561712e8e5216an,
      ),
      0x4be9af45b942b4b0c9f04a15e37b7f34f8109873ef7ef20e9eef8a38a3011e1n,
    );
    assert.equal(poseidonArray([]), 0x2272be0f580fd156823304800919530eaa97430e972d7213ee13f4fbf7a5dbcn);
    assert.notEqual(poseidon(1n, 2n), poseidonArray([1n, 2n]));
  });
});

describe('Blake2Felt252 (types-rs vectors)', () => {
  const cases: [bigint[], bigint][] = [
    [[0n], 0x5768af071a2f8df7c9df9dc4ca0e7a1c5908d5eff88af963c3264f412dbdf43n],
    [[1n, 2n], 0x5534c03a14b214436366f30e9c77b6e56c8835de7dc5aee36957d4384cce66dn],
    [[], 874258848688468311465623299960361657518391155660316941922502367727700287818n],
    [[(1n << 63n) - 1n], 94160078030592802631039216199460125121854007413180444742120780261703604445n],
    [[1n << 63n], 318549634615606806810268830802792194529205864650702991817600345489579978482n],
    [[P - 1n], 3505594194634492896230805823524239179921427575619914728883524629460058657521n],
    [[42n, 1n << 63n, 1337n], 1127477916086913892828040583976438888091205536601278656613505514972451246501n],
    [[(1n << 64n) - 1n], 3515074221976790747383295076946184515593027667350620348239642126105984996390n],
  ];
  for (const [input, expected] of cases) {
    it(`[${input.map((x) => `0x${x.toString(16)}`).join(', ')}]`, () =>
      assert.equal(blake2sFelts(input), expected));
  }
});

describe('ECDSA (starkex vectors)', () => {
  it('public keys of keys_precomputed.json', () => {
    const keys = readJson('starkex/keys_precomputed.json') as Record<string, string>;
    for (const [priv, pub] of Object.entries(keys))
      assert.equal(getPublicKey(BigInt(priv)), BigInt(pub), priv);
  });
  it('RFC 6979 deterministic signatures', () => {
    const { private_key, messages } = readJson('starkex/rfc6979_signature_test_vector.json');
    const key = BigInt(private_key);
    for (const m of messages as { hash: string; r: string; s: string }[]) {
      const sig = ecdsaSign(BigInt(m.hash), key);
      assert.equal(sig.r, BigInt(m.r), m.hash);
      assert.equal(sig.s, BigInt(m.s), m.hash);
      assert.ok(ecdsaVerify(BigInt(m.hash), sig.r, sig.s, getPublicKey(key)));
    }
  });
  it('signature_test_data.json: signing and verifying the message hash', () => {
    const data = readJson('starkex/signature_test_data.json');
    const { message_hash, private_key } = data.meta_data.party_a_order;
    const sig = ecdsaSign(BigInt(message_hash), BigInt(private_key));
    const order = data.settlement.party_a_order;
    assert.equal(sig.r, BigInt(order.signature.r));
    assert.equal(sig.s, BigInt(order.signature.s));
    assert.ok(ecdsaVerify(BigInt(message_hash), sig.r, sig.s, BigInt(order.public_key)));
    assert.ok(!ecdsaVerify(BigInt(message_hash) + 1n, sig.r, sig.s, BigInt(order.public_key)));
  });
});
