import type { StateDiff } from '../types.js';

type Hexed<T> = T extends bigint
  ? string
  : T extends readonly (infer U)[]
    ? Hexed<U>[]
    : T extends object
      ? { [K in keyof T]: Hexed<T[K]> }
      : T;

/** Rebuilds a StateDiff from its stored JSON (hex strings). */
export function stateDiffFromJson(j: Hexed<StateDiff>): StateDiff {
  const pair =
    <A extends string, B extends string>(a: A, b: B) =>
    (x: Record<A | B, string>) =>
      ({ [a]: BigInt(x[a]), [b]: BigInt(x[b]) }) as Record<A | B, bigint>;
  return {
    storageDiffs: j.storageDiffs.map((s) => ({
      address: BigInt(s.address),
      entries: s.entries.map(pair('key', 'value')),
    })),
    nonces: j.nonces.map(pair('address', 'nonce')),
    deployedContracts: j.deployedContracts.map(pair('address', 'classHash')),
    replacedClasses: j.replacedClasses.map(pair('address', 'classHash')),
    declaredClasses: j.declaredClasses.map(pair('classHash', 'compiledClassHash')),
    migratedCompiledClasses: j.migratedCompiledClasses.map(pair('classHash', 'compiledClassHash')),
    deprecatedDeclaredClasses: j.deprecatedDeclaredClasses.map((h) => BigInt(h)),
  };
}

export type StateDiffJson = Hexed<StateDiff>;
