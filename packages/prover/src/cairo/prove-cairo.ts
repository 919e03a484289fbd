import { ProverError } from '../errors.js';
import type { ProofOptions } from '../options.js';
import type { StarkProof } from '../stark/proof.js';
import { type ProgressFn, prove } from '../stark/prover.js';
import { type VerifyOptions, verify } from '../stark/verifier.js';
import { CairoAir } from './cairo-air.js';
import type { CairoPublicInput } from './public-input.js';
import { buildCairoTrace, type CairoExecution } from './trace-builder.js';

/** Segments that need no AIR of their own. */
const FREE_SEGMENTS = new Set(['program', 'execution', 'output', 'segment_arena', 'gas_builtin', 'system']);

/** Throws UNSUPPORTED_BUILTIN when the run used a builtin this layout cannot prove. */
export function checkBuiltins(pub: CairoPublicInput): void {
  for (const [name, s] of Object.entries(pub.segments)) {
    if (FREE_SEGMENTS.has(name) || s.stop <= s.begin) continue;
    throw new ProverError(
      'UNSUPPORTED_BUILTIN',
      `builtin ${name} is used but has no AIR in this layout yet`,
      {
        builtin: name,
      },
    );
  }
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
