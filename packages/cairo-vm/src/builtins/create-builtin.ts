import { vmError } from '../errors.js';
import type { BuiltinName } from '../types.js';
import type { BuiltinRunner } from './builtin-runner.js';
import { BitwiseBuiltin, EcOpBuiltin, PedersenBuiltin, PoseidonBuiltin } from './hash-builtins.js';
import { ModBuiltin } from './mod-builtin.js';
import { EcdsaBuiltin, KeccakBuiltin, OutputBuiltin, RangeCheckBuiltin } from './other-builtins.js';
import { SegmentArenaBuiltin } from './segment-arena.js';

/** Creates the runner of a builtin by name; gas_builtin and system are not runners. */
export function createBuiltin(name: BuiltinName): BuiltinRunner {
  switch (name) {
    case 'output':
      return new OutputBuiltin();
    case 'pedersen':
      return new PedersenBuiltin();
    case 'range_check':
      return new RangeCheckBuiltin(128);
    case 'range_check96':
      return new RangeCheckBuiltin(96);
    case 'ecdsa':
      return new EcdsaBuiltin();
    case 'bitwise':
      return new BitwiseBuiltin();
    case 'ec_op':
      return new EcOpBuiltin();
    case 'keccak':
      return new KeccakBuiltin();
    case 'poseidon':
      return new PoseidonBuiltin();
    case 'segment_arena':
      return new SegmentArenaBuiltin();
    case 'add_mod':
    case 'mul_mod':
      return new ModBuiltin(name);
    default:
      throw vmError('INVALID_PROGRAM', `unknown builtin ${name}`);
  }
}
