// JSON-RPC 2.0 semantics over loopback HTTP: envelope errors with reasons, params decoding, batches, limits.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, post, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { header, storage } from '../helpers/vector-chain.ts';

let s: TestServer;
before(async () => {
  s = await startTestServer({ limits: { maxBatchSize: 20, maxBodyBytes: 64 * 1024 } });
});
after(() => s.close());

const [contract, slots] = [...storage.entries()][0]!;
const [key, value] = [...slots.entries()][0]!;
const hex = (v: bigint) => `0x${v.toString(16)}`;

// biome-ignore lint/suspicious/noExplicitAny: responses are checked field by field
function assertError(r: any, code: number, id: unknown = null) {
  assert.equal(r.jsonrpc, '2.0');
  assert.deepEqual(r.id, id);
  assert.equal(r.result, undefined);
  assert.equal(r.error.code, code, JSON.stringify(r.error));
  if (code < -32000) assert.equal(typeof r.error.data.reason, 'string', 'standard errors carry a reason');
}

describe('envelope errors', () => {
  test('-32700 parse error for malformed JSON, with id null', async () => {
    for (const body of ['{', '{"jsonrpc":"2.0",', 'nul', '\u0000', '[1,]', '']) {
      const { status, json } = await post(s.url, body);
      assert.equal(status, 200);
      assertError(json, -32700);
    }
  });

  test('-32600 invalid request: non-objects, wrong version, bad method or params, invalid ids', async () => {
    for (const body of ['1', '"x"', 'null', 'true', '[]'])
      assertError((await post(s.url, body)).json, -32600);
    const cases: [unknown, unknown][] = [
      [{ jsonrpc: '1.0', id: 7, method: 'starknet_chainId' }, 7],
      [{ id: 7, method: 'starknet_chainId' }, 7],
      [{ jsonrpc: '2.0', id: 'a', method: 5 }, 'a'],
      [{ jsonrpc: '2.0', id: 'a' }, 'a'],
      [{ jsonrpc: '2.0', id: 1, method: 'starknet_chainId', params: 5 }, 1],
      [{ jsonrpc: '2.0', id: 1, method: 'starknet_chainId', params: 'x' }, 1],
      [{ jsonrpc: '2.0', id: 1, method: 'starknet_chainId', params: null }, 1],
      [{ jsonrpc: '2.0', id: {}, method: 'starknet_chainId' }, null],
      [{ jsonrpc: '2.0', id: [1], method: 'starknet_chainId' }, null],
      [{ jsonrpc: '2.0', id: true, method: 'starknet_chainId' }, null],
    ];
    for (const [req, id] of cases) assertError((await post(s.url, JSON.stringify(req))).json, -32600, id);
  });

  test('-32601 for unknown methods and for ws-only methods over HTTP', async () => {
    for (const m of [
      'starknet_nope',
      'eth_chainId',
      '',
      'starknet_unsubscribe',
      'starknet_subscriptionNewHeads',
    ]) {
      const r = await call(s.url, m, [], 3);
      assertError(r, -32601, 3);
    }
    const long = await call(s.url, 'x'.repeat(5000), []);
    assert.ok(long.error.data.reason.length < 200, 'client text is truncated in reasons');
  });

  test('ids round-trip: string, number, null, unicode', async () => {
    for (const id of ['abc', 0, -1, 1.5, 2 ** 53 + 2, null, '∑ü😀']) {
      const r = await call(s.url, 'starknet_blockNumber', [], id);
      assert.deepEqual(r, { jsonrpc: '2.0', id, result: header.block_number });
    }
  });
});

