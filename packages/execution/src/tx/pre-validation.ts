// Checks before validation: the nonce and the resource bounds against the block's prices.
import type { ResourceBounds } from '@starling/protocol';
import { executionError } from '../errors.js';
import type { ExecutionState } from '../state/execution-state.js';
import type { BlockContext } from '../types.js';

/** Nonce rules: DEPLOY_ACCOUNT must use 0; others the account nonce (or later when not strict). */
export function checkNonce(
  state: ExecutionState,
  tx: { type: string; nonce: bigint },
  sender: bigint,
  strict: boolean,
): void {
  const current = state.getNonceAt(sender);
  const ok =
    tx.type === 'DEPLOY_ACCOUNT'
      ? tx.nonce === 0n && current === 0n
      : strict
        ? tx.nonce === current
        : tx.nonce >= current;
  if (!ok) {
    throw executionError(
      'INVALID_TRANSACTION_NONCE',
      `Invalid transaction nonce of contract at address 0x${sender.toString(16)}. Account nonce: ${current}; got: ${tx.nonce}.`,
      { accountNonce: current.toString(), nonce: tx.nonce.toString() },
    );
  }
}

/** Each max price must reach the block's price (fri). */
export function checkBounds(block: BlockContext, rb: ResourceBounds): void {
  const p = block.gasPrices;
  const checks: [string, bigint, bigint][] = [
    ['L1Gas', rb.l1Gas.maxPricePerUnit, p.l1Gas.priceInFri],
    ['L2Gas', rb.l2Gas.maxPricePerUnit, p.l2Gas.priceInFri],
    ['L1DataGas', rb.l1DataGas?.maxPricePerUnit ?? 0n, p.l1DataGas.priceInFri],
  ];
  for (const [name, max, actual] of checks) {
    if (max < actual) {
      throw executionError(
        'INSUFFICIENT_RESOURCES_FOR_VALIDATE',
        `Max ${name} price (${max}) is lower than the actual gas price: ${actual}.`,
      );
    }
  }
}
