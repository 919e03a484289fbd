// Builds the ExecutionInfo struct (v3 layout) that get_execution_info returns a pointer to.
import type { MaybeRelocatable, Relocatable, VirtualMachine } from '@starling/cairo-vm';
import { RESOURCE_L1_DATA, RESOURCE_L1_GAS, RESOURCE_L2_GAS } from '@starling/protocol';
import type { ExecutionContext } from '../call/context.js';
import type { CallEntryPoint } from '../types.js';

/**
 * Writes block, transaction and call info into one fresh segment; returns the struct's pointer.
 * Layout: the arrays (signature, bounds, paymaster data, deployment data), then the block info, the
 * tx info and the execution info structs, all pointing into the same segment (one allocation).
 */
export function writeExecutionInfo(
  vm: VirtualMachine,
  ctx: ExecutionContext,
  call: CallEntryPoint,
): Relocatable {
  const b = ctx.block;
  const os = ctx.vc.os;
  const tx = ctx.tx;
  const rb = tx.resourceBounds;
  const special = specialAccounts(ctx);
  const classHash = call.classHash ?? 0n;
  const isV3 = (tx.version & U128_MASK) === 3n;
  let version = tx.version;
  // Old accounts that only understand v1 see v3 transactions (with a small tip) as v1.
  if (isV3 && special.v1Bound.has(classHash) && tx.tip <= special.v1MaxTip) version = tx.version - 2n;
  const bounds: bigint[] = [];
  if (rb !== undefined) {
    bounds.push(RESOURCE_L1_GAS, rb.l1Gas.maxAmount, rb.l1Gas.maxPricePerUnit);
    bounds.push(RESOURCE_L2_GAS, rb.l2Gas.maxAmount, rb.l2Gas.maxPricePerUnit);
    // Accounts in data_gas_accounts do not expect the L1_DATA bound.
    if (rb.l1DataGas !== undefined && !(isV3 && special.dataGas.has(classHash)))
      bounds.push(RESOURCE_L1_DATA, rb.l1DataGas.maxAmount, rb.l1DataGas.maxPricePerUnit);
  }
  const seg = vm.memory.addSegment().index;
  const cells: MaybeRelocatable[] = [];
  const signature = pushSpan(cells, seg, tx.signature);
  const boundsSpan = pushSpan(cells, seg, bounds);
  const paymaster = pushSpan(cells, seg, tx.paymasterData);
  const deployment = pushSpan(cells, seg, tx.accountDeploymentData);
  // Validation sees a rounded block number and timestamp and no sequencer (gateway == sequencer view).
  const blockInfo: Relocatable = { segment: seg, offset: cells.length };
  if (ctx.mode === 'validate') {
    const nr = BigInt(os.validateBlockNumberRounding);
    const tr = BigInt(os.validateTimestampRounding);
    cells.push((b.blockNumber / nr) * nr, (b.timestamp / tr) * tr, 0n);
  } else cells.push(b.blockNumber, b.timestamp, b.sequencerAddress);
  const txInfo: Relocatable = { segment: seg, offset: cells.length };
  cells.push(
    version,
    tx.senderAddress,
    tx.maxFee,
    ...signature,
    tx.transactionHash,
    b.chainId,
    tx.nonce,
    ...boundsSpan,
    tx.tip,
    ...paymaster,
    tx.nonceDaMode,
    tx.feeDaMode,
    ...deployment,
  );
  const info: Relocatable = { segment: seg, offset: cells.length };
  cells.push(blockInfo, txInfo, call.callerAddress, call.storageAddress, call.selector);
  vm.memory.load({ segment: seg, offset: 0 }, cells);
  return info;
}

/** Appends `values` to `cells` (laid out from offset 0 of segment `seg`); returns their (start, end). */
function pushSpan(
  cells: MaybeRelocatable[],
  seg: number,
  values: readonly bigint[],
): [Relocatable, Relocatable] {
  const start = cells.length;
  for (const v of values) cells.push(v);
  return [
    { segment: seg, offset: start },
    { segment: seg, offset: cells.length },
  ];
}

const U128_MASK = (1n << 128n) - 1n;

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
