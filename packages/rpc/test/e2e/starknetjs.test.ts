// Wire compatibility: starknet.js 10.8 (unmodified) as the client, over HTTP and WebSocket.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../helpers/test-server.ts';
import { TestHub } from '../helpers/test-subscriptions.ts';
import { CHAIN_ID } from '../helpers/vector-api.ts';
import { header, receipts, storage, transactions } from '../helpers/vector-chain.ts';

// starknet.js picks its WebSocket class when the module loads and checks readyState against that class's
// OPEN even when a `websocket` option is given; Node 20 has no global WebSocket, so provide `ws` first.
globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;
const { RpcError, RpcProvider, WebSocketChannel } = await import('starknet');

let s: TestServer;
let hub: TestHub;
before(async () => {
  hub = new TestHub();
  s = await startTestServer({ subscriptions: hub.source() });
});
after(() => s.close());

test('RpcProvider.create detects 0.10.3 and reads chain id, block number, storage, blocks, receipts', async () => {
  const provider = await RpcProvider.create({ nodeUrl: `${s.url}/rpc` });
  assert.equal(await provider.getSpecVersion(), '0.10.3');
  assert.equal(await provider.getChainId(), CHAIN_ID);
  assert.equal(await provider.getBlockNumber(), header.block_number);
  const [contract, slots] = [...storage.entries()][0]!;
  const [key, value] = [...slots.entries()][0]!;
  // starknet.js 10.8 normalises the plain FELT answer to { value, last_update_block: 0 }.
  assert.deepEqual(await provider.getStorageAt(contract, key), { value, last_update_block: 0 });
  const block = await provider.getBlockWithTxHashes('latest');
  assert.equal((block as { block_hash: string }).block_hash, header.block_hash);
  assert.equal(block.transactions.length, transactions.length);
  const receipt = await provider.getTransactionReceipt(transactions[2]!.transaction_hash);
  assert.equal(receipt.isSuccess(), receipts[2]!.execution_status === 'SUCCEEDED');
});

test('spec errors surface as starknet.js RpcError of the right type', async () => {
  const provider = new RpcProvider({ nodeUrl: `${s.url}/rpc` });
  // The starknet.js test suite probes a Sepolia transaction this way and expects error 29 from a local node.
  await assert.rejects(
    provider.getTransactionByHash('0x28dfc05eb4f261b37ddad451ff22f1d08d4e3c24dc646af0ec69fa20e096819'),
    (e: unknown) => e instanceof RpcError && e.isType('TXN_HASH_NOT_FOUND'),
  );
  await assert.rejects(
    provider.getBlockWithTxHashes(123),
    (e: unknown) => e instanceof RpcError && e.isType('BLOCK_NOT_FOUND'),
  );
});

test('the 0.9 channel on /rpc/v0_9', async () => {
  const provider = new RpcProvider({ nodeUrl: `${s.url}/rpc/v0_9`, specVersion: '0.9.0' });
  assert.equal(await provider.getSpecVersion(), '0.9.0');
  assert.equal(await provider.getBlockNumber(), header.block_number);
  await assert.rejects(
    provider.getClassAt('0x1'),
    (e: unknown) => e instanceof RpcError && e.isType('CONTRACT_NOT_FOUND'),
  );
});

test('WebSocketChannel: subscribeNewHeads receives the head, unsubscribe ends it', {
  timeout: 20_000,
}, async () => {
  const channel = new WebSocketChannel({
    nodeUrl: `${s.url.replace('http', 'ws')}/ws`,
    websocket: WebSocket as never,
  });
  await channel.waitForConnection();
  const sub = await channel.subscribeNewHeads();
  const got = new Promise<unknown>((resolve) => sub.on(resolve));
  hub.emit('newHeads', header);
  assert.deepEqual(await got, header);
  assert.equal(await sub.unsubscribe(), true);
  assert.equal(hub.open(), 0);
  channel.disconnect();
  await channel.waitForDisconnection();
});
