import { parsePythonicHint } from '../casm/assemble.js';
import { vmError } from '../errors.js';
import { compileHint } from '../hints/compile-hint.js';
import type { CompiledHint } from '../hints/hint-types.js';
import type { BuiltinName } from '../types.js';
import type { Program } from './program.js';

/** A Cairo 0 compiled program (cairo-compile JSON) reduced to what the VM needs. */
export interface Cairo0Program {
  readonly program: Program;
  readonly builtins: readonly BuiltinName[];
  /** pc of __main__.__start__ / __main__.__end__ / __main__.main when present. */
  readonly start: number | undefined;
  readonly end: number | undefined;
  readonly main: number | undefined;
}

/** Loads a Cairo 0 compiled program; its hints must be ones the Cairo 1 hint set can express. */
export function loadCairo0Program(json: unknown): Cairo0Program {
  const c = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown>;
  if (!Array.isArray(c.data)) throw vmError('INVALID_PROGRAM', 'not a Cairo 0 program: missing data');
  const bytecode = (c.data as string[]).map((v) => BigInt(v));
  const hints = new Map<number, CompiledHint[]>();
  for (const [pc, list] of Object.entries((c.hints ?? {}) as Record<string, { code: string }[]>)) {
    hints.set(
      Number(pc),
      list.map((h) => compileHint(parsePythonicHint(h.code))),
    );
  }
  const ids = (c.identifiers ?? {}) as Record<string, { pc?: number }>;
  const scope = typeof c.main_scope === 'string' ? c.main_scope : '__main__';
  return {
    program: { bytecode, hints },
    builtins: (c.builtins ?? []) as BuiltinName[],
    start: ids[`${scope}.__start__`]?.pc,
    end: ids[`${scope}.__end__`]?.pc,
    main: ids[`${scope}.main`]?.pc,
  };
}
