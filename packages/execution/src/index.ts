export { preProcessBlock } from './block/pre-process.js';
export { callContract } from './call/call-contract.js';
export { ExecutionContext, emptyTxInfo, type TxInfo } from './call/context.js';
export { executeCall } from './call/execute-call.js';
export { compileSierraClass, sierraClassJson } from './classes/compile-class.js';
export {
  compiledClassOf,
  loadRunnableClass,
  type RunnableClass,
  trackedResourceOf,
} from './classes/runnable-class.js';
export { ExecutionError, type ExecutionErrorCode, executionError, RPC_ERROR_CODES } from './errors.js';
export {
  messagesL1Gas,
  type TxResourcesInput,
  transactionGasVector,
  vmResourcesL2Gas,
} from './fee/gas-vector.js';
export { gasOfVmResources, type SyscallGasCost, syscallGasCost } from './gas/syscall-costs.js';
export * from './genesis/genesis.js';
export { udcGenesisClass, udcSierraClass } from './genesis/udc.js';
export { type ExecutionMetrics, noopExecutionMetrics } from './metrics.js';
export * from './options.js';
export * from './rpc/simulate.js';
export * from './rpc/trace.js';
export { DictStateReader } from './state/dict-state-reader.js';
export { ExecutionState, type StateChangesCount } from './state/execution-state.js';
export { CallSyscallHandler } from './syscalls/syscall-handler.js';
export {
  type AccountTransactionV3,
  type AccountTxOptions,
  executeAccountTransaction,
} from './tx/account-transaction.js';
export { executeTransaction } from './tx/execute-transaction.js';
export { balanceKey, feeOf, feeTokenBalance, maxPossibleFee } from './tx/fee.js';
export { executeL1Handler } from './tx/l1-handler.js';
export type * from './types.js';
export { checkStateless } from './validate/stateless-checks.js';
export {
  type ValidateOptions,
  type ValidationResult,
  validateTransaction,
} from './validate/validate-transaction.js';
