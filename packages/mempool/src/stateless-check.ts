// The gateway's stateless checks (apollo_gateway's stateless_transaction_validator): what can be
// rejected without reading state.
import { MempoolError } from './errors.js';
import type { StatelessLimits } from './options.js';
import type { AccountTransaction } from './types.js';

/** Facts about a DECLARE's class that the checks need (the transaction carries only hashes). */
export interface DeclaredClassFacts {
  /** Sierra version as [major, minor, patch]. */
  sierraVersion: readonly [number, number, number];
  /** Sierra program length in felts. */
  bytecodeLength: number;
  /** Serialized class size in bytes. */
  serializedSize: number;
}

function compareVersion(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Throws a MempoolError when `tx` breaks a stateless rule. */
export function checkStateless(
  tx: AccountTransaction,
  limits: StatelessLimits,
  cls?: DeclaredClassFacts,
): void {
  if ((tx as { version: unknown }).version !== 3)
    throw new MempoolError('UNSUPPORTED_TX_VERSION', 'only version 3 transactions are accepted');
  if (tx.nonceDataAvailabilityMode !== 'L1' || tx.feeDataAvailabilityMode !== 'L1')
    throw new MempoolError('VALIDATION_FAILURE', 'data availability modes other than L1 are not supported');
  const rb = tx.resourceBounds;
  if (rb.l1DataGas === undefined)
    throw new MempoolError('VALIDATION_FAILURE', 'resource bounds must include L1_DATA_GAS');
  if (rb.l2Gas.maxAmount === 0n || rb.l2Gas.maxPricePerUnit === 0n)
    throw new MempoolError('INSUFFICIENT_RESOURCES_FOR_VALIDATE', 'L2 gas resource bounds must be non-zero');
  if (rb.l2Gas.maxPricePerUnit < limits.minL2GasPrice)
    throw new MempoolError(
      'FEE_BELOW_MINIMUM',
      `L2 gas max price ${rb.l2Gas.maxPricePerUnit} is below the minimum ${limits.minL2GasPrice}`,
    );
  if (tx.type !== 'DECLARE' && rb.l2Gas.maxAmount > limits.maxL2GasAmount)
    throw new MempoolError(
      'VALIDATION_FAILURE',
      `L2 gas max amount ${rb.l2Gas.maxAmount} exceeds ${limits.maxL2GasAmount}`,
    );
  const calldata =
    tx.type === 'INVOKE'
      ? tx.calldata.length
      : tx.type === 'DEPLOY_ACCOUNT'
        ? tx.constructorCalldata.length
        : 0;
  if (calldata > limits.maxCalldataLength)
    throw new MempoolError(
      'VALIDATION_FAILURE',
      `calldata length ${calldata} exceeds ${limits.maxCalldataLength}`,
    );
  if (tx.signature.length > limits.maxSignatureLength)
    throw new MempoolError(
      'VALIDATION_FAILURE',
      `signature length ${tx.signature.length} exceeds ${limits.maxSignatureLength}`,
    );
  if (tx.type === 'DECLARE') {
    if (cls === undefined) throw new MempoolError('VALIDATION_FAILURE', 'a DECLARE needs its contract class');
    if (
      compareVersion(cls.sierraVersion, limits.minSierraVersion) < 0 ||
      compareVersion(cls.sierraVersion, limits.maxSierraVersion) > 0
    )
      throw new MempoolError(
        'UNSUPPORTED_CONTRACT_CLASS_VERSION',
        `Sierra version ${cls.sierraVersion.join('.')} is not supported`,
      );
    if (cls.bytecodeLength > limits.maxBytecodeLength || cls.serializedSize > limits.maxContractClassSize)
      throw new MempoolError(
        'CONTRACT_CLASS_SIZE_IS_TOO_LARGE',
        `class of ${cls.bytecodeLength} felts / ${cls.serializedSize} bytes exceeds the limits`,
      );
  }
}
