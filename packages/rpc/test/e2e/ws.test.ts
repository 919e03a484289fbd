// WebSocket API: subscribe / unsubscribe ids, notification framing per the 0.10.3 ws spec (each
// biome-ignore-all lint/suspicious/noExplicitAny: ws messages are checked field by field
// notification validated against the spec's notification schema), ordering, errors, cleanup.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { loadSpecBundle, SpecValidator } from '../../src/index.ts';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { TestHub } from '../helpers/test-subscriptions.ts';
import { events, header, receipts, transactions } from '../helpers/vector-chain.ts';
import { WsClient } from '../helpers/ws-client.ts';

const bundle = loadSpecBundle('0.10.3');
const validator = new SpecValidator(bundle);
const wsDoc = bundle.documents['starknet_ws_api.json']!;

/** Asserts the notification framing and validates `params` against the spec's notification method. */
function checkNotification(msg: any, method: string, subscriptionId: string) {
  assert.equal(msg.jsonrpc, '2.0');
  assert.equal('id' in msg, false, 'notifications carry no id');
  assert.equal(msg.method, method);
  assert.deepEqual(Object.keys(msg.params).sort(), ['result', 'subscription_id']);
  assert.equal(msg.params.subscription_id, subscriptionId);
  const i = wsDoc.methods.findIndex((m) => m.name === method);
  assert.ok(i >= 0, method);
  wsDoc.methods[i]!.params.forEach((p, j) => {
    const reason = validator.check(
      'starknet_ws_api.json',
      `/methods/${i}/params/${j}/schema`,
      msg.params[p.name],
      p.name,
    );
    assert.equal(reason, null, `${method}.${p.name}: ${reason}`);
  });
}

let s: TestServer;
let hub: TestHub;
let wsUrl: string;
before(async () => {
  hub = new TestHub();
  s = await startTestServer({ subscriptions: hub.source(), limits: { maxSubscriptionsPerConnection: 8 } });
  wsUrl = `${s.url.replace('http', 'ws')}/ws`;
});
after(() => s.close());

test('each subscription kind: id as a string, then notifications framed and valid per the spec', async () => {
  const c = await WsClient.connect(wsUrl);
  const heads = await c.request('starknet_subscribeNewHeads', {});
  const evs = await c.request('starknet_subscribeEvents', { from_address: events[0]!.from_address });
  const status = await c.request('starknet_subscribeTransactionStatus', {
    transaction_hash: transactions[0]!.transaction_hash,
  });
  const rcpts = await c.request('starknet_subscribeNewTransactionReceipts', {
    finality_status: ['ACCEPTED_ON_L2'],
  });
  const txs = await c.request('starknet_subscribeNewTransactions', {
    finality_status: ['PRE_CONFIRMED'],
    tags: ['INCLUDE_PROOF_FACTS'],
  });
  const ids = [heads, evs, status, rcpts, txs].map((r) => r.result);
  for (const id of ids) assert.equal(typeof id, 'string');
  assert.equal(new Set(ids).size, 5, 'ids are distinct');

  hub.emit('newHeads', header);
  hub.emit('events', { ...events[0]!, finality_status: 'ACCEPTED_ON_L2' });
  hub.emit('transactionStatus', {
    transaction_hash: transactions[0]!.transaction_hash,
    status: { finality_status: 'ACCEPTED_ON_L2', execution_status: 'SUCCEEDED' },
  });
  hub.emit('newTransactionReceipts', receipts[0]);
  hub.emit('newTransactions', { ...transactions[0]!, finality_status: 'PRE_CONFIRMED' });
  hub.reorg('newHeads', {
    starting_block_hash: header.block_hash,
    starting_block_number: header.block_number,
    ending_block_hash: header.block_hash,
    ending_block_number: header.block_number,
  });
  const expect: [string, string][] = [
    [ids[0]!, 'starknet_subscriptionNewHeads'],
    [ids[1]!, 'starknet_subscriptionEvents'],
    [ids[2]!, 'starknet_subscriptionTransactionStatus'],
    [ids[3]!, 'starknet_subscriptionNewTransactionReceipts'],
    [ids[4]!, 'starknet_subscriptionNewTransaction'],
  ];
  for (const [id, method] of expect) {
    const n = await c.waitFor((m) => m.method === method && m.params.subscription_id === id);
    checkNotification(n, method, id);
  }
  const reorg = await c.waitFor((m) => m.method === 'starknet_subscriptionReorg');
  checkNotification(reorg, 'starknet_subscriptionReorg', ids[0]!);
  assert.deepEqual(c.notifications(ids[0]!)[0].params.result, header);
  await c.close();
});

test('with result validation on, an off-spec notification throws back into the source and is not sent', async () => {
  const c = await WsClient.connect(wsUrl);
  const { result: id } = await c.request('starknet_subscribeNewHeads');
  const { block_hash: _, ...noHash } = header;
  assert.throws(
    () => hub.emit('newHeads', noHash),
    (e: any) => e.code === 'RESULT_SCHEMA_MISMATCH' && /starknet_subscriptionNewHeads/.test(e.message),
  );
  hub.emit('newHeads', header);
  await c.waitFor((m) => m.method === 'starknet_subscriptionNewHeads');
  assert.equal(c.notifications(id).length, 1);
  await c.close();
});

