import { poseidonArray } from '@starling/crypto';
import { PREFIX_STATE_DIFF0 } from '../constants.js';
import type { DeclaredClass, DeployedContract, StateDiff } from '../types.js';

const byKey =
  <T>(key: (t: T) => bigint) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** Deployed and replaced contracts together: both set a contract's class. */
function updatedContracts(diff: StateDiff): DeployedContract[] {
  return [...diff.deployedContracts, ...diff.replacedClasses].sort(byKey((c) => c.address));
}

/** Declared classes plus those migrated to the v2 compiled class hash (0.14.1+). */
function declaredAndMigrated(diff: StateDiff): DeclaredClass[] {
  return [...diff.declaredClasses, ...diff.migratedCompiledClasses].sort(byKey((c) => c.classHash));
}

/** Number of state changes, as packed into the block hash (contracts with no storage entries count 0). */
export function stateDiffLength(diff: StateDiff): number {
  let n =
    updatedContracts(diff).length +
    declaredAndMigrated(diff).length +
    diff.deprecatedDeclaredClasses.length +
    diff.nonces.length;
  for (const s of diff.storageDiffs) n += s.entries.length;
  return n;
}

/** poseidon('STARKNET_STATE_DIFF0', contracts, classes, cairo0 classes, 1, 0, storage, nonces), lists sorted. */
export function stateDiffCommitment(diff: StateDiff): bigint {
  const items: bigint[] = [PREFIX_STATE_DIFF0];
  const contracts = updatedContracts(diff);
  items.push(BigInt(contracts.length));
  for (const c of contracts) items.push(c.address, c.classHash);
  const declared = declaredAndMigrated(diff);
  items.push(BigInt(declared.length));
  for (const c of declared) items.push(c.classHash, c.compiledClassHash);
  const cairo0 = [...diff.deprecatedDeclaredClasses].sort(byKey((x) => x));
  items.push(BigInt(cairo0.length), ...cairo0);
  items.push(1n, 0n);
  const storage = diff.storageDiffs.filter((s) => s.entries.length > 0).sort(byKey((s) => s.address));
  items.push(BigInt(storage.length));
  for (const s of storage) {
    items.push(s.address, BigInt(s.entries.length));
    for (const e of [...s.entries].sort(byKey((x) => x.key))) items.push(e.key, e.value);
  }
  const nonces = [...diff.nonces].sort(byKey((n) => n.address));
  items.push(BigInt(nonces.length));
  for (const n of nonces) items.push(n.address, n.nonce);
  return poseidonArray(items);
}
