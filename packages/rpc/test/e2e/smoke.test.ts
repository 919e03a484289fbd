import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { header } from '../helpers/vector-chain.ts';

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(() => s.close());

test('smoke: blockNumber and getBlockWithTxs validate against the spec', async () => {
  const r = await call(s.url, 'starknet_blockNumber');
  assert.deepEqual(r, { jsonrpc: '2.0', id: 1, result: header.block_number });
  for (const m of [
    'starknet_getBlockWithTxs',
    'starknet_getBlockWithTxHashes',
    'starknet_getBlockWithReceipts',
    'starknet_getStateUpdate',
  ]) {
    const b = await call(s.url, m, { block_id: 'latest' });
    assert.equal(b.error, undefined, `${m}: ${JSON.stringify(b.error)}`);
  }
});
