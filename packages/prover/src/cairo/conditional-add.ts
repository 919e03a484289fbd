/**
 * Constraints of one step of a double-and-add ladder, shared by the ec_op and pedersen builtins:
 * with bit b = rem − 2·rem_next, the accumulator A becomes A + T (slope lam) when b = 1 and stays A
 * when b = 0. Writes six constraint values from out[i], each multiplied by `gate`; returns the next index.
 */
export function writeConditionalAdd(
  out: bigint[],
  i: number,
  gate: bigint,
  b: bigint,
  a: { x: bigint; y: bigint; xNext: bigint; yNext: bigint },
  t: { x: bigint; y: bigint },
  lam: bigint,
): number {
  out[i++] = gate * b * (b - 1n);
  out[i++] = gate * (b * (a.y - t.y) - lam * (a.x - t.x));
  out[i++] = gate * (lam * lam - b * (a.x + t.x + a.xNext));
  out[i++] = gate * (b * (a.y + a.yNext) - lam * (a.x - a.xNext));
  out[i++] = gate * (1n - b) * (a.xNext - a.x);
  out[i++] = gate * (1n - b) * (a.yNext - a.y);
  return i;
}

/** Names of the six constraints writeConditionalAdd writes, in order. */
export const CONDITIONAL_ADD_CONSTRAINTS = [
  'bit',
  'add-slope',
  'add-x',
  'add-y',
  'copy-x',
  'copy-y',
] as const;
