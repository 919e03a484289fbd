// Every spec error reaches the client with the code, message and data of the official spec files;
// foreign typed errors map through the one table; untyped failures never leak details.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FeltError, StarlingError } from '@starling/felt';
import { specsDir } from '../../../../scripts/shared-paths.ts';
import { SPEC_FILES } from '../../scripts/spec-bundle.ts';
import type { StarknetApi, StarknetErrorName } from '../../src/index.ts';
import { STARKNET_ERRORS, StarknetRpcError } from '../../src/index.ts';
import { call, post, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { vectorApi } from '../helpers/vector-api.ts';
import { transactions } from '../helpers/vector-chain.ts';

let s: TestServer;
let plain: TestServer;
let next: unknown;
let badResult: unknown;
before(async () => {
  const inner = vectorApi();
  // Every call throws `next` when set, or returns `badResult` when set, else goes to the vector API.
  const api = new Proxy(inner, {
    get: (target, prop) => {
      const fn = target[prop as keyof StarknetApi] as unknown as (...a: unknown[]) => unknown;
      return (...args: unknown[]) => {
        if (next !== undefined) throw next;
        if (badResult !== undefined) return badResult;
        return fn.apply(target, args);
      };
    },
  });
  s = await startTestServer({ api, errorCodeMap: { NONCE_TOO_OLD: 'INVALID_TRANSACTION_NONCE' } });
  plain = await startTestServer({ api, validateResults: false });
});
after(async () => {
  await s.close();
  await plain.close();
});

const officialErrors: Record<string, { code: number; message: string }> = {};
for (const file of SPEC_FILES) {
  const doc = JSON.parse(readFileSync(join(specsDir, '0.10.3', file), 'utf8'));
  Object.assign(officialErrors, doc.components?.errors ?? {});
}

// The vector's first transaction as a broadcasted INVOKE v3 (hash dropped).
const { transaction_hash: txHash, ...invoke } = transactions[0] as Record<string, unknown>;
const DATA: Partial<Record<StarknetErrorName, unknown>> = {
  NO_TRACE_AVAILABLE: { status: 'RECEIVED' },
  CONTRACT_ERROR: { revert_error: 'Execution failed: 0x4661696c' },
  TRANSACTION_EXECUTION_ERROR: { transaction_index: 0, execution_error: 'out of gas' },
  INVALID_TRANSACTION_NONCE: 'expected 0x5, got 0x4',
  VALIDATION_FAILURE: 'invalid signature',
  COMPILATION_FAILED: 'unknown libfunc',
  UNEXPECTED_ERROR: 'disk full',
  COMPILATION_ERROR: { compilation_error: 'unknown libfunc' },
};
const WS_ONLY = new Set(['INVALID_SUBSCRIPTION_ID', 'TOO_MANY_ADDRESSES_IN_FILTER', 'TOO_MANY_BLOCKS_BACK']);

function requestFor(name: StarknetErrorName): [string, unknown] {
  const code = STARKNET_ERRORS[name].code;
  if (code >= 51 && code <= 69) return ['starknet_addInvokeTransaction', [invoke]];
  if (name === 'NO_TRACE_AVAILABLE') return ['starknet_traceTransaction', [txHash]];
  if (name === 'COMPILATION_ERROR') return ['starknet_getCompiledCasm', ['0x1']];
  return ['starknet_getStorageAt', ['0x1', '0x2', 'latest']];
}

test('each spec error (HTTP-reachable) is answered with the spec code, message and data', async () => {
  let checked = 0;
  for (const name of Object.keys(STARKNET_ERRORS) as StarknetErrorName[]) {
    if (WS_ONLY.has(name)) continue;
    const data = DATA[name];
    const Ctor = StarknetRpcError as unknown as new (n: string, d?: unknown) => Error;
    next = data === undefined ? new Ctor(name) : new Ctor(name, data);
    const [method, params] = requestFor(name);
    const r = await call(s.url, method, params, name);
    next = undefined;
    const spec = officialErrors[name]!;
    const expected =
      data === undefined
        ? { code: spec.code, message: spec.message }
        : { code: spec.code, message: spec.message, data };
    assert.deepEqual(r, { jsonrpc: '2.0', id: name, error: expected }, name);
    checked++;
  }
  assert.equal(checked, Object.keys(officialErrors).length - WS_ONLY.size);
});

test('a foreign typed error maps through errorCodeMap; its message becomes string data', async () => {
  next = new StarlingError('NONCE_TOO_OLD', 'nonce 0x3 is below the account nonce 0x5');
  const r = await call(s.url, 'starknet_addInvokeTransaction', [invoke]);
  assert.deepEqual(r.error, {
    code: 52,
    message: 'Invalid transaction nonce',
    data: 'nonce 0x3 is below the account nonce 0x5',
  });
  next = new StarlingError('BLOCK_NOT_FOUND', 'no block 7');
  assert.deepEqual((await call(s.url, 'starknet_blockNumber')).error, {
    code: 24,
    message: 'Block not found',
  });
  next = undefined;
});

test('input errors from other components become -32602; untyped and unmapped errors -32603 without details', async () => {
  next = new FeltError('FELT_OUT_OF_RANGE', 'value is not below the field prime');
  const felt = await call(s.url, 'starknet_blockNumber');
  assert.deepEqual(felt.error, {
    code: -32602,
    message: 'Invalid params',
    data: { reason: 'value is not below the field prime' },
  });
  for (const err of [
    new Error('secret path /var/db'),
    new StarlingError('DB_CORRUPT', 'secret'),
    'str',
    null,
  ]) {
    next = err ?? 0;
    const r = await call(s.url, 'starknet_blockNumber');
    assert.deepEqual(r.error, { code: -32603, message: 'Internal error' });
  }
  next = undefined;
});

test('a result JSON cannot encode (bigint, cycle) is an internal error for that response only', async () => {
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  for (const bad of [1n, cyclic]) {
    badResult = bad;
    const { json } = await post(
      plain.url,
      '[{"jsonrpc":"2.0","id":1,"method":"starknet_blockNumber"},{"jsonrpc":"2.0","id":2,"method":"nope"}]',
    );
    badResult = undefined;
    assert.deepEqual(json, [
      { jsonrpc: '2.0', id: 1, error: { code: -32603, message: 'Internal error' } },
      {
        jsonrpc: '2.0',
        id: 2,
        error: { code: -32601, message: 'Method not found', data: { reason: "method 'nope' not found" } },
      },
    ]);
  }
});

test('with result validation on, a result that breaks its schema is an internal error with the reason', async () => {
  badResult = { not: 'a block number' };
  const r = await call(s.url, 'starknet_blockNumber');
  badResult = undefined;
  assert.equal(r.error.code, -32603);
  assert.match(r.error.data.reason, /result of starknet_blockNumber/);
  badResult = '0x01'; // leading zero: not a canonical FELT
  const felt = await call(s.url, 'starknet_getNonce', ['latest', '0x1']);
  badResult = undefined;
  assert.equal(felt.error.code, -32603);
});
