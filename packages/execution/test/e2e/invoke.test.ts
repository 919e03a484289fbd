// INVOKE v3 on real classes (OpenZeppelin account + ERC20, Cairo 2.10.1): signed with starknet.js,
// hashes checked against starknet.js, receipts and traces against the RPC 0.10.3 schemas.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { getVersionedConstants } from '@starling/protocol';
import { ec } from 'starknet';
import {
  ExecutionError,
  executeTransaction,
  feeTokenBalance,
  rpcReceipt,
  STRK_FEE_TOKEN_ADDRESS,
  transactionTrace,
} from '../../src/index.ts';
import type { TransactionExecutionInfo } from '../../src/types.ts';
import {
  BOUNDS,
  type Chain,
  hex,
  makeChain,
  pair,
  sel,
  signedInvoke,
  starknetJsInvokeHash,
} from '../helpers/chain.ts';
import { checkSchema } from '../helpers/spec-schemas.ts';

const vc = getVersionedConstants('0.14.1');
const STRK = STRK_FEE_TOKEN_ADDRESS;
const transfer = (to: bigint, amount: bigint) => ({
  to: STRK,
  selector: sel('transfer'),
  calldata: [to, amount, 0n],
});
const bal = (c: Chain, a: bigint) => feeTokenBalance(c.state, STRK, a);

function validSchemas(r: TransactionExecutionInfo): void {
  assert.equal(checkSchema('TXN_RECEIPT', rpcReceipt(r)), null);
  assert.equal(checkSchema('TRANSACTION_TRACE', transactionTrace(r), 'trace'), null);
}

/** L2 gas by hand: Sierra gas of the calls + OS overhead (VM resources → L1 gas → ×40,000) + archival data. */
function handL2Gas(
  r: TransactionExecutionInfo,
  calldataLen: number,
  sigLen: number,
  segment: number,
): bigint {
  const v = r.validateCallInfo?.gasConsumed ?? 0n;
  const e = r.revertReason === undefined ? (r.executeCallInfo?.gasConsumed ?? 0n) : 0n;
  // execute_txs_inner InvokeFunction: 4348 steps, 90 range checks, 4 pedersen, 12 poseidon, plus
  // (11 steps, 1 poseidon) per 2 calldata felts rounded up; KZG: 113 steps + 17 range checks per DA
  // felt and poseidon_hash_many over the DA segment.
  const half = Math.ceil(calldataLen / 2);
  const steps =
    4348 +
    Math.ceil((11 * calldataLen) / 2) +
    113 * segment +
    (Math.floor(segment / 10) * 55 + Math.floor((segment % 10) / 2) * 18 + (segment % 2) * 3 + 21);
  const poseidon = 12 + half + Math.floor(segment / 2) + 1;
  const rc = 90 + 17 * segment;
  const l1 = [
    Math.ceil((steps * 25) / 10000),
    Math.ceil((poseidon * 8) / 100),
    Math.ceil((4 * 8) / 100),
    Math.ceil((rc * 4) / 100),
  ];
  const vmL2 = BigInt(Math.max(...l1)) * 40_000n;
  let keys = 0;
  let data = 0;
  for (const c of [r.validateCallInfo, r.revertReason === undefined ? r.executeCallInfo : undefined]) {
    const walk = (x: typeof c): void => {
      if (x === undefined) return;
      for (const ev of x.events) {
        keys += ev.keys.length;
        data += ev.data.length;
      }
      x.innerCalls.forEach(walk);
    };
    walk(c);
  }
  return (
    v +
    e +
    (r.revertReason !== undefined ? (r.executeCallInfo?.gasConsumed ?? 0n) : 0n) +
    vmL2 +
    5120n * BigInt(calldataLen + sigLen) +
    5120n * BigInt(2 * keys + data)
  );
}

