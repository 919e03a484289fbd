// Validation only, for the gateway: the checks the blockifier's stateful validator runs on an INVOKE
// (price bounds, balance against the maximal fee, __validate__) without __execute__ or the fee transfer,
// so that admitting a transaction costs its validation and the sequencer's run is the only execution.
import {
  type BlockContext,
  ExecutionContext,
  type ExecutionState,
  executeCall,
  executionError,
  feeTokenBalance,
  maxPossibleFee,
} from '@starling/execution';
import { encodeShortString } from '@starling/felt';
import { type InvokeV3, versionedConstantsFor } from '@starling/protocol';

const VALID = encodeShortString('VALID');
const DA = { L1: 0n, L2: 1n } as const;

/** Throws the execution error that would reject `tx` before its execution; its state effects are dropped. */
export function validateInvoke(state: ExecutionState, block: BlockContext, tx: InvokeV3, hash: bigint): void {
  const vc = versionedConstantsFor(block.starknetVersion);
  const rb = tx.resourceBounds;
  const p = block.gasPrices;
  const prices: [string, bigint, bigint][] = [
    ['L1Gas', rb.l1Gas.maxPricePerUnit, p.l1Gas.priceInFri],
    ['L2Gas', rb.l2Gas.maxPricePerUnit, p.l2Gas.priceInFri],
    ['L1DataGas', rb.l1DataGas?.maxPricePerUnit ?? 0n, p.l1DataGas.priceInFri],
  ];
  for (const [name, max, actual] of prices)
    if (max < actual)
      throw executionError(
        'INSUFFICIENT_RESOURCES_FOR_VALIDATE',
        `Max ${name} price (${max}) is lower than the actual gas price: ${actual}.`,
      );
  const tip = vc.flags.enableTip ? tx.tip : 0n;
  const max = maxPossibleFee(rb, tip);
  const balance = feeTokenBalance(state, block.feeTokenAddress, tx.senderAddress);
  if (balance < max)
    throw executionError(
      'INSUFFICIENT_ACCOUNT_BALANCE',
      `Resources bounds (max fee ${max}) exceed balance (${balance}).`,
    );
  const limit = BigInt(vc.os.validateMaxSierraGas);
  const gas = rb.l2Gas.maxAmount < limit ? rb.l2Gas.maxAmount : limit;
  const ctx = new ExecutionContext(
    state,
    block,
    vc,
    {
      version: 3n,
      senderAddress: tx.senderAddress,
      maxFee: 0n,
      signature: tx.signature,
      transactionHash: hash,
      nonce: tx.nonce,
      resourceBounds: rb,
      tip: tx.tip,
      paymasterData: tx.paymasterData,
      nonceDaMode: DA[tx.nonceDataAvailabilityMode],
      feeDaMode: DA[tx.feeDataAvailabilityMode],
      accountDeploymentData: tx.accountDeploymentData,
      onlyQuery: false,
    },
    'validate',
  );
  state.checkpoint();
  try {
    let info: ReturnType<typeof executeCall>;
    try {
      info = executeCall(
        ctx,
        {
          entryPointType: 'EXTERNAL',
          selector: vc.os.validateEntryPointSelector,
          calldata: tx.calldata,
          storageAddress: tx.senderAddress,
          callerAddress: 0n,
          callType: 'CALL',
          initialGas: gas,
        },
        { value: gas },
      );
    } catch (e) {
      throw executionError('VALIDATION_FAILURE', e instanceof Error ? e.message : String(e));
    }
    if (info.failed)
      throw executionError(
        'VALIDATION_FAILURE',
        `The \`validate\` entry point panicked: ${info.retdata.map((v) => `0x${v.toString(16)}`).join(', ')}`,
      );
    const sierra = state.getClass(info.call.classHash)?.kind === 'SIERRA';
    if (sierra && (info.retdata.length !== 1 || info.retdata[0] !== VALID))
      throw executionError('VALIDATION_FAILURE', 'Invalid validate return data.');
  } finally {
    state.rollback();
  }
}
