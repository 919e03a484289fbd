// starknet.js WebSocketChannel against the node: heads, transaction status, events and receipts of a
// real transfer (notifications validated against the ws spec by the node's server).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { StarlingNode } from '../../src/index.ts';

// starknet.js picks its WebSocket class when it loads; Node 20 has no global one, so provide `ws` first.
globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;
const { Account, RpcProvider, WebSocketChannel } = await import('starknet');

const STRK = '0x04718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d';
let node: StarlingNode;
let url: string;

before(async () => {
  node = await StarlingNode.open({ port: 0, accounts: 1, seed: 5n, validateResults: true });
  url = await node.start();
});
after(async () => {
  await node?.stop();
});

const first = <T>(sub: { on(fn: (x: T) => void): void }, pred: (x: T) => boolean = () => true) =>
  new Promise<T>((resolve) => sub.on((x) => pred(x) && resolve(x)));

describe('WebSocket subscriptions', () => {
  it('notifies new heads, events, receipts and transaction statuses of a transfer', {
    timeout: 60_000,
  }, async () => {
    // Replay from block 0 (raw client: the notification follows the subscription id).
    const raw = new WebSocket(`${url.replace('http', 'ws')}/ws`);
    await new Promise((r) => raw.once('open', r));
    const messages: { id?: number; result?: unknown; params?: { result: { block_number: number } } }[] = [];
    const two = new Promise<void>((resolve) =>
      raw.on('message', (m) => {
        messages.push(JSON.parse(m.toString()));
        if (messages.length === 2) resolve();
      }),
    );
    raw.send(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'starknet_subscribeNewHeads',
        params: { block_id: { block_number: 0 } },
      }),
    );
    await two;
    assert.equal(typeof messages[0]?.result, 'string', 'the subscription id comes first');
    assert.equal(messages[1]?.params?.result.block_number, 0);
    raw.close();

    const channel = new WebSocketChannel({
      nodeUrl: `${url.replace('http', 'ws')}/ws`,
      websocket: WebSocket as never,
    });
    await channel.waitForConnection();
    const heads = await channel.subscribeNewHeads();
    const events = await channel.subscribeEvents({ fromAddress: STRK } as never);
    const receipts = await channel.subscribeNewTransactionReceipts();
    const head = first<{ block_number: number }>(heads as never);
    const event = first<{ from_address: string; finality_status: string }>(events as never);
    const receipt = first<{ transaction_hash: string; block_number: number }>(receipts as never);

    const a = node.accounts[0];
    assert.ok(a);
    const provider = new RpcProvider({ nodeUrl: url });
    const account = new Account({
      provider,
      address: `0x${a.address.toString(16)}`,
      signer: `0x${a.privateKey.toString(16)}`,
    });
    const { transaction_hash } = await account.execute({
      contractAddress: STRK,
      entrypoint: 'transfer',
      calldata: ['0x99', '7', '0'],
    });
    assert.equal((await head).block_number, 1);
    assert.equal(BigInt((await event).from_address), BigInt(STRK));
    assert.equal((await event).finality_status, 'ACCEPTED_ON_L2');
    assert.equal((await receipt).transaction_hash, transaction_hash);

    const status = await channel.subscribeTransactionStatus({ transactionHash: transaction_hash } as never);
    const s = await first<{ status: { finality_status: string } }>(status as never);
    assert.equal(s.status.finality_status, 'ACCEPTED_ON_L2');
    channel.disconnect();
    await channel.waitForDisconnection();
  });
});
