// Transactions for pool tests.
import type { InvokeV3 } from '@starling/protocol';
import type { PooledTransaction } from '../../src/index.ts';

let counter = 0;

/** An INVOKE v3 with sensible bounds; `over` replaces fields. */
export function invoke(sender: bigint, nonce: bigint, over: Partial<InvokeV3> = {}): InvokeV3 {
  return {
    type: 'INVOKE',
    version: 3,
    senderAddress: sender,
    calldata: [1n, 2n],
    signature: [3n, 4n],
    nonce,
    resourceBounds: {
      l1Gas: { maxAmount: 0n, maxPricePerUnit: 1n },
      l2Gas: { maxAmount: 1_000_000n, maxPricePerUnit: 10_000_000_000n },
      l1DataGas: { maxAmount: 100n, maxPricePerUnit: 1n },
    },
    tip: 0n,
    paymasterData: [],
    accountDeploymentData: [],
    nonceDataAvailabilityMode: 'L1',
    feeDataAvailabilityMode: 'L1',
    ...over,
  };
}

/** A pooled transaction with a unique fake hash (pool tests do not hash). */
export function pooled(
  sender: bigint,
  nonce: bigint,
  tip = 0n,
  l2Price = 10_000_000_000n,
  at = 0,
): PooledTransaction {
  const tx = invoke(sender, nonce, { tip });
  tx.resourceBounds.l2Gas.maxPricePerUnit = l2Price;
  return { hash: BigInt(++counter) << 8n, sender, tx, receivedAt: at };
}
