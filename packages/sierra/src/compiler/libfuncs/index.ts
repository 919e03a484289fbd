import type { LibfuncDef } from '../types.js';
import { arrayLibfuncs } from './array.js';
import { boundedLibfuncs } from './bounded.js';
import { boxBoolLibfuncs } from './box-bool.js';
import { builtinLibfuncs } from './builtins.js';
import { castLibfuncs } from './casts.js';
import { circuitLibfuncs } from './circuit.js';
import { constLibfuncs } from './consts-libfuncs.js';
import { coreLibfuncs } from './core.js';
import { dictLibfuncs } from './dict.js';
import { ecLibfuncs } from './ec.js';
import { felt252Libfuncs } from './felt252.js';
import { gasLibfuncs } from './gas.js';
import { boundedDivRem, intLibfuncs } from './int.js';
import { miscLibfuncs } from './misc.js';
import { qm31BlakeLibfuncs } from './qm31-blake.js';
import { starknetLibfuncs } from './starknet.js';
import { structEnumLibfuncs } from './struct-enum.js';
import { u256Libfuncs } from './u256.js';

const ALL: Map<string, LibfuncDef> = new Map(
  Object.entries({
    ...coreLibfuncs,
    ...felt252Libfuncs,
    ...constLibfuncs,
    ...structEnumLibfuncs,
    ...boxBoolLibfuncs,
    ...gasLibfuncs,
    ...castLibfuncs,
    ...intLibfuncs,
    ...arrayLibfuncs,
    ...starknetLibfuncs,
    ...builtinLibfuncs,
    ...boundedLibfuncs,
    ...dictLibfuncs,
    ...ecLibfuncs,
    ...miscLibfuncs,
    ...u256Libfuncs,
    ...qm31BlakeLibfuncs,
    ...circuitLibfuncs,
    bounded_int_div_rem: boundedDivRem,
  }),
);

/** The lowering of a generic libfunc, or undefined when not supported yet. */
export function getLibfuncDef(genericId: string): LibfuncDef | undefined {
  return ALL.get(genericId);
}

/** Generic libfunc names this compiler can lower. */
export function supportedLibfuncs(): string[] {
  return [...ALL.keys()].sort();
}
