// devnet_* methods: routing to the DevnetApi with params validated per starknet-devnet's documented shapes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { vectorsDir } from '../../../../scripts/shared-paths.ts';
import type { DevnetApi, PredeployedAccount } from '../../src/index.ts';
import { call, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { header, transactions } from '../helpers/vector-chain.ts';

// A real key pair (starkex keys_precomputed: private 0x2 → public x) and a real account address (vector block).
const keys = JSON.parse(readFileSync(join(vectorsDir, 'crypto/starkex/keys_precomputed.json'), 'utf8'));
const account: PredeployedAccount = {
  address: (transactions[0] as { sender_address: string }).sender_address,
  public_key: keys['0x2'],
  private_key: '0x2',
  initial_balance: '1000000000000000000000', // starknet-devnet's default --initial-balance (1e21)
};

const seen: [string, unknown][] = [];
function rec<T>(name: string, params: unknown, result: T): T {
  seen.push([name, params]);
  return result;
}
const devnet: DevnetApi = {
  getPredeployedAccounts: (p) => rec('getPredeployedAccounts', p, [account]),
  createBlock: (p) => rec('createBlock', p, { block_hash: header.block_hash }),
  mint: (p) =>
    rec('mint', p, {
      new_balance: p.amount.toString(),
      unit: p.unit,
      tx_hash: transactions[1]!.transaction_hash,
    }),
  setTime: (p) => rec('setTime', p, { block_timestamp: p.time, block_hash: header.block_hash }),
  increaseTime: (p) =>
    rec('increaseTime', p, { timestamp_increased_by: p.time, block_hash: header.block_hash }),
  dump: (p) => rec('dump', p, p.path ? null : []),
  load: (p) => rec('load', p, null),
  getConfig: (p) => rec('getConfig', p, { seed: 0, total_accounts: 10 }),
  getAccountBalance: (p) => rec('getAccountBalance', p, { amount: '5', unit: p.unit }),
  setGasPrice: (p) => rec('setGasPrice', p, { l2_gas_price_fri: String(p.l2_gas_price_fri) }),
  acceptOnL1: (p) => rec('acceptOnL1', p, { accepted: [header.block_hash] }),
  restart: (p) => rec('restart', p, {}),
  abortBlocks: (p) => rec('abortBlocks', p, { aborted: [header.block_hash] }),
  postmanSendMessageToL2: (p) => rec('postmanSendMessageToL2', p, { transaction_hash: '0x1' }),
  postmanConsumeMessageFromL2: (p) => rec('postmanConsumeMessageFromL2', p, { message_hash: '0x2' }),
};

let s: TestServer;
let plain: TestServer;
before(async () => {
  s = await startTestServer({ devnet });
  plain = await startTestServer();
});
after(async () => {
  await s.close();
  await plain.close();
});

async function ok(method: string, params?: unknown) {
  seen.length = 0;
  const r = await call(s.url, method, params);
  assert.equal(r.error, undefined, `${method}: ${JSON.stringify(r.error)}`);
  return { result: r.result, forwarded: seen[0] };
}

test('valid calls reach the DevnetApi with decoded params', async () => {
  assert.deepEqual(await ok('devnet_getPredeployedAccounts', { with_balance: false }), {
    result: [account],
    forwarded: ['getPredeployedAccounts', { with_balance: false }],
  });
  assert.deepEqual((await ok('devnet_getPredeployedAccounts')).forwarded, ['getPredeployedAccounts', {}]);
  assert.deepEqual((await ok('devnet_createBlock')).result, { block_hash: header.block_hash });
  const mint = await ok('devnet_mint', { address: account.address, amount: 1e21, unit: 'FRI' });
  assert.deepEqual(mint.forwarded, ['mint', { address: account.address, amount: 10n ** 21n, unit: 'FRI' }]);
  assert.equal(mint.result.new_balance, '1000000000000000000000');
  // Strings keep precision beyond 2^53; the unit defaults to FRI; fractions truncate as devnet documents.
  const big = '123456789012345678901234567890';
  assert.deepEqual((await ok('devnet_mint', { address: account.address, amount: big })).forwarded, [
    'mint',
    { address: account.address, amount: BigInt(big), unit: 'FRI' },
  ]);
  const fraction = (await ok('devnet_mint', [account.address, 3.9, 'WEI'])).forwarded as [
    string,
    { amount: bigint },
  ];
  assert.equal(fraction[1].amount, 3n);
  assert.deepEqual((await ok('devnet_setTime', { time: header.timestamp, generate_block: true })).result, {
    block_timestamp: header.timestamp,
    block_hash: header.block_hash,
  });
  assert.deepEqual((await ok('devnet_increaseTime', { time: 100 })).forwarded, [
    'increaseTime',
    { time: 100 },
  ]);
  assert.deepEqual((await ok('devnet_dump')).result, []);
  assert.deepEqual((await ok('devnet_dump', { path: 'state.json' })).forwarded, [
    'dump',
    { path: 'state.json' },
  ]);
  assert.deepEqual((await ok('devnet_load', { path: 'state.json' })).forwarded, [
    'load',
    { path: 'state.json' },
  ]);
  assert.deepEqual((await ok('devnet_getConfig')).result, { seed: 0, total_accounts: 10 });
  assert.deepEqual((await ok('devnet_getAccountBalance', { address: account.address })).forwarded, [
    'getAccountBalance',
    { address: account.address, unit: 'FRI' },
  ]);
  const balance = await ok('devnet_getAccountBalance', [account.address, 'WEI', { block_number: 3 }]);
  assert.deepEqual(balance.forwarded, [
    'getAccountBalance',
    { address: account.address, unit: 'WEI', block_id: { block_number: 3 } },
  ]);
  const gas = await ok('devnet_setGasPrice', { l2_gas_price_fri: '0x4a817c800', generate_block: false });
  assert.deepEqual(gas.forwarded, [
    'setGasPrice',
    { l2_gas_price_fri: 20_000_000_000n, generate_block: false },
  ]);
  assert.deepEqual((await ok('devnet_acceptOnL1', { starting_block_id: 'latest' })).forwarded, [
    'acceptOnL1',
    { starting_block_id: 'latest' },
  ]);
  assert.deepEqual((await ok('devnet_restart')).forwarded, ['restart', {}]);
  assert.deepEqual((await ok('devnet_abortBlocks', { starting_block_id: { block_number: 2 } })).forwarded, [
    'abortBlocks',
    { starting_block_id: { block_number: 2 } },
  ]);
  const message = {
    l2_contract_address: account.address,
    entry_point_selector: '0x2',
    l1_contract_address: '0x8359e4b0152ed5a731162d3c7b0d8d56edb165a0',
    payload: ['0x1', '0x2'],
    paid_fee_on_l1: '0x10',
    nonce: '0x0',
  };
  assert.deepEqual((await ok('devnet_postmanSendMessageToL2', message)).forwarded, [
    'postmanSendMessageToL2',
    message,
  ]);
  const consume = { from_address: account.address, to_address: message.l1_contract_address, payload: [] };
  assert.deepEqual((await ok('devnet_postmanConsumeMessageFromL2', consume)).result, { message_hash: '0x2' });
});

test('bad devnet params are -32602 with a reason and never reach the API', async () => {
  const P = '0x800000000000011000000000000000000000000000000000000000000000001';
  const bad: [string, unknown][] = [
    ['devnet_getPredeployedAccounts', { with_balance: 'yes' }],
    ['devnet_mint', { address: account.address }],
    ['devnet_mint', { address: account.address, amount: -1 }],
    ['devnet_mint', { address: account.address, amount: '1e21x' }],
    ['devnet_mint', { address: account.address, amount: 5, unit: 'ETH' }],
    ['devnet_mint', { address: 'alice', amount: 5 }],
    ['devnet_mint', { address: P, amount: 5 }],
    ['devnet_setTime', { time: -5 }],
    ['devnet_setTime', { time: 1.5 }],
    ['devnet_setTime', {}],
    ['devnet_increaseTime', { time: '100' }],
    ['devnet_load', {}],
    ['devnet_load', { path: '' }],
    ['devnet_createBlock', { extra: 1 }],
    ['devnet_getAccountBalance', { address: P }],
    ['devnet_getAccountBalance', { address: account.address, unit: 'ETH' }],
    ['devnet_getAccountBalance', { address: account.address, block_id: 'earliest' }],
    ['devnet_setGasPrice', { gas_price_fri: 0 }],
    ['devnet_setGasPrice', { l2_gas_price_fri: (2n ** 128n).toString() }],
    ['devnet_setGasPrice', { l2_gas_price: 5 }],
    ['devnet_acceptOnL1', {}],
    ['devnet_abortBlocks', { starting_block_id: 'earliest' }],
    ['devnet_acceptOnL1', { starting_block_id: { block_number: -1 } }],
    ['devnet_restart', { restart_l1_to_l2_messaging: 'yes' }],
    ['devnet_postmanSendMessageToL2', { l2_contract_address: account.address }],
    [
      'devnet_postmanSendMessageToL2',
      {
        l2_contract_address: account.address,
        entry_point_selector: '0x2',
        l1_contract_address: `0x${'1'.repeat(41)}`, // longer than an L1 address
        payload: [],
        paid_fee_on_l1: '0x0',
        nonce: '0x0',
      },
    ],
    [
      'devnet_postmanConsumeMessageFromL2',
      { from_address: account.address, to_address: '0x1', payload: [P] },
    ],
  ];
  for (const [method, params] of bad) {
    seen.length = 0;
    const r = await call(s.url, method, params);
    assert.equal(r.error?.code, -32602, `${method} ${JSON.stringify(params)}: ${JSON.stringify(r)}`);
    assert.equal(typeof r.error.data.reason, 'string');
    assert.deepEqual(seen, [], `${method} must not be forwarded`);
  }
});

test('without a DevnetApi the devnet methods do not exist', async () => {
  assert.equal((await call(plain.url, 'devnet_createBlock')).error.code, -32601);
});
