export { ProverError, type ProverErrorCode, VerificationError } from './errors.js';
export {
  DEFAULT_PROOF_OPTIONS,
  type MerkleHashName,
  type ProofOptions,
  resolveOptions,
  securityBits,
} from './options.js';
export type { Air, ConstraintDomain, ConstraintSpec } from './stark/air.js';
export { Channel } from './stark/channel.js';
export { checkConstraints } from './stark/constraint-check.js';
export { cosetEvaluate, cosetInterpolate, evaluateAt } from './stark/domain.js';
export { foldPair, friFoldCount } from './stark/fri.js';
export {
  keccakHasher,
  type MerkleHasher,
  MerkleTree,
  merkleHasher,
  poseidonHasher,
  verifyMerkle,
} from './stark/merkle.js';
export { bigintPolyBackend, getPolyBackend, type PolyBackend, setPolyBackend } from './stark/poly.js';
export type { StarkProof } from './stark/proof.js';
export { type ProgressFn, prove } from './stark/prover.js';
export { deserializeProof, serializeProof } from './stark/serialize.js';
export { isValidProof, type VerifyOptions, verify } from './stark/verifier.js';
