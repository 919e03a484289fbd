// Builds the ExecutionInfo struct (v3 layout) that get_execution_info returns a pointer to.
import type { MaybeRelocatable, Relocatable, VirtualMachine } from '@starling/cairo-vm';
import { RESOURCE_L1_DATA, RESOURCE_L1_GAS, RESOURCE_L2_GAS } from '@starling/protocol';
import type { ExecutionContext } from '../call/context.js';
import type { CallEntryPoint } from '../types.js';

function alloc(vm: VirtualMachine, values: readonly MaybeRelocatable[]): Relocatable {
  const s = vm.memory.addSegment();
  const start = { segment: s.index, offset: 0 };
  vm.memory.load(start, values);
  return start;
}

function span(vm: VirtualMachine, values: readonly bigint[]): [Relocatable, Relocatable] {
  const start = alloc(vm, values);
  return [start, { segment: start.segment, offset: values.length }];
}

/** Writes block, transaction and call info into fresh segments; returns the struct's pointer. */
export function writeExecutionInfo(
  vm: VirtualMachine,
  ctx: ExecutionContext,
  call: CallEntryPoint,
): Relocatable {
  const b = ctx.block;
  const os = ctx.vc.os;
  // Validation sees a rounded block number and timestamp and no sequencer (gateway == sequencer view).
  const block =
    ctx.mode === 'validate'
      ? [
          (b.blockNumber / BigInt(os.validateBlockNumberRounding)) * BigInt(os.validateBlockNumberRounding),
          (b.timestamp / BigInt(os.validateTimestampRounding)) * BigInt(os.validateTimestampRounding),
          0n,
        ]
      : [b.blockNumber, b.timestamp, b.sequencerAddress];
  const tx = ctx.tx;
  const bounds: bigint[] = [];
  const rb = tx.resourceBounds;
  const special = specialAccounts(ctx);
  const classHash = call.classHash ?? 0n;
  const isV3 = (tx.version & ((1n << 128n) - 1n)) === 3n;
  let version = tx.version;
  // Old accounts that only understand v1 see v3 transactions (with a small tip) as v1.
  if (isV3 && special.v1Bound.has(classHash) && tx.tip <= special.v1MaxTip) version = tx.version - 2n;
  if (rb !== undefined) {
    bounds.push(RESOURCE_L1_GAS, rb.l1Gas.maxAmount, rb.l1Gas.maxPricePerUnit);
    bounds.push(RESOURCE_L2_GAS, rb.l2Gas.maxAmount, rb.l2Gas.maxPricePerUnit);
    // Accounts in data_gas_accounts do not expect the L1_DATA bound.
    if (rb.l1DataGas !== undefined && !(isV3 && special.dataGas.has(classHash)))
      bounds.push(RESOURCE_L1_DATA, rb.l1DataGas.maxAmount, rb.l1DataGas.maxPricePerUnit);
  }
  const txInfo = alloc(vm, [
    version,
    tx.senderAddress,
    tx.maxFee,
    ...span(vm, tx.signature),
    tx.transactionHash,
    b.chainId,
    tx.nonce,
    ...span(vm, bounds),
    tx.tip,
    ...span(vm, tx.paymasterData),
    tx.nonceDaMode,
    tx.feeDaMode,
    ...span(vm, tx.accountDeploymentData),
  ]);
  return alloc(vm, [alloc(vm, block), txInfo, call.callerAddress, call.storageAddress, call.selector]);
}

interface SpecialAccounts {
  v1Bound: Set<bigint>;
  v1MaxTip: bigint;
  dataGas: Set<bigint>;
}

const specialCache = new WeakMap<object, SpecialAccounts>();

/** The class-hash lists of the versioned constants that change what get_execution_info shows. */
function specialAccounts(ctx: ExecutionContext): SpecialAccounts {
  let s = specialCache.get(ctx.vc);
  if (s === undefined) {
    const os = (ctx.vc.raw.os_constants ?? {}) as Record<string, unknown>;
    const list = (v: unknown): Set<bigint> =>
      new Set(Array.isArray(v) ? v.map((x) => BigInt(x as string)) : []);
    s = {
      v1Bound: list(os.v1_bound_accounts_cairo1),
      v1MaxTip:
        os.v1_bound_accounts_max_tip === undefined ? 0n : BigInt(os.v1_bound_accounts_max_tip as string),
      dataGas: list(os.data_gas_accounts),
    };
    specialCache.set(ctx.vc, s);
  }
  return s;
}