describe('INVOKE v3: STRK transfer', () => {
  let chain: Chain;
  before(async () => {
    chain = await makeChain(3);
  });

  it('transfers, charges the fee to the sequencer and bumps the nonce', () => {
    const [a, b] = chain.genesis.accounts as [
      (typeof chain.genesis.accounts)[0],
      (typeof chain.genesis.accounts)[0],
    ];
    const a0 = bal(chain, a.address);
    const b0 = bal(chain, b.address);
    const seq0 = bal(chain, chain.block.sequencerAddress);
    const tx = signedInvoke(chain, a, [transfer(b.address, 12_345n)], 0n);
    const r = executeTransaction(chain.state, chain.block, tx);
    assert.equal(r.revertReason, undefined);
    assert.equal(r.transactionHash, starknetJsInvokeHash(tx, chain.block.chainId));
    assert.equal(bal(chain, b.address), b0 + 12_345n);
    assert.equal(bal(chain, a.address), a0 - 12_345n - r.actualFee);
    assert.equal(bal(chain, chain.block.sequencerAddress), seq0 + r.actualFee);
    assert.equal(chain.state.getNonceAt(a.address), 1n);
    // L1 data gas by hand: sender (nonce) = 2 felts; sender and recipient balances = 2×2 felts; 32 gas each.
    assert.deepEqual(r.gas, {
      l1Gas: 0n,
      l1DataGas: 32n * 6n,
      l2Gas: handL2Gas(r, tx.calldata.length, 2, 6),
    });
    const p = chain.block.gasPrices;
    assert.equal(r.actualFee, r.gas.l1DataGas * p.l1DataGas.priceInFri + r.gas.l2Gas * p.l2Gas.priceInFri);
    // Events: the transfer (execute) then the fee transfer, both from STRK.
    const receipt = rpcReceipt(r) as { events: { from_address: string; keys: string[] }[] };
    assert.equal(receipt.events.length, 2);
    assert.equal(receipt.events[0]?.from_address, hex(STRK));
    assert.equal(receipt.events[0]?.keys[0], hex(sel('Transfer')));
    validSchemas(r);
    assert.ok((r.record.compiledClasses.size ?? 0) >= 2);
    assert.ok(r.executeCallInfo?.syscalls.some((s) => s.selector === 'CallContract'));
  });

  it('runs nested calls in order with their events (multicall)', () => {
    const [, b, c] = chain.genesis.accounts as [
      unknown,
      { address: bigint; privateKey: bigint },
      { address: bigint },
    ];
    const tx = signedInvoke(
      chain,
      b,
      [
        transfer(c.address, 1n),
        { to: STRK, selector: sel('balance_of'), calldata: [c.address] },
        transfer(c.address, 2n),
      ],
      0n,
    );
    const r = executeTransaction(chain.state, chain.block, tx);
    assert.equal(r.revertReason, undefined);
    const inner = r.executeCallInfo?.innerCalls ?? [];
    assert.deepEqual(
      inner.map((i) => i.call.selector),
      [sel('transfer'), sel('balance_of'), sel('transfer')],
    );
    assert.deepEqual(
      inner.map((i) => i.call.callerAddress),
      [b.address, b.address, b.address],
    );
    const balAfterFirst = inner[1]?.retdata[0];
    assert.equal(balAfterFirst, bal(chain, c.address) - 2n);
    const orders = inner.flatMap((i) => i.events.map((e) => e.order));
    assert.deepEqual(orders, [0, 1]);
    validSchemas(r);
  });
});

