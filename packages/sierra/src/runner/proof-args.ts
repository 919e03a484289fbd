import { SierraError } from '../errors.js';
import type { ProofArg } from './proof-wrapper.js';

const P = 2n ** 251n + 17n * 2n ** 192n + 1n;

/**
 * Parses arguments in cairo1-run's `--args` syntax: felts (decimal, 0x-hex or negative) separated by
 * spaces or commas, arrays in brackets: `1 [2 3 4] 0x5`.
 */
export function parseProofArgs(text: string): ProofArg[] {
  const out: ProofArg[] = [];
  let array: bigint[] | undefined;
  for (const token of text.match(/\[|\]|[^\s,[\]]+/g) ?? []) {
    if (token === '[') {
      if (array !== undefined) throw argError('nested arrays are not supported', text);
      array = [];
    } else if (token === ']') {
      if (array === undefined) throw argError("']' without '['", text);
      out.push(array);
      array = undefined;
    } else (array ?? out).push(feltOf(token, text));
  }
  if (array !== undefined) throw argError("'[' without ']'", text);
  return out;
}

function feltOf(token: string, text: string): bigint {
  if (!/^-?(0x[0-9a-fA-F]+|\d+)$/.test(token)) throw argError(`'${token}' is not a felt`, text);
  const negative = token.startsWith('-');
  const v = BigInt(negative ? token.slice(1) : token);
  if (v >= P) throw argError(`${token} is not below the field prime`, text);
  return negative ? (P - v) % P : v;
}

const argError = (why: string, text: string) =>
  new SierraError('SIERRA_INVALID_ARGUMENTS', `bad arguments '${text}': ${why}`);
