import { poseidonArray } from '@starling/crypto';
import { RESOURCE_L1_DATA, RESOURCE_L1_GAS, RESOURCE_L2_GAS } from '../constants.js';
import { ProtocolError } from '../errors.js';
import type { DataAvailabilityMode, ResourceBound, ResourceBounds } from '../types.js';

const U64 = 1n << 64n;
const U128 = 1n << 128n;

/** One resource as a felt: [0 | name (56 bits) | max_amount (64 bits) | max_price_per_unit (128 bits)]. */
export function resourceBoundWord(name: bigint, bound: ResourceBound): bigint {
  if (bound.maxAmount < 0n || bound.maxAmount >= U64) {
    throw new ProtocolError('INVALID_FIELD', 'max_amount must be a u64', { value: String(bound.maxAmount) });
  }
  if (bound.maxPricePerUnit < 0n || bound.maxPricePerUnit >= U128) {
    throw new ProtocolError('INVALID_FIELD', 'max_price_per_unit must be a u128', {
      value: String(bound.maxPricePerUnit),
    });
  }
  return (name << 192n) | (bound.maxAmount << 128n) | bound.maxPricePerUnit;
}

/** poseidon([tip, L1_GAS word, L2_GAS word, (L1_DATA word)]) — the SNIP-8 tip and bounds hash. */
export function tipResourceBoundsHash(tip: bigint, bounds: ResourceBounds): bigint {
  if (tip < 0n || tip >= U64)
    throw new ProtocolError('INVALID_FIELD', 'tip must be a u64', { tip: String(tip) });
  const words = [
    tip,
    resourceBoundWord(RESOURCE_L1_GAS, bounds.l1Gas),
    resourceBoundWord(RESOURCE_L2_GAS, bounds.l2Gas),
  ];
  if (bounds.l1DataGas) words.push(resourceBoundWord(RESOURCE_L1_DATA, bounds.l1DataGas));
  return poseidonArray(words);
}

function daIndex(mode: DataAvailabilityMode): bigint {
  if (mode === 'L1') return 0n;
  if (mode === 'L2') return 1n;
  throw new ProtocolError('INVALID_FIELD', `unknown data availability mode ${String(mode)}`);
}

/** (nonce_da_mode << 32) + fee_da_mode. */
export function dataAvailabilityModes(
  nonceMode: DataAvailabilityMode,
  feeMode: DataAvailabilityMode,
): bigint {
  return (daIndex(nonceMode) << 32n) + daIndex(feeMode);
}
