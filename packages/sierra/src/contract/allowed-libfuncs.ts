import { SierraError } from '../errors.js';
import type { Program, VersionId } from '../program/types.js';
import { ALL_LIBFUNCS, AUDITED_LIBFUNCS, type LibfuncList } from './allowed-libfuncs-data.js';

export type AllowedLibfuncs = 'audited' | 'all' | LibfuncList;

const supports = (v: VersionId, req: readonly [number, number, number]) =>
  v.major === req[0] && (v.minor > req[1] || (v.minor === req[1] && v.patch >= req[2]));

/** Checks every declared libfunc against an allowed list (sequencer default: audited). */
export function validateAllowedLibfuncs(
  program: Program,
  sierraVersion: VersionId,
  allowed: AllowedLibfuncs,
): void {
  const name = typeof allowed === 'string' ? allowed : 'custom';
  const list = allowed === 'audited' ? AUDITED_LIBFUNCS : allowed === 'all' ? ALL_LIBFUNCS : allowed;
  for (const l of program.libfuncs) {
    const g = l.longId.genericId;
    if (!Object.hasOwn(list, g)) {
      throw new SierraError(
        'SIERRA_LIBFUNC_NOT_ALLOWED',
        `Libfunc ${g} is not allowed in the libfuncs list '${name}'.`,
        {
          libfunc: g,
          list: name,
        },
      );
    }
    const req = list[g];
    if (req && !supports(sierraVersion, req)) {
      throw new SierraError(
        'SIERRA_LIBFUNC_NOT_ALLOWED',
        `Libfunc ${g} requires version ${req.join('.')} while class version is ${sierraVersion.major}.${sierraVersion.minor}.${sierraVersion.patch}.`,
        { libfunc: g },
      );
    }
  }
}
