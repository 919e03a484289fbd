import type { ContractCompileOptions } from './contract/compile-contract.js';

/** The sequencer's compilation settings for declared classes (audited list, 81,920 felts). */
export const SEQUENCER_COMPILE_OPTIONS: Required<
  Pick<ContractCompileOptions, 'allowedLibfuncs' | 'maxBytecodeSize' | 'addPythonicHints'>
> = {
  allowedLibfuncs: 'audited',
  maxBytecodeSize: 81920,
  addPythonicHints: true,
};
