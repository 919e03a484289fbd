// The gateway's stateless rules (apollo_gateway's stateless_transaction_validator): what can be
// rejected from the transaction (and a DECLARE's class) alone, before reading any state.
import { PATRICIA_KEY_BOUND } from '@starling/felt';
import type { SierraClass } from '@starling/protocol';
import { sierraClassJson } from '../classes/compile-class.js';
import { sierraVersion } from '../classes/runnable-class.js';
import { executionError } from '../errors.js';
import type { GatewayLimits } from '../options.js';
import type { AccountTransactionV3 } from '../tx/account-transaction.js';
import { maxPossibleFee } from '../tx/fee.js';
import { calldataLengthOf } from '../tx/tx-info.js';

const fail = (message: string) => executionError('VALIDATION_FAILURE', message);

/** Throws the RPC-named error of the first stateless rule `tx` breaks. */
export function checkStateless(
  tx: AccountTransactionV3,
  limits: GatewayLimits,
  contractClass?: SierraClass,
  classObjectSize?: number,
): void {
  if ((tx as { version: unknown }).version !== 3)
    throw executionError(
      'UNSUPPORTED_TX_VERSION',
      `transaction version ${String(tx.version)} is not supported`,
    );
  if (tx.type !== 'DEPLOY_ACCOUNT' && (tx.senderAddress < 0n || tx.senderAddress >= PATRICIA_KEY_BOUND))
    throw fail(`Invalid sender address 0x${tx.senderAddress.toString(16)}.`);
  // The OS requires these empty; the gateway rejects early instead of letting the OS fail.
  if (tx.type !== 'DEPLOY_ACCOUNT' && tx.accountDeploymentData.length > 0)
    throw fail('The field account_deployment_data must be empty.');
  if (tx.paymasterData.length > 0) throw fail('The field paymaster_data must be empty.');
  const rb = tx.resourceBounds;
  if (rb.l1DataGas === undefined) throw fail('Resource bounds must include L1_DATA_GAS.');
  if (maxPossibleFee(rb, 0n) === 0n) throw fail('At least one resource bound must be non-zero.');
  if (rb.l2Gas.maxPricePerUnit < limits.minL2GasPrice)
    throw executionError(
      'FEE_BELOW_MINIMUM',
      `Max L2 gas price (${rb.l2Gas.maxPricePerUnit}) is below the minimum gas price (${limits.minL2GasPrice}).`,
    );
  if (tx.type !== 'DECLARE' && rb.l2Gas.maxAmount > limits.maxL2GasAmount)
    throw fail(`Max L2 gas amount (${rb.l2Gas.maxAmount}) exceeds the maximum (${limits.maxL2GasAmount}).`);
  const calldata = calldataLengthOf(tx) + (tx.type === 'INVOKE' ? (tx.proofFacts?.length ?? 0) : 0);
  if (calldata > limits.maxCalldataLength)
    throw fail(`Calldata length (${calldata}) exceeds the maximum (${limits.maxCalldataLength}).`);
  if (tx.signature.length > limits.maxSignatureLength)
    throw fail(
      `Signature length (${tx.signature.length}) exceeds the maximum (${limits.maxSignatureLength}).`,
    );
  if (tx.nonceDataAvailabilityMode !== 'L1') throw fail('Invalid nonce data availability mode (only L1).');
  if (tx.feeDataAvailabilityMode !== 'L1') throw fail('Invalid fee data availability mode (only L1).');
  if (tx.type === 'DECLARE') {
    if (contractClass === undefined)
      throw executionError('INVALID_ARGUMENT', 'a DECLARE needs its contract class');
    checkDeclaredClass(contractClass, limits, classObjectSize);
  }
}

function checkDeclaredClass(cls: SierraClass, limits: GatewayLimits, objectSize: number | undefined): void {
  const [a, b, c] = sierraVersion(cls.sierraProgram);
  const [x, y, z] = limits.minSierraVersion;
  const [mx, my] = limits.maxSierraVersion;
  const v = a * 1e6 + b * 1e3 + c;
  if (v < x * 1e6 + y * 1e3 + z || a * 1e3 + b > mx * 1e3 + my)
    throw executionError(
      'UNSUPPORTED_CONTRACT_CLASS_VERSION',
      `Sierra version ${a}.${b}.${c} is not supported (${x}.${y}.${z} to ${mx}.${my}.x).`,
    );
  if (cls.sierraProgram.length > limits.maxContractBytecodeSize)
    throw executionError(
      'CONTRACT_CLASS_SIZE_IS_TOO_LARGE',
      `Sierra program of ${cls.sierraProgram.length} felts exceeds ${limits.maxContractBytecodeSize}.`,
    );
  const size = objectSize ?? JSON.stringify(sierraClassJson(cls)).length;
  if (size > limits.maxContractClassObjectSize)
    throw executionError(
      'CONTRACT_CLASS_SIZE_IS_TOO_LARGE',
      `Contract class of ${size} bytes exceeds ${limits.maxContractClassObjectSize}.`,
    );
  for (const kind of ['CONSTRUCTOR', 'EXTERNAL', 'L1_HANDLER'] as const) {
    const eps = cls.entryPointsByType[kind];
    for (let i = 1; i < eps.length; i++) {
      if ((eps[i - 1] as { selector: bigint }).selector >= (eps[i] as { selector: bigint }).selector)
        throw fail('Entry points must be sorted by selector and unique.');
    }
  }
}
