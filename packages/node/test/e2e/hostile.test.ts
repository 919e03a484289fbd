// 10,000 malformed or hostile JSON-RPC requests (in batches) against a real node: each gets a proper
// JSON-RPC answer, the node stays healthy and its chain intact.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { StarlingNode } from '../../src/index.ts';

let node: StarlingNode;
let url: string;

before(async () => {
  node = await StarlingNode.open({ port: 0, accounts: 1, seed: 2n });
  url = await node.start();
});
after(async () => {
  await node?.stop();
});

// A small deterministic generator (xorshift) so failures reproduce.
let seed = 0x9e3779b9;
const rnd = (n: number) => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
};
const METHODS = [
  'starknet_getStorageAt',
  'starknet_getNonce',
  'starknet_call',
  'starknet_getClassAt',
  'starknet_getBlockWithTxs',
  'starknet_getTransactionReceipt',
  'starknet_estimateFee',
  'starknet_addInvokeTransaction',
  'starknet_getEvents',
  'starknet_getStateUpdate',
  'starknet_traceTransaction',
  'starknet_simulateTransactions',
  'starknet_getStorageProof',
  'starknet_addDeclareTransaction',
  'starknet_addDeployAccountTransaction',
  'devnet_mint',
  'devnet_setTime',
  'no_such',
];
const felts = [
  '0x0',
  '0x1',
  `0x${'f'.repeat(63)}`,
  `0x8${'0'.repeat(62)}`,
  '0x4718f5a0fc34cc1af16a1cdee98ffb20c31f5cd61d6ab07201858f4287c938d',
  'zz',
  '',
  '0x',
];
function value(depth = 0): unknown {
  const k = rnd(depth > 2 ? 6 : 9);
  if (k === 0) return felts[rnd(felts.length)];
  if (k === 1) return rnd(2) === 0 ? -1 : 2 ** 60;
  if (k === 2) return null;
  if (k === 3) return 'latest';
  if (k === 4) return { block_number: rnd(5) };
  if (k === 5) return true;
  if (k === 6) return Array.from({ length: rnd(4) }, () => value(depth + 1));
  const o: Record<string, unknown> = {};
  for (const key of [
    'contract_address',
    'key',
    'block_id',
    'request',
    'calldata',
    'type',
    'version',
    'nonce',
    'filter',
    'chunk_size',
    'address',
    'amount',
    'time',
    'invoke_transaction',
    'resource_bounds',
    'transaction_hash',
  ]) {
    if (rnd(3) === 0) o[key] = value(depth + 1);
  }
  return o;
}

describe('hostile requests', () => {
  it('answers 10,000 malformed requests with JSON-RPC errors and stays healthy', {
    timeout: 170_000,
  }, async () => {
    const before = node.context.db.latestBlockNumber();
    let answered = 0;
    for (let b = 0; b < 100; b++) {
      const batch = Array.from({ length: 100 }, (_, i) => {
        const r = rnd(10);
        if (r === 0) return { jsonrpc: '1.0', id: i, method: METHODS[rnd(METHODS.length)] };
        if (r === 1) return { jsonrpc: '2.0', id: { x: 1 }, method: 5 };
        return { jsonrpc: '2.0', id: i, method: METHODS[rnd(METHODS.length)], params: value() };
      });
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch),
      });
      const out = (await res.json()) as {
        jsonrpc: string;
        result?: unknown;
        error?: { code: number; message: string };
      }[];
      assert.ok(Array.isArray(out));
      for (const r of out) {
        assert.equal(r.jsonrpc, '2.0');
        assert.ok('result' in r !== 'error' in r, 'exactly one of result and error');
        if (r.error) assert.equal(typeof r.error.code, 'number');
        assert.notEqual(r.error?.code, -32603, 'no hostile input is an internal error');
        answered++;
      }
    }
    assert.equal(answered, 10_000);
    const garbage = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"jsonrpc":',
    });
    assert.equal(((await garbage.json()) as { error: { code: number } }).error.code, -32700);
    assert.equal((await fetch(`${url}/is_alive`)).status, 200);
    const bn = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'starknet_blockNumber' }),
    });
    assert.equal(((await bn.json()) as { result: number }).result, node.context.db.latestBlockNumber());
    assert.ok((node.context.db.latestBlockNumber() ?? 0) >= (before ?? 0));
  });
});