describe('params', () => {
  test('positional and named params decode to the same call', async () => {
    const named = await call(s.url, 'starknet_getStorageAt', {
      contract_address: hex(contract),
      key: hex(key),
      block_id: 'latest',
    });
    const positional = await call(s.url, 'starknet_getStorageAt', [hex(contract), hex(key), 'latest']);
    assert.equal(named.result, value);
    assert.equal(positional.result, value);
    const padded = await call(s.url, 'starknet_getStorageAt', [
      `0x${contract.toString(16).padStart(64, '0')}`,
      hex(key),
      { block_number: header.block_number },
    ]);
    assert.equal(padded.result, value, 'leading zeros are accepted in params');
  });

  test('-32602 with a reason: missing, extra, unknown, mistyped params', async () => {
    const bad: [string, unknown, RegExp][] = [
      ['starknet_getStorageAt', [hex(contract), hex(key)], /missing required param 'block_id'/],
      ['starknet_getStorageAt', { contract_address: hex(contract), key: hex(key) }, /block_id/],
      ['starknet_blockNumber', [1], /at most 0 params/],
      ['starknet_getStorageAt', [hex(contract), hex(key), 'latest', [], 5], /at most 4/],
      [
        'starknet_getNonce',
        { block_id: 'latest', contract_address: '0x1', extra: 1 },
        /unexpected param 'extra'/,
      ],
      ['starknet_getNonce', { block_id: 'pending', contract_address: '0x1' }, /block_id/],
      ['starknet_getNonce', { block_id: 'latest', contract_address: '0xZZ' }, /contract_address/],
      ['starknet_getNonce', { block_id: 'latest', contract_address: 12 }, /contract_address/],
      ['starknet_getNonce', { block_id: { block_number: -1 }, contract_address: '0x1' }, /block_id/],
      ['starknet_getTransactionByBlockIdAndIndex', ['latest', 'one'], /index/],
      ['starknet_getStorageAt', [hex(contract), hex(key), 'latest', ['NOPE']], /response_flags/],
      ['starknet_getEvents', [{ chunk_size: 'ten' }], /filter/],
      ['starknet_call', [{ contract_address: '0x1' }, 'latest'], /request/],
    ];
    for (const [method, params, reason] of bad) {
      const r = await call(s.url, method, params, 9);
      assertError(r, -32602, 9);
      assert.match(r.error.data.reason, reason, `${method} ${JSON.stringify(params)}`);
    }
  });

  test('null for an optional param means absent; for a required one it is invalid', async () => {
    const ok = await call(s.url, 'starknet_getStorageAt', [hex(contract), hex(key), 'latest', null]);
    assert.equal(ok.result, value);
    assertError(await call(s.url, 'starknet_getStorageAt', [hex(contract), null, 'latest']), -32602, 1);
  });
});

describe('batches', () => {
  test('mixed batch: results, errors and notifications, in order, notifications unanswered', async () => {
    const batch = [
      { jsonrpc: '2.0', id: 1, method: 'starknet_blockNumber' },
      { jsonrpc: '2.0', method: 'starknet_blockNumber' },
      { jsonrpc: '2.0', id: 2, method: 'starknet_nope' },
      { jsonrpc: '2.0', id: 3, method: 'starknet_getNonce', params: { block_id: 'latest' } },
      5,
      { jsonrpc: '2.0', id: 4, method: 'starknet_getTransactionReceipt', params: ['0x1'] },
      { jsonrpc: '2.0', method: 'starknet_nope' },
    ];
    const { status, json } = await post(s.url, JSON.stringify(batch));
    assert.equal(status, 200);
    // biome-ignore lint/suspicious/noExplicitAny: responses are checked field by field
    const out = json as any[];
    assert.equal(out.length, 5);
    assert.deepEqual(out[0], { jsonrpc: '2.0', id: 1, result: header.block_number });
    assertError(out[1], -32601, 2);
    assertError(out[2], -32602, 3);
    assertError(out[3], -32600, null);
    assert.equal(out[4].error.code, 29);
  });

  test('a batch of notifications only gets no body (204); a single notification too', async () => {
    const only = [
      { jsonrpc: '2.0', method: 'starknet_blockNumber' },
      { jsonrpc: '2.0', method: 'starknet_x' },
    ];
    assert.deepEqual(await post(s.url, JSON.stringify(only)), { status: 204, json: undefined });
    const single = { jsonrpc: '2.0', method: 'starknet_chainId' };
    assert.deepEqual(await post(s.url, JSON.stringify(single)), { status: 204, json: undefined });
  });

  test('batch size limit: one -32600 for the whole batch', async () => {
    const batch = Array.from({ length: 21 }, (_, i) => ({
      jsonrpc: '2.0',
      id: i,
      method: 'starknet_chainId',
    }));
    const { json } = await post(s.url, JSON.stringify(batch));
    assertError(json, -32600);
    assert.match(
      (json as { error: { data: { reason: string } } }).error.data.reason,
      /exceeds the limit of 20/,
    );
    const okBatch = batch.slice(0, 20);
    assert.equal(((await post(s.url, JSON.stringify(okBatch))).json as unknown[]).length, 20);
  });
});

describe('limits', () => {
  test('a body over the limit gets 413 and -32600; the server keeps serving', async () => {
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'starknet_chainId',
      params: ['x'.repeat(70_000)],
    });
    const { status, json } = await post(s.url, big);
    assert.equal(status, 413);
    assertError(json, -32600);
    assert.match((json as { error: { data: { reason: string } } }).error.data.reason, /exceeds the limit/);
    assert.equal((await call(s.url, 'starknet_blockNumber')).result, header.block_number);
  });

  test('a body just under the limit is parsed and answered', async () => {
    const params = ['x'.repeat(60_000)];
    const r = await call(s.url, 'starknet_chainId', params);
    assertError(r, -32602, 1);
  });
});