describe('INVOKE v3: reverts keep the nonce and the fee', () => {
  let chain: Chain;
  before(async () => {
    chain = await makeChain(2);
  });

  it('a failed assertion (transfer beyond balance) reverts execution', () => {
    const [a, b] = pair(chain);
    const a0 = bal(chain, a.address);
    const b0 = bal(chain, b.address);
    const tx = signedInvoke(chain, a, [transfer(b.address, 10n ** 30n)], 0n);
    const r = executeTransaction(chain.state, chain.block, tx);
    assert.match(r.revertReason ?? '', /u256_sub Overflow|insufficient balance/);
    assert.equal(chain.state.getNonceAt(a.address), 1n);
    assert.equal(bal(chain, b.address), b0);
    assert.equal(bal(chain, a.address), a0 - r.actualFee);
    // By hand: the reverted execution's Sierra gas is still charged; the DA segment is the sender's
    // nonce (2 felts) and balance (2 felts) only, since the transfer's writes were dropped.
    assert.deepEqual(r.gas, {
      l1Gas: 0n,
      l1DataGas: 32n * 4n,
      l2Gas: handL2Gas(r, tx.calldata.length, 2, 4),
    });
    const p = chain.block.gasPrices;
    assert.equal(r.actualFee, r.gas.l1DataGas * p.l1DataGas.priceInFri + r.gas.l2Gas * p.l2Gas.priceInFri);
    const rec = rpcReceipt(r);
    assert.equal(rec.execution_status, 'REVERTED');
    assert.deepEqual((rec.events as unknown[]).length, 1); // only the fee transfer's event
    assert.ok('revert_reason' in (transactionTrace(r).execute_invocation as object));
    validSchemas(r);
  });

  const tightInvoke = (c: Chain, max: bigint, nonce: bigint) => {
    const [a, b] = pair(c);
    const tight = { ...BOUNDS, l2Gas: { maxAmount: max, maxPricePerUnit: BOUNDS.l2Gas.maxPricePerUnit } };
    return signedInvoke(
      c,
      a,
      [transfer(b.address, 1n), transfer(b.address, 1n), transfer(b.address, 1n)],
      nonce,
      {
        resourceBounds: tight,
      },
    );
  };
  const maxFee = (l2: bigint) => l2 * BOUNDS.l2Gas.maxPricePerUnit + 2_000n * 60_000n;

  it('running out of L2 gas inside __execute__ reverts with "Out of gas"; the fee is capped by the bounds', () => {
    const r = executeTransaction(chain.state, chain.block, tightInvoke(chain, 900_000n, 1n));
    assert.match(
      r.revertReason ?? '',
      /'Out of gas'\), 0x454e545259504f494e545f4641494c4544 \('ENTRYPOINT_FAILED'\)/,
    );
    const p = chain.block.gasPrices;
    const consumed = r.gas.l1DataGas * p.l1DataGas.priceInFri + r.gas.l2Gas * p.l2Gas.priceInFri;
    assert.ok(consumed > maxFee(900_000n)); // the bound binds: fee = min(consumed, max) = max
    assert.equal(r.actualFee, maxFee(900_000n));
    assert.equal(chain.state.getNonceAt(chain.genesis.accounts[0]?.address ?? 0n), 2n);
    validSchemas(r);
  });

  it('using more L2 gas than the bound in total reverts after execution (post-execution check)', () => {
    const r = executeTransaction(chain.state, chain.block, tightInvoke(chain, 1_500_000n, 2n));
    assert.match(r.revertReason ?? '', /^Insufficient max L2Gas: max amount: 1500000, actual used: \d+\.$/);
    const p = chain.block.gasPrices;
    const consumed = r.gas.l1DataGas * p.l1DataGas.priceInFri + r.gas.l2Gas * p.l2Gas.priceInFri;
    // fee = min(consumed, max possible fee)
    const [expected] = [consumed, maxFee(1_500_000n)].sort((x, y) => (x < y ? -1 : 1));
    assert.equal(r.actualFee, expected);
    validSchemas(r);
  });
});

describe('INVOKE v3: paying the fee after execution', () => {
  it('spending the balance needed for the fee in __execute__ reverts the execution', async () => {
    const chain = await makeChain(2);
    const [a, b] = pair(chain);
    const all = bal(chain, a.address) - 10n ** 15n; // leaves less than the fee of the transaction
    const r = executeTransaction(
      chain.state,
      chain.block,
      signedInvoke(chain, a, [transfer(b.address, all)], 0n),
    );
    assert.match(r.revertReason ?? '', /^Insufficient fee token balance\. Fee: \d+, balance: \d+\.$/);
    assert.equal(bal(chain, b.address), 10n ** 21n);
    assert.equal(bal(chain, a.address), 10n ** 21n - r.actualFee);
  });
});

