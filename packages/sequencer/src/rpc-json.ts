// The JSON documents stored with a block, in the RPC 0.10 shapes the node serves as they are.
import type { BlockContext } from '@starling/execution';
import type { CasmClass, GasPrice, ResourceBound, Transaction } from '@starling/protocol';

const hex = (v: bigint): string => `0x${v.toString(16)}`;
const bound = (b: ResourceBound | undefined) => ({
  max_amount: hex(b?.maxAmount ?? 0n),
  max_price_per_unit: hex(b?.maxPricePerUnit ?? 0n),
});
const price = (p: GasPrice) => ({ price_in_fri: hex(p.priceInFri), price_in_wei: hex(p.priceInWei) });

/** A v3 account transaction or an L1 handler as RPC TXN (without its hash). */
export function transactionJson(tx: Transaction): Record<string, unknown> {
  if (tx.type === 'L1_HANDLER')
    return {
      type: 'L1_HANDLER',
      version: '0x0',
      nonce: hex(tx.nonce),
      contract_address: hex(tx.contractAddress),
      entry_point_selector: hex(tx.entryPointSelector),
      calldata: tx.calldata.map(hex),
    };
  if (!('resourceBounds' in tx) || tx.version !== 3) throw new TypeError('only v3 transactions are produced');
  const common = {
    version: '0x3',
    signature: tx.signature.map(hex),
    nonce: hex(tx.nonce),
    resource_bounds: {
      l1_gas: bound(tx.resourceBounds.l1Gas),
      l1_data_gas: bound(tx.resourceBounds.l1DataGas),
      l2_gas: bound(tx.resourceBounds.l2Gas),
    },
    tip: hex(tx.tip),
    paymaster_data: tx.paymasterData.map(hex),
    nonce_data_availability_mode: tx.nonceDataAvailabilityMode,
    fee_data_availability_mode: tx.feeDataAvailabilityMode,
  };
  if (tx.type === 'INVOKE')
    return {
      type: 'INVOKE',
      sender_address: hex(tx.senderAddress),
      calldata: tx.calldata.map(hex),
      ...common,
      account_deployment_data: tx.accountDeploymentData.map(hex),
      ...(tx.proofFacts !== undefined && tx.proofFacts.length > 0
        ? { proof_facts: tx.proofFacts.map(hex) }
        : {}),
    };
  if (tx.type === 'DECLARE')
    return {
      type: 'DECLARE',
      sender_address: hex(tx.senderAddress),
      compiled_class_hash: hex(tx.compiledClassHash),
      class_hash: hex(tx.classHash),
      ...common,
      account_deployment_data: tx.accountDeploymentData.map(hex),
    };
  if (tx.type === 'DEPLOY_ACCOUNT')
    return {
      type: 'DEPLOY_ACCOUNT',
      contract_address_salt: hex(tx.contractAddressSalt),
      constructor_calldata: tx.constructorCalldata.map(hex),
      class_hash: hex(tx.classHash),
      ...common,
    };
  throw new TypeError(`transaction type ${(tx as { type: string }).type} is not produced`);
}

/** The header fields known before a block closes (PRE_CONFIRMED_BLOCK_HEADER). */
export function preconfirmedHeaderJson(ctx: BlockContext): Record<string, unknown> {
  return {
    block_number: Number(ctx.blockNumber),
    timestamp: Number(ctx.timestamp),
    sequencer_address: hex(ctx.sequencerAddress),
    l1_gas_price: price(ctx.gasPrices.l1Gas),
    l2_gas_price: price(ctx.gasPrices.l2Gas),
    l1_data_gas_price: price(ctx.gasPrices.l1DataGas),
    l1_da_mode: ctx.useKzgDa ? 'BLOB' : 'CALLDATA',
    starknet_version: ctx.starknetVersion,
  };
}

/** A CASM class as compiled_contract_class JSON (the form parseCasmClass reads). */
export function casmJson(c: CasmClass): Record<string, unknown> {
  const eps = (l: CasmClass['entryPointsByType']['EXTERNAL']) =>
    l.map((e) => ({ selector: hex(e.selector), offset: e.offset, builtins: e.builtins }));
  return {
    prime: hex(c.prime),
    compiler_version: c.compilerVersion,
    bytecode: c.bytecode.map(hex),
    ...(c.bytecodeSegmentLengths !== undefined ? { bytecode_segment_lengths: c.bytecodeSegmentLengths } : {}),
    hints: c.hints,
    entry_points_by_type: {
      EXTERNAL: eps(c.entryPointsByType.EXTERNAL),
      L1_HANDLER: eps(c.entryPointsByType.L1_HANDLER),
      CONSTRUCTOR: eps(c.entryPointsByType.CONSTRUCTOR),
    },
  };
}
