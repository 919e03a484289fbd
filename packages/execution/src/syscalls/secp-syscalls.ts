// Secp256k1 / secp256r1 syscalls: points live in the handler and Cairo code holds their indexes.
import { executionError } from '../errors.js';
import { INVALID_ARGUMENT, SyscallRevert } from './revert.js';
import { type SecpCurveName, SecpPoints } from './secp-points.js';
import type { CallSyscallHandler, SyscallIo, SyscallSpec } from './syscall-handler.js';

const u256 = (io: SyscallIo, i: number): bigint => io.felt(i) + (io.felt(i + 1) << 128n);
const MASK128 = (1n << 128n) - 1n;

function points(h: CallSyscallHandler, c: SecpCurveName): SecpPoints {
  let p = h.secp[c];
  if (p === undefined) h.secp[c] = p = new SecpPoints(c);
  return p;
}

function point(pts: SecpPoints, id: bigint) {
  const p = pts.get(id);
  if (p === undefined) throw executionError('SYSCALL_ERROR', `Invalid secp point id ${id}`);
  return p;
}

/** Option<point id>: Some = variant 0, None = variant 1. */
const option = (id: bigint | undefined): bigint[] => (id === undefined ? [1n, 0n] : [0n, id]);

function specs(c: SecpCurveName, prefix: string): Record<string, SyscallSpec> {
  return {
    [`${prefix}New`]: {
      size: 4,
      run(h, io) {
        const pts = points(h, c);
        const x = u256(io, 0);
        const y = u256(io, 2);
        if (x >= pts.modulus || y >= pts.modulus) throw new SyscallRevert([INVALID_ARGUMENT]);
        return option(pts.create(x, y));
      },
    },
    [`${prefix}Add`]: {
      size: 2,
      run(h, io) {
        const pts = points(h, c);
        return [pts.add(point(pts, io.felt(0)), point(pts, io.felt(1)))];
      },
    },
    [`${prefix}Mul`]: {
      size: 3,
      run(h, io) {
        const pts = points(h, c);
        return [pts.mul(point(pts, io.felt(0)), u256(io, 1))];
      },
    },
    [`${prefix}GetPointFromX`]: {
      size: 3,
      run(h, io) {
        const pts = points(h, c);
        const x = u256(io, 0);
        const parity = io.felt(2);
        if (x >= pts.modulus) throw new SyscallRevert([INVALID_ARGUMENT]);
        return option(pts.fromX(x, parity !== 0n));
      },
    },
    [`${prefix}GetXy`]: {
      size: 1,
      run(h, io) {
        const pts = points(h, c);
        const { x, y } = pts.xy(point(pts, io.felt(0)));
        return [x & MASK128, x >> 128n, y & MASK128, y >> 128n];
      },
    },
  };
}

/** The ten secp syscalls. */
export function secpSyscalls(): Record<string, SyscallSpec> {
  return { ...specs('k1', 'Secp256k1'), ...specs('r1', 'Secp256r1') };
}
