import { isOnCurve, snKeccak } from '@starling/crypto';
import { P } from '@starling/felt';
import { SierraError } from '../errors.js';
import type { GenericArg, Program } from '../program/types.js';
import { rangeOfType } from './libfuncs/range.js';
import type { ProgramRegistry } from './registry.js';

const specializationError = (ty: string) =>
  new SierraError(
    'SIERRA_INVALID_PROGRAM',
    `Error during type specialization of \`${ty}\`: Could not specialize type`,
    {
      type: ty,
    },
  );

/** True when a user type id (a name, or `[id]` from a contract class) names `name`. */
export function userTypeIs(id: string, name: string): boolean {
  if (id.startsWith('[') && id.endsWith(']')) {
    try {
      return BigInt(id.slice(1, -1)) === snKeccak(new TextEncoder().encode(name));
    } catch {
      return false;
    }
  }
  return id === name;
}

const BOUND_251 = 1n << 251n;

/** `Const<T, data…>` → [T, data]; throws for a non-const type. */
function constInfo(reg: ProgramRegistry, ty: string, owner: string): [string, GenericArg[]] {
  const t = reg.type(ty);
  const first = t.args[0];
  if (t.genericId !== 'Const' || first?.kind !== 'type') throw specializationError(owner);
  return [first.id, t.args.slice(1)];
}

function validateConst(reg: ProgramRegistry, owner: string, inner: string, data: GenericArg[]): void {
  const fail = () => {
    throw specializationError(owner);
  };
  const it = reg.type(inner);
  switch (it.genericId) {
    case 'Struct': {
      const members = it.args.slice(1);
      if (members.length !== data.length) fail();
      members.forEach((m, i) => {
        const d = data[i]!;
        if (m.kind !== 'type' || d.kind !== 'type') fail();
        if (constInfo(reg, (d as { id: string }).id, owner)[0] !== (m as { id: string }).id) fail();
      });
      return;
    }
    case 'Enum': {
      const [sel, vt] = data;
      if (data.length !== 2 || sel?.kind !== 'value' || vt?.kind !== 'type') fail();
      const variant = it.args[1 + Number((sel as { value: bigint }).value)];
      if ((sel as { value: bigint }).value < 0n || variant?.kind !== 'type') fail();
      if (constInfo(reg, (vt as { id: string }).id, owner)[0] !== (variant as { id: string }).id) fail();
      return;
    }
    case 'NonZero': {
      const wrapped = it.args[0];
      if (wrapped?.kind !== 'type' || data.length !== 1 || data[0]!.kind !== 'type') fail();
      const [wTy, wData] = constInfo(reg, (data[0] as { id: string }).id, owner);
      if (wTy !== (wrapped as { id: string }).id) fail();
      const wt = reg.type(wTy);
      if (wt.genericId === 'EcPoint') {
        if (
          wData.length !== 2 ||
          wData[1]?.kind !== 'value' ||
          wData[1].value === 0n ||
          wData[0]?.kind !== 'value'
        )
          fail();
        return;
      }
      if (wt.genericId !== 'Struct') {
        if (wData.length !== 1 || wData[0]?.kind !== 'value' || wData[0].value === 0n) fail();
        rangeOfType(reg, wTy);
        return;
      }
      const ut = wt.args[0];
      const okShape =
        ut?.kind === 'userType' &&
        ((wData.length === 2 && userTypeIs(ut.id, 'core::integer::u256')) ||
          (wData.length === 4 && userTypeIs(ut.id, 'core::integer::u512')));
      if (!okShape) fail();
      let nonZero = false;
      for (const a of wData) {
        if (a.kind !== 'type') fail();
        const [uTy, uData] = constInfo(reg, (a as { id: string }).id, owner);
        if (reg.type(uTy).genericId !== 'u128' || uData.length !== 1 || uData[0]?.kind !== 'value') fail();
        if ((uData[0] as { value: bigint }).value !== 0n) nonZero = true;
      }
      if (!nonZero) fail();
      return;
    }
    case 'EcPoint': {
      const [x, y] = data;
      if (data.length !== 2 || x?.kind !== 'value' || y?.kind !== 'value') fail();
      const xv = (x as { value: bigint }).value;
      const yv = (y as { value: bigint }).value;
      if (xv === 0n && yv === 0n) return;
      if (xv < 0n || xv >= P || yv < 0n || yv >= P || !isOnCurve({ x: xv, y: yv })) fail();
      return;
    }
    default: {
      let lower: bigint;
      let upper: bigint;
      if (it.genericId === 'ContractAddress' || it.genericId === 'ClassHash')
        [lower, upper] = [0n, BOUND_251];
      else {
        try {
          ({ lower, upper } = rangeOfType(reg, inner));
        } catch {
          fail();
          return;
        }
      }
      const [v] = data;
      if (data.length !== 1 || v?.kind !== 'value') fail();
      const value = (v as { value: bigint }).value;
      if (!(lower <= value && value < upper)) fail();
    }
  }
}

/** Validates declared types the way type specialization does (currently `Const` data). */
export function validateTypes(program: Program, reg: ProgramRegistry): void {
  for (const t of program.types) {
    if (t.longId.genericId !== 'Const') continue;
    const [first, ...data] = t.longId.args;
    if (first?.kind !== 'type') throw specializationError(t.id);
    validateConst(reg, t.id, first.id, data);
  }
}