test('a replay inside subscribe arrives after the subscribe response', async () => {
  const c = await WsClient.connect(wsUrl);
  const r = await c.request('starknet_subscribeNewHeads', {
    block_id: { block_number: header.block_number },
  });
  const n = await c.waitFor((m) => m.method === 'starknet_subscriptionNewHeads');
  const order = c.messages.indexOf(r) < c.messages.indexOf(n);
  assert.ok(order, 'response first');
  checkNotification(n, 'starknet_subscriptionNewHeads', r.result);
  await c.close();
});

test('unsubscribe: true, then silence; unknown ids are error 66; bad params -32602', async () => {
  const c = await WsClient.connect(wsUrl);
  const { result: id } = await c.request('starknet_subscribeNewHeads');
  const stoppedBefore = hub.stopped;
  assert.deepEqual(await c.request('starknet_unsubscribe', { subscription_id: id }), {
    jsonrpc: '2.0',
    id: 2,
    result: true,
  });
  assert.equal(hub.stopped, stoppedBefore + 1, 'the source was told to stop');
  hub.emit('newHeads', header);
  const again = await c.request('starknet_unsubscribe', [id]);
  assert.deepEqual(again.error, { code: 66, message: 'Invalid subscription id' });
  assert.equal(c.notifications(id).length, 0);
  assert.equal((await c.request('starknet_unsubscribe', { subscription_id: 5 })).error.code, -32602);
  assert.equal((await c.request('starknet_unsubscribe', {})).error.code, -32602);
  await c.close();
});

test('source refusals map to spec errors 67 and 68 (and 24); bad params are rejected before the source', async () => {
  const c = await WsClient.connect(wsUrl);
  const back = await c.request('starknet_subscribeNewHeads', {
    block_id: { block_number: header.block_number - 2000 },
  });
  assert.deepEqual(back.error, { code: 68, message: 'Cannot go back more than 1024 blocks' });
  const future = await c.request('starknet_subscribeNewHeads', {
    block_id: { block_number: header.block_number + 1 },
  });
  assert.equal(future.error.code, 24);
  const many = Array.from(
    { length: 5 },
    () => (transactions[0] as { sender_address: string }).sender_address,
  );
  const addrs = await c.request('starknet_subscribeNewTransactionReceipts', { sender_address: many });
  assert.equal(addrs.error.code, 67);
  // pre_confirmed is excluded from SUBSCRIPTION_BLOCK_ID; ACCEPTED_ON_L1 from the receipt filter.
  assert.equal(
    (await c.request('starknet_subscribeNewHeads', { block_id: 'pre_confirmed' })).error.code,
    -32602,
  );
  assert.equal(
    (await c.request('starknet_subscribeNewTransactionReceipts', { finality_status: ['ACCEPTED_ON_L1'] }))
      .error.code,
    -32602,
  );
  assert.equal(hub.open(), 0);
  await c.close();
});

test('per-connection subscription limit, source-side end, and cleanup on close', async () => {
  const c = await WsClient.connect(wsUrl);
  for (let i = 0; i < 8; i++)
    assert.equal(typeof (await c.request('starknet_subscribeNewHeads')).result, 'string');
  const over = await c.request('starknet_subscribeNewHeads');
  assert.equal(over.error.code, -32600);
  assert.equal(hub.open(), 8);
  hub.end('newHeads');
  assert.equal(hub.open(), 0);
  const { result: id } = await c.request('starknet_subscribeEvents', {});
  assert.equal(hub.open(), 1);
  await c.close();
  for (let i = 0; i < 50 && hub.open() > 0; i++) await new Promise((r) => setTimeout(r, 10));
  assert.equal(hub.open(), 0, `subscription ${id} stopped when the socket closed`);
});

test('ordinary calls, batches and envelope errors work over ws too', async () => {
  const c = await WsClient.connect(wsUrl);
  assert.equal((await c.request('starknet_blockNumber')).result, header.block_number);
  c.ws.send('{oops');
  const parse = await c.waitFor((m) => m.error?.code === -32700);
  assert.equal(parse.id, null);
  c.ws.send(
    JSON.stringify([
      { jsonrpc: '2.0', id: 'a', method: 'starknet_chainId' },
      { jsonrpc: '2.0', id: 'b', method: 'nope' },
    ]),
  );
  const batch = await c.waitFor((m) => Array.isArray(m));
  assert.deepEqual(
    batch.map((m: any) => m.id),
    ['a', 'b'],
  );
  assert.equal(batch[1].error.code, -32601);
  assert.equal(s.calls.at(-1)?.ctx.transport, 'ws');
  await c.close();
});

test('upgrades on other paths are refused', async () => {
  const ws = new WebSocket(`${s.url.replace('http', 'ws')}/rpc`);
  ws.on('error', () => {}); // the refused handshake also surfaces as an error event
  const code = await new Promise<number>((resolve) =>
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
  );
  assert.equal(code, 404);
  ws.terminate();
});
