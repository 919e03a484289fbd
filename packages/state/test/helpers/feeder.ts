// Converts a feeder-gateway get_state_update state_diff into our StateDiff (test helper).
import type { StateDiff } from '../../src/index.ts';

interface FeederDiff {
  storage_diffs: Record<string, { key: string; value: string }[]>;
  nonces: Record<string, string>;
  deployed_contracts: { address: string; class_hash: string }[];
  old_declared_contracts: string[];
  declared_classes: { class_hash: string; compiled_class_hash: string }[];
  replaced_classes: { address: string; class_hash: string }[];
  migrated_compiled_classes?: { class_hash: string; compiled_class_hash: string }[];
}

export function stateDiffFromFeeder(d: FeederDiff): StateDiff {
  return {
    storageDiffs: Object.entries(d.storage_diffs).map(([a, es]) => ({
      address: BigInt(a),
      entries: es.map((e) => ({ key: BigInt(e.key), value: BigInt(e.value) })),
    })),
    nonces: Object.entries(d.nonces).map(([a, n]) => ({ address: BigInt(a), nonce: BigInt(n) })),
    deployedContracts: d.deployed_contracts.map((c) => ({
      address: BigInt(c.address),
      classHash: BigInt(c.class_hash),
    })),
    replacedClasses: d.replaced_classes.map((c) => ({
      address: BigInt(c.address),
      classHash: BigInt(c.class_hash),
    })),
    declaredClasses: d.declared_classes.map((c) => ({
      classHash: BigInt(c.class_hash),
      compiledClassHash: BigInt(c.compiled_class_hash),
    })),
    migratedCompiledClasses: (d.migrated_compiled_classes ?? []).map((c) => ({
      classHash: BigInt(c.class_hash),
      compiledClassHash: BigInt(c.compiled_class_hash),
    })),
    deprecatedDeclaredClasses: d.old_declared_contracts.map((h) => BigInt(h)),
  };
}
