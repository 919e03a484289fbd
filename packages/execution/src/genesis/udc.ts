// The Universal Deployer's class: our Cairo source (cairo/udc.cairo) compiled to Sierra by wasm-cairo
// (fixtures/udc.contract_class.json), and to CASM by the sierra package.
import { readFileSync } from 'node:fs';
import { parseSierraClass, type SierraClass } from '@starling/protocol';
import { compileSierraClass } from '../classes/compile-class.js';
import { executionError } from '../errors.js';
import type { GenesisClass } from './genesis.js';

/** The UDC's Sierra class (same path from src/ and dist/). */
export function udcSierraClass(): SierraClass {
  const url = new URL('../../fixtures/udc.contract_class.json', import.meta.url);
  return parseSierraClass(JSON.parse(readFileSync(url, 'utf8')));
}

/** The UDC with its CASM; throws COMPILATION_FAILED while the compiler cannot compile it. */
export function udcGenesisClass(): GenesisClass {
  const sierra = udcSierraClass();
  try {
    return { sierra, casm: compileSierraClass(sierra) };
  } catch (e) {
    throw executionError('COMPILATION_FAILED', `UDC: ${e instanceof Error ? e.message : String(e)}`);
  }
}
