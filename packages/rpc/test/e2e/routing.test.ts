// Paths, spec versions per path, health routes, and every read method's result checked against the schemas.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { CHAIN_ID } from '../helpers/vector-api.ts';
import { events, header, receipts, stateUpdate, storage, transactions } from '../helpers/vector-chain.ts';

let s: TestServer;
let ready = true;
before(async () => {
  s = await startTestServer({ isReady: () => ready, metricsText: () => 'rpc_requests_total 1\n' });
});
after(() => s.close());

test('/, /rpc and /rpc/v0_10 speak 0.10.3; /rpc/v0_9 speaks 0.9.0; the API sees the version', async () => {
  const expected: Record<string, string> = {
    '/': '0.10.3',
    '/rpc': '0.10.3',
    '/rpc/v0_10': '0.10.3',
    '/rpc/v0_9': '0.9.0',
  };
  for (const [path, version] of Object.entries(expected)) {
    assert.equal((await call(s.url + path, 'starknet_specVersion')).result, version, path);
    s.calls.length = 0;
    assert.equal((await call(s.url + path, 'starknet_chainId')).result, CHAIN_ID);
    assert.deepEqual(
      s.calls.map((c) => [c.method, c.ctx.specVersion, c.ctx.transport]),
      [['chainId', version, 'http']],
    );
  }
});

test('params follow the spec of the path: response_flags exists in 0.10.3, not in 0.9.0', async () => {
  const [contract, slots] = [...storage.entries()][0]!;
  const [key, value] = [...slots.entries()][0]!;
  const params = [
    `0x${contract.toString(16)}`,
    `0x${key.toString(16)}`,
    'latest',
    ['INCLUDE_LAST_UPDATE_BLOCK'],
  ];
  const v10 = await call(`${s.url}/rpc/v0_10`, 'starknet_getStorageAt', params);
  assert.deepEqual(v10.result, { value, last_update_block: header.block_number });
  const v09 = await call(`${s.url}/rpc/v0_9`, 'starknet_getStorageAt', params);
  assert.equal(v09.error.code, -32602);
  // 0.9.0 already replaced `pending` by `pre_confirmed` (which this one-block chain does not have).
  assert.equal((await call(`${s.url}/rpc/v0_9`, 'starknet_getNonce', ['pending', '0x1'])).error.code, -32602);
  assert.equal(
    (await call(`${s.url}/rpc/v0_9`, 'starknet_getNonce', ['pre_confirmed', '0x1'])).error.code,
    24,
  );
});

test('CORS only when configured: preflight and allow-origin on answers', async () => {
  assert.equal((await fetch(`${s.url}/rpc`, { method: 'OPTIONS' })).status, 405);
  assert.equal((await fetch(`${s.url}/health`)).headers.get('access-control-allow-origin'), null);
  const cors = await startTestServer({ corsOrigin: '*' });
  const pre = await fetch(`${cors.url}/rpc`, { method: 'OPTIONS' });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
  const body = '{"jsonrpc":"2.0","id":1,"method":"starknet_chainId"}';
  const r = await fetch(`${cors.url}/rpc`, { method: 'POST', body });
  assert.equal(r.headers.get('access-control-allow-origin'), '*');
  await cors.close();
});

test('health routes, /metrics, unknown paths and methods', async () => {
  const get = (p: string, method = 'GET') => fetch(s.url + p, { method });
  const alive = await get('/is_alive');
  assert.equal(alive.status, 200);
  assert.equal(await alive.text(), 'Alive!!!');
  assert.deepEqual(await (await get('/health')).json(), { status: 'ok' });
  assert.equal((await get('/ready')).status, 200);
  ready = false;
  assert.equal((await get('/ready')).status, 503);
  ready = true;
  assert.equal(await (await get('/metrics')).text(), 'rpc_requests_total 1\n');
  assert.equal((await get('/nope')).status, 404);
  assert.equal((await get('/rpc/v0_8', 'POST')).status, 404);
  assert.equal((await get('/rpc', 'PUT')).status, 405);
  assert.equal((await get('/rpc', 'GET')).status, 404);
});

for (const path of ['/rpc/v0_10', '/rpc/v0_9']) {
  test(`every read method on ${path} answers from the vector data, validated against that version's schemas`, async () => {
    const tx = transactions[3]!;
    const r = (m: string, p: unknown) => call(`${s.url}${path}`, m, p);
    const ok = async (m: string, p: unknown) => {
      const res = await r(m, p);
      assert.equal(res.error, undefined, `${m}: ${JSON.stringify(res.error)}`);
      return res.result;
    };
    assert.equal(
      (await ok('starknet_getBlockWithTxHashes', ['latest'])).transactions.length,
      transactions.length,
    );
    assert.deepEqual(
      (await ok('starknet_getBlockWithTxs', [{ block_number: header.block_number }])).transactions[3],
      tx,
    );
    assert.equal(
      (await ok('starknet_getBlockWithReceipts', [{ block_hash: header.block_hash }])).transactions.length,
      transactions.length,
    );
    assert.deepEqual(await ok('starknet_getStateUpdate', ['latest']), stateUpdate);
    assert.deepEqual(await ok('starknet_getTransactionByHash', [tx.transaction_hash]), tx);
    assert.deepEqual(await ok('starknet_getTransactionByBlockIdAndIndex', ['latest', 3]), tx);
    assert.deepEqual(await ok('starknet_getTransactionReceipt', [tx.transaction_hash]), receipts[3]);
    assert.equal(
      (await ok('starknet_getTransactionStatus', [tx.transaction_hash])).finality_status,
      'ACCEPTED_ON_L1',
    );
    assert.equal(await ok('starknet_getBlockTransactionCount', ['latest']), transactions.length);
    assert.deepEqual(await ok('starknet_blockHashAndNumber', []), {
      block_hash: header.block_hash,
      block_number: header.block_number,
    });
    assert.equal(await ok('starknet_syncing', []), false);
    const page1 = await ok('starknet_getEvents', { filter: { chunk_size: 10 } });
    assert.deepEqual(page1.events, events.slice(0, 10));
    const page2 = await ok('starknet_getEvents', {
      filter: { chunk_size: 10, continuation_token: page1.continuation_token },
    });
    assert.deepEqual(page2.events, events.slice(10, 20));
    const deployed = stateUpdate.state_diff.deployed_contracts[0]!;
    assert.equal(await ok('starknet_getClassHashAt', ['latest', deployed.address]), deployed.class_hash);
    const nonce = stateUpdate.state_diff.nonces[0]!;
    assert.equal(await ok('starknet_getNonce', ['latest', nonce.contract_address]), nonce.nonce);
  });
}
