// Loads the blockifier versioned constants shipped in this package's data/ folder (official files).
import { readFileSync } from 'node:fs';
import { readVersionedConstants } from './constants/read-versioned-constants.js';
import type { VersionedConstants } from './constants/versioned-constants-types.js';
import { ProtocolError } from './errors.js';
import { parseStarknetVersion } from './starknet-version.js';

/** Starknet versions whose constants are available, oldest first. */
export const VERSIONED_CONSTANTS_VERSIONS = [
  '0.13.2',
  '0.13.3',
  '0.13.4',
  '0.13.5',
  '0.13.6',
  '0.14.0',
  '0.14.1',
  '0.14.2',
  '0.14.3',
  '0.14.4',
] as const;

export type VersionedConstantsVersion = (typeof VERSIONED_CONSTANTS_VERSIONS)[number];

const cache = new Map<string, VersionedConstants>();

/** The constants of a Starknet version ('0.14.1'; a fourth component such as '0.13.2.1' is ignored). */
export function getVersionedConstants(version: string): VersionedConstants {
  const [a, b, c] = parseStarknetVersion(version);
  const key = `${a}.${b}.${c}`;
  if (!(VERSIONED_CONSTANTS_VERSIONS as readonly string[]).includes(key)) {
    throw new ProtocolError('UNKNOWN_VERSIONED_CONSTANTS', `no versioned constants for Starknet ${version}`, {
      version,
    });
  }
  let vc = cache.get(key);
  if (!vc) {
    const url = new URL(
      `../data/blockifier_versioned_constants_${key.replaceAll('.', '_')}.json`,
      import.meta.url,
    );
    vc = readVersionedConstants(key, JSON.parse(readFileSync(url, 'utf8')));
    cache.set(key, vc);
  }
  return vc;
}

/** The constants in force at a (possibly newer) Starknet version: the latest file not after it. */
export function versionedConstantsFor(starknetVersion: string): VersionedConstants {
  const [a, b, c] = parseStarknetVersion(starknetVersion);
  const n = a * 1e6 + b * 1e3 + c;
  let best: string | undefined;
  for (const v of VERSIONED_CONSTANTS_VERSIONS) {
    const [x, y, z] = parseStarknetVersion(v);
    if (x * 1e6 + y * 1e3 + z <= n) best = v;
  }
  if (!best) {
    throw new ProtocolError(
      'UNKNOWN_VERSIONED_CONSTANTS',
      `no versioned constants in force at ${starknetVersion}`,
    );
  }
  return getVersionedConstants(best);
}
