import { ecMulAdd, isOnCurve, pedersen, poseidonPermute } from '@starling/crypto';
import { vmError } from '../errors.js';
import { DeducingBuiltin, hex } from './builtin-runner.js';

// Contracts hash the same storage-variable keys over and over (a token's balance slot of a busy
// account, the sequencer's): the hash is pure, so recent results are memoized, bounded in size.
const PEDERSEN_MEMO_LIMIT = 8192;
const pedersenMemo = new Map<bigint, Map<bigint, bigint>>();
let pedersenMemoSize = 0;

function memoPedersen(x: bigint, y: bigint): bigint {
  let row = pedersenMemo.get(x);
  const hit = row?.get(y);
  if (hit !== undefined) return hit;
  const h = pedersen(x, y);
  if (pedersenMemoSize >= PEDERSEN_MEMO_LIMIT) {
    pedersenMemo.clear();
    pedersenMemoSize = 0;
    row = undefined;
  }
  if (row === undefined) {
    row = new Map();
    pedersenMemo.set(x, row);
  }
  row.set(y, h);
  pedersenMemoSize++;
  return h;
}

/** pedersen: (x, y, h = pedersen(x, y)). */
export class PedersenBuiltin extends DeducingBuiltin {
  readonly name = 'pedersen' as const;
  readonly cellsPerInstance = 3;
  readonly nInputCells = 2;
  compute([x, y]: bigint[]): bigint[] {
    return [memoPedersen(x as bigint, y as bigint)];
  }
  protected privateFields([x, y]: bigint[]): Record<string, string> {
    return { x: hex(x as bigint), y: hex(y as bigint) };
  }
}

/** poseidon: 3 state inputs → the Hades permutation of them. */
export class PoseidonBuiltin extends DeducingBuiltin {
  readonly name = 'poseidon' as const;
  readonly cellsPerInstance = 6;
  readonly nInputCells = 3;
  compute(s: bigint[]): bigint[] {
    return poseidonPermute([s[0] as bigint, s[1] as bigint, s[2] as bigint]);
  }
  protected privateFields(s: bigint[]): Record<string, string> {
    return { input_s0: hex(s[0] as bigint), input_s1: hex(s[1] as bigint), input_s2: hex(s[2] as bigint) };
  }
}

const BITWISE_BOUND = 1n << 251n;

/** bitwise: (x, y, x&y, x^y, x|y) with x, y < 2^251. */
export class BitwiseBuiltin extends DeducingBuiltin {
  readonly name = 'bitwise' as const;
  readonly cellsPerInstance = 5;
  readonly nInputCells = 2;
  compute([x, y]: bigint[]): bigint[] {
    const a = x as bigint;
    const b = y as bigint;
    if (a >= BITWISE_BOUND || b >= BITWISE_BOUND) {
      throw vmError('BUILTIN_DEDUCTION', 'bitwise: input is not below 2^251');
    }
    return [a & b, a ^ b, a | b];
  }
  protected privateFields([x, y]: bigint[]): Record<string, string> {
    return { x: hex(x as bigint), y: hex(y as bigint) };
  }
}

/** ec_op: (P.x, P.y, Q.x, Q.y, m, R.x, R.y) with R = P + m·Q on the STARK curve. */
export class EcOpBuiltin extends DeducingBuiltin {
  readonly name = 'ec_op' as const;
  readonly cellsPerInstance = 7;
  readonly nInputCells = 5;
  compute([px, py, qx, qy, m]: bigint[]): bigint[] {
    const p = { x: px as bigint, y: py as bigint };
    const q = { x: qx as bigint, y: qy as bigint };
    if (!isOnCurve(p) || !isOnCurve(q))
      throw vmError('BUILTIN_DEDUCTION', 'ec_op: point is not on the curve');
    const r = ecMulAdd(p, m as bigint, q);
    if (r === null) throw vmError('BUILTIN_DEDUCTION', 'ec_op: result is the point at infinity');
    return [r.x, r.y];
  }
  protected privateFields(s: bigint[]): Record<string, string> {
    return {
      p_x: hex(s[0] as bigint),
      p_y: hex(s[1] as bigint),
      m: hex(s[4] as bigint),
      q_x: hex(s[2] as bigint),
      q_y: hex(s[3] as bigint),
    };
  }
}
