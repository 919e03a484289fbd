// Start-of-block state update: the OS writes the hash of block N − 10 into the block-hash contract
// (address 0x1) at key N − 10, which get_block_hash reads.
import { executionError } from '../errors.js';
import { constantsFor } from '../gas/constants-for.js';
import type { ExecutionState } from '../state/execution-state.js';

/** Records hash(N − buffer) at storage[0x1][N − buffer] for block N (no-op below the buffer). */
export function preProcessBlock(
  state: ExecutionState,
  starknetVersion: string,
  blockNumber: bigint,
  oldBlockHash: (n: bigint) => bigint | undefined,
): void {
  const vc = constantsFor(starknetVersion);
  const buffer = BigInt(vc.os.storedBlockHashBuffer);
  if (blockNumber < buffer) return;
  const n = blockNumber - buffer;
  const h = oldBlockHash(n);
  if (h === undefined) throw executionError('STATE_ERROR', `hash of block ${n} is unknown`);
  state.setStorageAt(vc.os.blockHashContractAddress, n, h);
}
