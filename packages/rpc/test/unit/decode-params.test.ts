import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RpcError } from '../../src/index.ts';
import { decodeParams } from '../../src/jsonrpc/decode-params.ts';
import type { MethodEntry } from '../../src/jsonrpc/method-entry.ts';

const entry: MethodEntry = {
  name: 'm',
  params: [
    { name: 'a', required: true, validate: (v) => (typeof v === 'string' ? null : 'a must be a string') },
    { name: 'b', required: false },
  ],
  handler: () => null,
};
const invalid = (reason: RegExp) => (e: unknown) =>
  e instanceof RpcError && e.code === 'INVALID_PARAMS' && reason.test(e.message);

test('positional and named params map to the same object; absent optionals are omitted', () => {
  assert.deepEqual(decodeParams(entry, ['x', 2]), { a: 'x', b: 2 });
  assert.deepEqual(decodeParams(entry, { b: 2, a: 'x' }), { a: 'x', b: 2 });
  assert.deepEqual(decodeParams(entry, ['x']), { a: 'x' });
  assert.deepEqual(decodeParams(entry, ['x', null]), { a: 'x' });
  assert.deepEqual(decodeParams({ ...entry, params: [] }, undefined), {});
});

test('typed errors for arity, unknown names, missing and invalid values', () => {
  assert.throws(() => decodeParams(entry, ['x', 1, 2]), invalid(/at most 2/));
  assert.throws(() => decodeParams(entry, { a: 'x', c: 1 }), invalid(/unexpected param 'c'/));
  assert.throws(
    () => decodeParams(entry, JSON.parse('{"a":"x","__proto__":{"polluted":1}}')),
    invalid(/__proto__/),
  );
  assert.throws(() => decodeParams(entry, []), invalid(/missing required param 'a'/));
  assert.throws(() => decodeParams(entry, [null]), invalid(/a must be a string/)); // null is a value for required params
  assert.throws(() => decodeParams(entry, [5]), invalid(/a must be a string/));
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
