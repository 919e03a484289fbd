// Fee arithmetic: bounds, balances and the charge in STRK (fri) or ETH (wei, L1 handlers).
import { type GasVector, getStorageVarAddress, type ResourceBounds } from '@starling/protocol';
import type { BlockContext } from '../types.js';

/** Fee of a gas vector at the block's prices: l1·P_l1 + data·P_data + l2·(P_l2 + tip). */
export function feeOf(gas: GasVector, block: BlockContext, tip: bigint, unit: 'FRI' | 'WEI' = 'FRI'): bigint {
  const pick = unit === 'FRI' ? 'priceInFri' : 'priceInWei';
  const p = block.gasPrices;
  return gas.l1Gas * p.l1Gas[pick] + gas.l1DataGas * p.l1DataGas[pick] + gas.l2Gas * (p.l2Gas[pick] + tip);
}

/** The most a transaction can pay under its bounds (tip added to the L2 price). */
export function maxPossibleFee(rb: ResourceBounds, tip: bigint): bigint {
  return (
    rb.l1Gas.maxAmount * rb.l1Gas.maxPricePerUnit +
    (rb.l1DataGas?.maxAmount ?? 0n) * (rb.l1DataGas?.maxPricePerUnit ?? 0n) +
    rb.l2Gas.maxAmount * (rb.l2Gas.maxPricePerUnit + tip)
  );
}

// The same few owners (senders, the sequencer) recur in every block: memoize their keys (a Pedersen
// hash each), bounded so a long run cannot grow it without limit.
const BALANCE_KEY_LIMIT = 4096;
const balanceKeys = new Map<bigint, bigint>();

/** Storage key of ERC20_balances(owner) (the low word; the high word is key + 1). */
export function balanceKey(owner: bigint): bigint {
  let k = balanceKeys.get(owner);
  if (k === undefined) {
    k = getStorageVarAddress('ERC20_balances', owner);
    if (balanceKeys.size >= BALANCE_KEY_LIMIT) balanceKeys.clear();
    balanceKeys.set(owner, k);
  }
  return k;
}

/** An account's fee-token balance (u256). */
export function feeTokenBalance(
  state: { getStorageAt(a: bigint, k: bigint): bigint },
  token: bigint,
  owner: bigint,
): bigint {
  const k = balanceKey(owner);
  return state.getStorageAt(token, k) + (state.getStorageAt(token, k + 1n) << 128n);
}
