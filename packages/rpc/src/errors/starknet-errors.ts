import { StarlingError } from '@starling/felt';
import type { CONTRACT_EXECUTION_ERROR } from '../generated/wire-types.js';

/** Every error of the Starknet JSON-RPC spec 0.10.3 (all files), by name: code and message as specified. */
export const STARKNET_ERRORS = {
  FAILED_TO_RECEIVE_TXN: { code: 1, message: 'Failed to write transaction' },
  NO_TRACE_AVAILABLE: { code: 10, message: 'No trace available for transaction' },
  CONTRACT_NOT_FOUND: { code: 20, message: 'Contract not found' },
  ENTRYPOINT_NOT_FOUND: { code: 21, message: 'Requested entry point does not exist in the contract' },
  BLOCK_NOT_FOUND: { code: 24, message: 'Block not found' },
  INVALID_TXN_INDEX: { code: 27, message: 'Invalid transaction index in a block' },
  CLASS_HASH_NOT_FOUND: { code: 28, message: 'Class hash not found' },
  TXN_HASH_NOT_FOUND: { code: 29, message: 'Transaction hash not found' },
  PAGE_SIZE_TOO_BIG: { code: 31, message: 'Requested page size is too big' },
  NO_BLOCKS: { code: 32, message: 'There are no blocks' },
  INVALID_CONTINUATION_TOKEN: { code: 33, message: 'The supplied continuation token is invalid or unknown' },
  TOO_MANY_KEYS_IN_FILTER: { code: 34, message: 'Too many keys provided in a filter' },
  CONTRACT_ERROR: { code: 40, message: 'Contract error' },
  TRANSACTION_EXECUTION_ERROR: { code: 41, message: 'Transaction execution error' },
  STORAGE_PROOF_NOT_SUPPORTED: {
    code: 42,
    message: "the node doesn't support storage proofs for blocks that are too far in the past",
  },
  CLASS_ALREADY_DECLARED: { code: 51, message: 'Class already declared' },
  INVALID_TRANSACTION_NONCE: { code: 52, message: 'Invalid transaction nonce' },
  INSUFFICIENT_RESOURCES_FOR_VALIDATE: {
    code: 53,
    message: "The transaction's resources don't cover validation or the minimal transaction fee",
  },
  INSUFFICIENT_ACCOUNT_BALANCE: {
    code: 54,
    message:
      "Account balance is smaller than the transaction's maximal fee (calculated as the sum of each resource's limit x max price)",
  },
  VALIDATION_FAILURE: { code: 55, message: 'Account validation failed' },
  COMPILATION_FAILED: { code: 56, message: 'Compilation failed' },
  CONTRACT_CLASS_SIZE_IS_TOO_LARGE: { code: 57, message: 'Contract class size is too large' },
  NON_ACCOUNT: { code: 58, message: 'Sender address is not an account contract' },
  DUPLICATE_TX: { code: 59, message: 'A transaction with the same hash already exists in the mempool' },
  COMPILED_CLASS_HASH_MISMATCH: {
    code: 60,
    message: 'the compiled class hash did not match the one supplied in the transaction',
  },
  UNSUPPORTED_TX_VERSION: { code: 61, message: 'the transaction version is not supported' },
  UNSUPPORTED_CONTRACT_CLASS_VERSION: { code: 62, message: 'the contract class version is not supported' },
  UNEXPECTED_ERROR: { code: 63, message: 'An unexpected error occurred' },
  REPLACEMENT_TRANSACTION_UNDERPRICED: { code: 64, message: 'Replacement transaction is underpriced' },
  FEE_BELOW_MINIMUM: { code: 65, message: 'Transaction fee below minimum' },
  INVALID_SUBSCRIPTION_ID: { code: 66, message: 'Invalid subscription id' },
  TOO_MANY_ADDRESSES_IN_FILTER: { code: 67, message: 'Too many addresses in filter sender_address filter' },
  TOO_MANY_BLOCKS_BACK: { code: 68, message: 'Cannot go back more than 1024 blocks' },
  INVALID_PROOF: { code: 69, message: 'The proof field in the invoke v3 transaction is invalid' },
  COMPILATION_ERROR: { code: 100, message: 'Failed to compile the contract' },
} as const satisfies Record<string, { code: number; message: string }>;

/** Name of a Starknet spec error. */
export type StarknetErrorName = keyof typeof STARKNET_ERRORS;

/** The `data` each spec error carries (errors not listed carry none). */
export interface StarknetErrorData {
  NO_TRACE_AVAILABLE: { status: 'RECEIVED' | 'REJECTED' };
  CONTRACT_ERROR: { revert_error: CONTRACT_EXECUTION_ERROR };
  TRANSACTION_EXECUTION_ERROR: { transaction_index: number; execution_error: CONTRACT_EXECUTION_ERROR };
  INVALID_TRANSACTION_NONCE: string;
  VALIDATION_FAILURE: string;
  COMPILATION_FAILED: string;
  UNEXPECTED_ERROR: string;
  COMPILATION_ERROR: { compilation_error: string };
}

type DataArg<N extends StarknetErrorName> = N extends keyof StarknetErrorData
  ? [data: StarknetErrorData[N]]
  : [];

/** A spec error raised by an API implementation: its code is the spec name, its data typed per error. */
export class StarknetRpcError<N extends StarknetErrorName = StarknetErrorName> extends StarlingError {
  declare readonly code: N;
  readonly data: unknown;

  constructor(name: N, ...data: DataArg<N>) {
    super(name, STARKNET_ERRORS[name].message, data.length > 0 ? { data: data[0] } : undefined);
    this.data = data[0];
  }
}

/** True when `name` is a spec error name. */
export function isStarknetErrorName(name: string): name is StarknetErrorName {
  return Object.hasOwn(STARKNET_ERRORS, name);
}
