// Human-readable failure reasons in the blockifier's style.
import { decodeShortString } from '@starling/felt';
import type { CallInfo } from '../types.js';

const hex = (v: bigint): string => `0x${v.toString(16)}`;

function feltText(v: bigint): string {
  try {
    const s = decodeShortString(v);
    if (s.length > 0 && /^[\x20-\x7e]+$/.test(s)) return `${hex(v)} ('${s}')`;
  } catch {
    // not a short string
  }
  return hex(v);
}

/** Formats panic data: `0x… ('msg')` or `(a, b)` for several felts. */
export function formatRetdata(retdata: readonly bigint[]): string {
  if (retdata.length === 1) return feltText(retdata[0] as bigint);
  return `(${retdata.map(feltText).join(', ')})`;
}

/** The reason recorded for a failed top-level call. */
export function failedCallReason(header: string, info: CallInfo): string {
  const c = info.call;
  return (
    `${header}:\n0: Error in the called contract (contract address: ${hex(c.storageAddress)}, class hash: ${hex(c.classHash)}, selector: ${hex(c.selector)}):\n` +
    `Execution failed. Failure reason:\n${formatRetdata(info.retdata)}.\n`
  );
}
