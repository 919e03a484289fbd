// The metrics interface and the request-log hook see every call, HTTP request, connection and subscription.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallOutcome, RpcMetrics } from '../../src/index.ts';
import { call, post, startTestServer } from '../helpers/test-server.ts';
import { TestHub } from '../helpers/test-subscriptions.ts';
import { WsClient } from '../helpers/ws-client.ts';

test('metrics and request log', async () => {
  const calls: [string, string, CallOutcome][] = [];
  const http: [string, number][] = [];
  let connections = 0;
  let subscriptions = 0;
  const metrics: RpcMetrics = {
    callCompleted: (method, transport, outcome, seconds) => {
      assert.ok(seconds >= 0);
      calls.push([method, transport, outcome]);
    },
    httpRequest: (path, status) => http.push([path, status]),
    wsConnections: (d) => (connections += d),
    subscriptions: (d) => (subscriptions += d),
  };
  const s = await startTestServer({ metrics, subscriptions: new TestHub().source() });
  await call(s.url, 'starknet_blockNumber');
  await call(`${s.url}/rpc/v0_9`, 'starknet_getNonce', ['latest', '0x1']);
  await post(s.url, '{');
  await post(
    `${s.url}/rpc`,
    '[{"jsonrpc":"2.0","id":1,"method":"nope"},{"jsonrpc":"2.0","method":"starknet_chainId"}]',
  );
  await fetch(`${s.url}/health`);
  assert.deepEqual(calls, [
    ['starknet_blockNumber', 'http', { ok: true }],
    ['starknet_getNonce', 'http', { ok: false, code: 20 }],
    ['<invalid>', 'http', { ok: false, code: -32700 }],
    ['<invalid>', 'http', { ok: false, code: -32601 }],
    ['starknet_chainId', 'http', { ok: true }],
  ]);
  assert.deepEqual(http, [
    ['/', 200],
    ['/rpc/v0_9', 200],
    ['/', 200],
    ['/rpc', 200],
    ['/health', 200],
  ]);
  assert.deepEqual(
    s.log.map((e) => [e.path, e.method, e.error?.code]),
    [
      ['/', 'starknet_blockNumber', undefined],
      ['/rpc/v0_9', 'starknet_getNonce', 20],
      ['/', undefined, -32700],
      ['/rpc', undefined, -32601],
      ['/rpc', 'starknet_chainId', undefined],
    ],
  );
  const c = await WsClient.connect(`${s.url.replace('http', 'ws')}/ws`);
  await c.request('starknet_subscribeNewHeads');
  await c.request('starknet_subscribeEvents', {});
  assert.equal(connections, 1);
  assert.equal(subscriptions, 2);
  await c.close();
  for (let i = 0; i < 50 && connections > 0; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(connections, 0);
  assert.equal(subscriptions, 0);
  await s.close();
});

test('a throwing metrics implementation or log hook does not affect answers', async () => {
  const boom = () => {
    throw new Error('observer bug');
  };
  const metrics: RpcMetrics = {
    callCompleted: boom,
    httpRequest() {},
    wsConnections() {},
    subscriptions() {},
  };
  const s = await startTestServer({ metrics, onRequest: boom, subscriptions: new TestHub().source() });
  assert.equal(typeof (await call(s.url, 'starknet_blockNumber')).result, 'number');
  const c = await WsClient.connect(`${s.url.replace('http', 'ws')}/ws`);
  assert.equal(typeof (await c.request('starknet_blockNumber')).result, 'number');
  await c.request('starknet_subscribeNewHeads');
  await c.close();
  await new Promise((r) => setTimeout(r, 50)); // close handlers ran without crashing the process
  await s.close();
});
