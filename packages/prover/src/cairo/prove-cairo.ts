import { ProverError } from '../errors.js';
import type { ProofOptions } from '../options.js';
import type { StarkProof } from '../stark/proof.js';
import { type ProgressFn, prove } from '../stark/prover.js';
import { type VerifyOptions, verify } from '../stark/verifier.js';
import { CairoAir } from './cairo-air.js';
import { CairoLayout } from './layout.js';
import type { CairoPublicInput } from './public-input.js';
import { buildCairoTrace, type CairoExecution } from './trace-builder.js';

/** Throws UNSUPPORTED_BUILTIN when the run used a builtin this layout cannot prove. */
export function checkBuiltins(pub: CairoPublicInput): void {
  new CairoLayout(pub);
}

/** Proves a Cairo execution (trace, memory and public input from the VM in proof mode). */
export function proveCairo(
  exec: CairoExecution,
  options: Partial<ProofOptions> = {},
  progress?: ProgressFn,
): StarkProof {
  checkBuiltins(exec.publicInput);
  const { columns, n } = buildCairoTrace(exec);
  return prove(new CairoAir(exec.publicInput, n), columns, options, progress);
}

/** Verifies a Cairo proof against its public input; throws VerificationError. */
export function verifyCairo(proof: StarkProof, pub: CairoPublicInput, settings: VerifyOptions = {}): void {
  const n = proof.traceLength;
  if (!Number.isSafeInteger(n) || n < 2 || n > 1 << 28 || (n & (n - 1)) !== 0 || n < pub.nSteps) {
    throw new ProverError('INVALID_PROOF', 'trace length is not a power of two covering n_steps', { n });
  }
  checkBuiltins(pub);
  verify(new CairoAir(pub, n), proof, settings);
}
