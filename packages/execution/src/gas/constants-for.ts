// Versioned constants by Starknet version, memoized: every transaction asks, few versions exist.
import { type VersionedConstants, versionedConstantsFor } from '@starling/protocol';

const byVersion = new Map<string, VersionedConstants>();

/** The versioned constants in force at `starknetVersion` (protocol's lookup, cached). */
export function constantsFor(starknetVersion: string): VersionedConstants {
  let vc = byVersion.get(starknetVersion);
  if (vc === undefined) {
    vc = versionedConstantsFor(starknetVersion);
    byVersion.set(starknetVersion, vc);
  }
  return vc;
}
