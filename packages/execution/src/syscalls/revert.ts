import { encodeShortString } from '@starling/felt';

/** A syscall failure that Cairo code sees (failure flag + revert data), not a VM abort. */
export class SyscallRevert {
  constructor(readonly data: bigint[]) {}
}

export const OUT_OF_GAS = encodeShortString('Out of gas');
export const ENTRYPOINT_NOT_FOUND = encodeShortString('ENTRYPOINT_NOT_FOUND');
export const ENTRYPOINT_FAILED = encodeShortString('ENTRYPOINT_FAILED');
export const INVALID_INPUT_LENGTH = encodeShortString('Invalid input length');
export const INVALID_ARGUMENT = encodeShortString('Invalid argument');
export const BLOCK_NUMBER_OUT_OF_RANGE = encodeShortString('Block number out of range');
