import { ProtocolError } from './errors.js';

/** A Starknet version as numbers, e.g. '0.13.2.1' → [0, 13, 2, 1]; '' (oldest blocks) → [0, 0, 0, 0]. */
export function parseStarknetVersion(version: string): [number, number, number, number] {
  if (version === '') return [0, 0, 0, 0];
  const parts = version.split('.');
  if (parts.length < 3 || parts.length > 4 || parts.some((p) => !/^[0-9]{1,6}$/.test(p))) {
    throw new ProtocolError(
      'UNSUPPORTED_STARKNET_VERSION',
      `malformed Starknet version ${JSON.stringify(version)}`,
    );
  }
  const n = parts.map(Number);
  return [n[0]!, n[1]!, n[2]!, n[3] ?? 0];
}

/** Negative, zero or positive as a is older than, equal to or newer than b. */
export function compareStarknetVersions(a: string, b: string): number {
  const x = parseStarknetVersion(a);
  const y = parseStarknetVersion(b);
  for (let i = 0; i < 4; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/** True when `version` is at least `min`. */
export function isVersionAtLeast(version: string, min: string): boolean {
  return compareStarknetVersions(version, min) >= 0;
}
