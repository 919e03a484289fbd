import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addressFromHash,
  decodeShortString,
  encodeShortString,
  FeltError,
  fromBytes,
  fromSigned,
  joinU256,
  P,
  splitU256,
  toBytes32,
  toFelt,
  toHex,
  toHex64,
  toPatriciaKey,
  toSigned,
} from '@starling/felt';
import { cairo, encode, shortString, uint256 } from 'starknet';

const isCode = (code: string) => (e: unknown) => e instanceof FeltError && e.code === code;

describe('felt encodings', () => {
  it('reads hex, decimal, numbers and bigints strictly', () => {
    assert.equal(toFelt('0x1F'), 31n);
    assert.equal(toFelt('31'), 31n);
    assert.equal(toFelt(31), 31n);
    assert.equal(toFelt(P - 1n), P - 1n);
    for (const bad of ['', '0x', '0xg1', '1.5', ' 1', 'abc', '1e3', '0x-1']) {
      assert.throws(() => toFelt(bad), isCode('INVALID_FELT_INPUT'), bad);
    }
    assert.throws(() => toFelt(-1n), isCode('NEGATIVE_VALUE'));
    assert.throws(() => toFelt('-5'), isCode('NEGATIVE_VALUE'));
    assert.throws(() => toFelt(P), isCode('FELT_OUT_OF_RANGE'));
    assert.throws(() => toFelt(2 ** 60), isCode('INVALID_FELT_INPUT'));
    assert.throws(() => toFelt(null as unknown as string), isCode('INVALID_FELT_INPUT'));
  });

  it('hex output matches starknet.js', () => {
    for (const v of [0n, 1n, 255n, P - 1n, 1n << 200n]) {
      assert.equal(toHex(v), encode.addHexPrefix(v.toString(16)));
      assert.equal(toHex64(v), encode.addHexPrefix(encode.padLeft(v.toString(16), 64)));
    }
  });

  it('bytes round-trip and are bounded', () => {
    const v = P - 12345n;
    assert.equal(fromBytes(toBytes32(v)), v);
    assert.throws(() => fromBytes(new Uint8Array(33)), isCode('INVALID_LENGTH'));
    assert.throws(() => fromBytes(toBytes32(P)), isCode('FELT_OUT_OF_RANGE'));
    assert.equal(fromBytes(toBytes32(P), false), P);
  });

  it('short strings agree with starknet.js', () => {
    for (const s of ['', 'SN_MAIN', 'SN_SEPOLIA', 'CONTRACT_CLASS_LEAF_V0', 'a'.repeat(31)]) {
      const f = encodeShortString(s);
      assert.equal(f, s === '' ? 0n : BigInt(shortString.encodeShortString(s)));
      assert.equal(decodeShortString(f), s);
    }
    assert.equal(encodeShortString('SN_MAIN'), 0x534e5f4d41494en);
    assert.throws(() => encodeShortString('a'.repeat(32)), isCode('INVALID_SHORT_STRING'));
    assert.throws(() => encodeShortString('é'), isCode('INVALID_SHORT_STRING'));
    assert.throws(() => decodeShortString(0xffn), isCode('INVALID_SHORT_STRING'));
  });

  it('u256 halves agree with starknet.js', () => {
    for (const v of [0n, 1n, (1n << 128n) - 1n, 1n << 128n, (1n << 256n) - 1n]) {
      const { low, high } = splitU256(v);
      const theirs = uint256.bnToUint256(v);
      assert.equal(low, BigInt(theirs.low));
      assert.equal(high, BigInt(theirs.high));
      assert.equal(joinU256(low, high), v);
      assert.equal(BigInt(cairo.uint256(v).low), low);
    }
    assert.throws(() => splitU256(1n << 256n), isCode('FELT_OUT_OF_RANGE'));
    assert.throws(() => joinU256(1n << 128n, 0n), isCode('FELT_OUT_OF_RANGE'));
  });

  it('signed felts', () => {
    assert.equal(toSigned(P - 1n), -1n);
    assert.equal(fromSigned(-1n), P - 1n);
    assert.equal(toSigned(fromSigned(-(P >> 1n))), -(P >> 1n));
    assert.throws(() => fromSigned(P), isCode('FELT_OUT_OF_RANGE'));
  });

  it('addresses and storage keys', () => {
    const bound = (1n << 251n) - 256n;
    assert.equal(addressFromHash(bound + 5n), 5n);
    assert.equal(toPatriciaKey((1n << 251n) - 1n), (1n << 251n) - 1n);
    assert.throws(() => toPatriciaKey(1n << 251n), isCode('FELT_OUT_OF_RANGE'));
  });
});
