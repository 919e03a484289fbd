// State reads at a block: storage, nonce, classes, compiled classes.
import { abiString, parseSierraClass, type StoredClass } from '@starling/protocol';
import type { BLOCK_ID } from '@starling/rpc';
import { StarknetRpcError } from '@starling/rpc';
import { casmJson } from '@starling/sequencer';
import { sierraClassJson } from '../class-json.js';
import { hex, keyParam, type NodeContext, resolveBlock, stateAt } from './context.js';

/** The RPC CONTRACT_CLASS of a stored class document. */
function classDocument(
  c: NodeContext,
  classHash: bigint,
  stored: StoredClass | undefined,
): Record<string, unknown> {
  if (stored?.kind === 'CAIRO0') return stored.definition as Record<string, unknown>;
  let raw: Record<string, unknown> | undefined;
  try {
    raw = c.db.getClass(classHash).sierra as Record<string, unknown> | undefined;
  } catch {
    raw = undefined;
  }
  if (raw !== undefined && raw !== null) {
    const abi = typeof raw.abi === 'string' ? raw.abi : abiString(raw.abi);
    return {
      sierra_program: raw.sierra_program,
      contract_class_version: raw.contract_class_version,
      entry_points_by_type: raw.entry_points_by_type,
      abi,
    };
  }
  if (stored?.kind === 'SIERRA') return sierraClassJson(stored.sierra);
  throw new StarknetRpcError('CLASS_HASH_NOT_FOUND');
}

/** starknet_getClass. */
export function getClass(c: NodeContext, id: BLOCK_ID, classHash: string): Record<string, unknown> {
  const h = BigInt(classHash);
  const stored = stateAt(c, id).getClass(h);
  if (stored === undefined) throw new StarknetRpcError('CLASS_HASH_NOT_FOUND');
  return classDocument(c, h, stored);
}

/** starknet_getClassHashAt. */
export function getClassHashAt(c: NodeContext, id: BLOCK_ID, address: string): string {
  const h = stateAt(c, id).getClassHashAt(keyParam(address, 'contract address'));
  if (h === 0n) throw new StarknetRpcError('CONTRACT_NOT_FOUND');
  return hex(h);
}

/** starknet_getClassAt. */
export function getClassAt(c: NodeContext, id: BLOCK_ID, address: string): Record<string, unknown> {
  const s = stateAt(c, id);
  const h = s.getClassHashAt(keyParam(address, 'contract address'));
  if (h === 0n) throw new StarknetRpcError('CONTRACT_NOT_FOUND');
  return classDocument(c, h, s.getClass(h));
}

/** starknet_getNonce. */
export function getNonce(c: NodeContext, id: BLOCK_ID, address: string): string {
  const s = stateAt(c, id);
  const a = keyParam(address, 'contract address');
  if (s.getClassHashAt(a) === 0n) throw new StarknetRpcError('CONTRACT_NOT_FOUND');
  return hex(s.getNonceAt(a));
}

/** starknet_getStorageAt; with INCLUDE_LAST_UPDATE_BLOCK, `{value, last_update_block}`. */
export function getStorageAt(
  c: NodeContext,
  id: BLOCK_ID,
  address: string,
  key: string,
  flags: readonly string[] = [],
): string | { value: string; last_update_block: number } {
  // The block is read first: a value memoized under it is that block's.
  const plainLatest = id === 'latest' && flags.length === 0;
  if (plainLatest) {
    const block = c.db.latestBlockNumber();
    const hit = c.latestReads.get(block, keyParam(address, 'contract address'), keyParam(key, 'storage key'));
    if (hit !== undefined) return hit;
  }
  const s = stateAt(c, id);
  const a = keyParam(address, 'contract address');
  if (a > 1n && s.getClassHashAt(a) === 0n) throw new StarknetRpcError('CONTRACT_NOT_FOUND');
  const k = keyParam(key, 'storage key');
  const value = hex(s.getStorageAt(a, k));
  if (plainLatest) c.latestReads.set(a, k, value);
  if (!flags.includes('INCLUDE_LAST_UPDATE_BLOCK')) return value;
  return { value, last_update_block: lastUpdateBlock(c, resolveBlock(c, id), a, k) };
}

// The newest block at or below the read block that wrote the slot (0 when never written): the
// pre-confirmed block when its changes hold the slot, else the state's storage history.
function lastUpdateBlock(
  c: NodeContext,
  r: ReturnType<typeof resolveBlock>,
  address: bigint,
  key: bigint,
): number {
  if (r.kind === 'pre' && r.block !== undefined) {
    const diff = r.block.state.layerDiff(0);
    if (diff.storageDiffs.some((d) => d.address === address && d.entries.some((e) => e.key === key)))
      return Number(r.block.context.blockNumber);
  }
  const at = r.kind === 'stored' ? r.n : (c.db.latestBlockNumber() ?? 0);
  return c.db.getStorageLastUpdateBlock(address, key, at) ?? 0;
}

/** starknet_getCompiledCasm. */
export function getCompiledCasm(c: NodeContext, classHash: string): Record<string, unknown> {
  const h = BigInt(classHash);
  const stored = c.chain.latestState().getClass(h);
  if (stored?.kind !== 'SIERRA' || stored.casm === undefined)
    throw new StarknetRpcError('CLASS_HASH_NOT_FOUND');
  const { bytecode_segment_lengths, ...rest } = casmJson(stored.casm);
  return { ...rest, ...(bytecode_segment_lengths !== undefined ? { bytecode_segment_lengths } : {}) };
}

export { parseSierraClass };