describe('INVOKE v3: rejections leave state untouched', () => {
  let chain: Chain;
  before(async () => {
    chain = await makeChain(2);
  });
  const snapshot = (c: Chain, a: bigint) => [
    c.state.getNonceAt(a),
    bal(c, a),
    bal(c, c.block.sequencerAddress),
  ];

  const rejects = (
    code: string,
    make: (
      c: Chain,
      a: { address: bigint; privateKey: bigint },
      b: bigint,
    ) => Parameters<typeof executeTransaction>[2],
  ) =>
    it(`rejects with ${code}`, () => {
      const [a, b] = pair(chain);
      const before = snapshot(chain, a.address);
      assert.throws(
        () => executeTransaction(chain.state, chain.block, make(chain, a, b.address)),
        (e: unknown) => e instanceof ExecutionError && e.code === code,
      );
      assert.deepEqual(snapshot(chain, a.address), before);
      assert.equal(chain.state.depth, 1);
    });

  rejects('INVALID_TRANSACTION_NONCE', (c, a, b) => signedInvoke(c, a, [transfer(b, 1n)], 5n));
  rejects('VALIDATION_FAILURE', (c, a, b) => {
    const tx = signedInvoke(c, a, [transfer(b, 1n)], 0n);
    const sig = ec.starkCurve.sign(hex(starknetJsInvokeHash(tx, c.block.chainId)), hex(0x1234n));
    return { ...tx, signature: [sig.r, sig.s] };
  });
  rejects('INSUFFICIENT_ACCOUNT_BALANCE', (c, a, b) =>
    signedInvoke(c, a, [transfer(b, 1n)], 0n, {
      resourceBounds: { ...BOUNDS, l2Gas: { maxAmount: 10n ** 12n, maxPricePerUnit: 10n ** 10n } },
    }),
  );
  it('rejects an L2 bound below the minimal gas (OS steps of the type + KZG work on 4 DA felts)', () => {
    const [a, b] = pair(chain);
    // 4348 + ceil(11·7/2) steps for INVOKE with 7 calldata felts, 113·4 + 57 for the DA segment:
    // 4896 steps → ceil(4896·25/10000) = 13 L1 gas → 520,000 L2 gas; 4 DA felts → 128 L1 data gas.
    const tx = signedInvoke(chain, a, [transfer(b.address, 1n)], 0n, {
      resourceBounds: {
        ...BOUNDS,
        l2Gas: { maxAmount: 519_999n, maxPricePerUnit: BOUNDS.l2Gas.maxPricePerUnit },
      },
    });
    assert.throws(
      () => executeTransaction(chain.state, chain.block, tx),
      (e: unknown) =>
        e instanceof ExecutionError &&
        e.message === 'Max L2Gas amount (519999) is lower than the minimal gas amount: 520000.',
    );
    const tx2 = signedInvoke(chain, a, [transfer(b.address, 1n)], 0n, {
      resourceBounds: { ...BOUNDS, l1DataGas: { maxAmount: 127n, maxPricePerUnit: 60_000n } },
    });
    assert.throws(
      () => executeTransaction(chain.state, chain.block, tx2),
      /Max L1DataGas amount \(127\) is lower than the minimal gas amount: 128\./,
    );
  });
  rejects('INSUFFICIENT_RESOURCES_FOR_VALIDATE', (c, a, b) =>
    signedInvoke(c, a, [transfer(b, 1n)], 0n, {
      resourceBounds: { ...BOUNDS, l2Gas: { maxAmount: 10n ** 7n, maxPricePerUnit: 1n } },
    }),
  );
});

describe('simulation flags and the query version', () => {
  it('skip-validate + skip-fee-charge executes an unsigned query transaction without charging', async () => {
    const chain = await makeChain(2);
    const [a, b] = pair(chain);
    const a0 = bal(chain, a.address);
    const zero = { maxAmount: 0n, maxPricePerUnit: 0n };
    const tx = signedInvoke(chain, a, [transfer(b.address, 5n)], 0n, {
      signature: [],
      resourceBounds: { l1Gas: zero, l2Gas: zero, l1DataGas: zero },
    });
    const r = executeTransaction(chain.state, chain.block, tx, {
      skipValidate: true,
      skipFeeCharge: true,
      query: true,
    });
    assert.equal(
      r.transactionHash,
      starknetJsInvokeHash(tx, chain.block.chainId, '0x100000000000000000000000000000003'),
    );
    assert.equal(r.revertReason, undefined);
    assert.equal(r.validateCallInfo, undefined);
    assert.equal(r.feeTransferCallInfo, undefined);
    assert.ok(r.actualFee > 0n);
    assert.equal(bal(chain, a.address), a0 - 5n);
    assert.ok(r.gas.l2Gas < BigInt(vc.os.executeMaxSierraGas));
  });
});
