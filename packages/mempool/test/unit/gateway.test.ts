import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hash as jsHash } from 'starknet';
import {
  decodePooled,
  encodePooled,
  Gateway,
  MemoryMempoolStore,
  MempoolError,
  type TransactionValidator,
} from '../../src/index.ts';
import { invoke } from './helpers.ts';

const CHAIN = 0x534e5f5345504f4c4941n;
const hex = (v: bigint) => `0x${v.toString(16)}`;
const rejects = (p: Promise<unknown>, c: string) =>
  assert.rejects(p, (e: unknown) => e instanceof MempoolError && e.code === c);

function gateway(
  nonces: Map<bigint, bigint>,
  store = new MemoryMempoolStore(),
  validator?: TransactionValidator,
) {
  const seen: bigint[] = [];
  const g = new Gateway({
    chainId: CHAIN,
    nonceOf: (a) => nonces.get(a) ?? 0n,
    validator: validator ?? { validate: (_tx, ctx) => void seen.push(ctx.hash) },
    store,
    now: () => 1000,
  });
  return { g, seen, store };
}

describe('Gateway', () => {
  it('hashes as starknet.js does, validates, pools as RECEIVED and persists', async () => {
    const { g, seen, store } = gateway(new Map());
    const tx = invoke(0x123n, 0n, { tip: 7n });
    const p = await g.submit({ tx });
    const expected = jsHash.calculateInvokeTransactionHash({
      senderAddress: hex(tx.senderAddress),
      version: '0x3',
      compiledCalldata: tx.calldata.map(hex),
      chainId: hex(CHAIN) as never,
      nonce: '0x0',
      accountDeploymentData: [],
      nonceDataAvailabilityMode: 0 as never,
      feeDataAvailabilityMode: 0 as never,
      resourceBounds: {
        l1_gas: { max_amount: 0n, max_price_per_unit: 1n },
        l2_gas: { max_amount: 1_000_000n, max_price_per_unit: 10_000_000_000n },
        l1_data_gas: { max_amount: 100n, max_price_per_unit: 1n },
      } as never,
      tip: '0x7',
      paymasterData: [],
    });
    assert.equal(p.hash, BigInt(expected));
    assert.deepEqual(seen, [p.hash]);
    assert.equal(g.pool.status(p.hash), 'RECEIVED');
    assert.equal(store.map.size, 1);
    await rejects(g.submit({ tx }), 'DUPLICATE_TX');
  });

  it('applies the stateless limits with spec error codes', async () => {
    const { g, seen } = gateway(new Map());
    const rb = invoke(1n, 0n).resourceBounds;
    await rejects(
      g.submit({
        tx: invoke(1n, 0n, { resourceBounds: { ...rb, l2Gas: { maxAmount: 0n, maxPricePerUnit: 1n } } }),
      }),
      'INSUFFICIENT_RESOURCES_FOR_VALIDATE',
    );
    await rejects(
      g.submit({
        tx: invoke(1n, 0n, {
          resourceBounds: { ...rb, l2Gas: { maxAmount: 1n, maxPricePerUnit: 7_999_999_999n } },
        }),
      }),
      'FEE_BELOW_MINIMUM',
    );
    await rejects(
      g.submit({
        tx: invoke(1n, 0n, {
          resourceBounds: { ...rb, l2Gas: { maxAmount: 1_210_000_001n, maxPricePerUnit: 8_000_000_000n } },
        }),
      }),
      'VALIDATION_FAILURE',
    );
    await rejects(
      g.submit({ tx: invoke(1n, 0n, { calldata: new Array(5001).fill(0n) }) }),
      'VALIDATION_FAILURE',
    );
    await rejects(
      g.submit({ tx: invoke(1n, 0n, { signature: new Array(4001).fill(0n) }) }),
      'VALIDATION_FAILURE',
    );
    await rejects(g.submit({ tx: invoke(1n, 0n, { feeDataAvailabilityMode: 'L2' }) }), 'VALIDATION_FAILURE');
    await rejects(g.submit({ tx: { ...invoke(1n, 0n), version: 1 } as never }), 'UNSUPPORTED_TX_VERSION');
    const declare = {
      ...invoke(1n, 0n),
      type: 'DECLARE',
      classHash: 5n,
      compiledClassHash: 6n,
    } as never;
    await rejects(
      g.submit({
        tx: declare,
        classFacts: { sierraVersion: [1, 0, 0], bytecodeLength: 10, serializedSize: 10 },
      }),
      'UNSUPPORTED_CONTRACT_CLASS_VERSION',
    );
    await rejects(
      g.submit({
        tx: declare,
        classFacts: { sierraVersion: [1, 7, 0], bytecodeLength: 81_921, serializedSize: 10 },
      }),
      'CONTRACT_CLASS_SIZE_IS_TOO_LARGE',
    );
    assert.deepEqual(seen, [], 'the validator never ran');
  });

  it('checks nonces against the latest state and runs pool rules before __validate__', async () => {
    const { g, seen } = gateway(new Map([[9n, 3n]]));
    await rejects(g.submit({ tx: invoke(9n, 2n) }), 'INVALID_TRANSACTION_NONCE');
    await g.submit({ tx: invoke(9n, 4n, { tip: 10n }) });
    await rejects(
      g.submit({ tx: invoke(9n, 4n, { tip: 10n, calldata: [8n] }) }),
      'REPLACEMENT_TRANSACTION_UNDERPRICED',
    );
    assert.equal(seen.length, 1);
    assert.equal(g.pool.nextNonce(9n, 3n), 3n, 'nonce 3 is still missing');
  });

  it('passes validator rejections through and keeps nothing', async () => {
    const validator: TransactionValidator = {
      validate() {
        throw new MempoolError('VALIDATION_FAILURE', 'bad signature');
      },
    };
    const { g, store } = gateway(new Map(), new MemoryMempoolStore(), validator);
    await rejects(g.submit({ tx: invoke(1n, 0n) }), 'VALIDATION_FAILURE');
    assert.equal(g.pool.size, 0);
    assert.equal(store.map.size, 0);
  });

  it('survives a restart: the store reloads the pool, minus transactions made stale meanwhile', async () => {
    const nonces = new Map<bigint, bigint>();
    const { g, store } = gateway(nonces);
    const a = await g.submit({ tx: invoke(1n, 0n, { tip: 3n }), contractClass: { sierra_program: ['0x1'] } });
    const b = await g.submit({ tx: invoke(2n, 0n) });
    const c = await g.submit({ tx: invoke(2n, 1n) });
    await g.remove([c.hash]);
    nonces.set(2n, 1n); // b was included elsewhere before the restart
    const again = gateway(nonces, store).g;
    assert.equal(await again.restore(), 1);
    assert.deepEqual(again.pool.get(a.hash), a);
    assert.equal(again.pool.has(b.hash), false);
    assert.equal(store.map.size, 1);
  });

  it('round-trips records exactly and rejects corrupt ones with a typed error', () => {
    const p = {
      hash: 1n,
      sender: 2n,
      tx: invoke(2n, 2n ** 200n),
      receivedAt: 5,
      contractClass: { a: 'n:0x1' },
    };
    assert.deepEqual(decodePooled(encodePooled(p)), p);
    assert.throws(
      () => decodePooled(new TextEncoder().encode('{')),
      (e: unknown) => e instanceof MempoolError && e.code === 'STORE_CORRUPT',
    );
    assert.throws(
      () => decodePooled(new TextEncoder().encode('{\n')),
      (e: unknown) => e instanceof MempoolError,
    );
  });

  it('prunes expired transactions from pool and store', async () => {
    let now = 0;
    const store = new MemoryMempoolStore();
    const g = new Gateway({
      chainId: CHAIN,
      nonceOf: () => 0n,
      validator: { validate() {} },
      store,
      now: () => now,
      pool: { ttlMs: 10 },
    });
    await g.submit({ tx: invoke(1n, 0n) });
    now = 11;
    assert.equal((await g.prune()).length, 1);
    assert.equal(store.map.size, 0);
  });
});
