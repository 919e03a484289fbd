export { RangeCheckComponent } from './cairo/builtin-range-check.js';
export { CAIRO_AIR_ID, CairoAir, publicMemoryProduct } from './cairo/cairo-air.js';
export {
  type PrivateInput,
  parseAirPrivateInput,
  readMemoryFile,
  readTraceFile,
  writeMemoryFile,
  writeTraceFile,
} from './cairo/input-files.js';
export { type DecodedInstruction, decodeInstruction, FLAG, NUM_FLAGS } from './cairo/instruction.js';
export { CairoLayout, COL, CPU_WIDTH } from './cairo/layout.js';
export { decodeCairoProofFile, encodeCairoProofFile } from './cairo/proof-file.js';
export { checkBuiltins, proveCairo, verifyCairo } from './cairo/prove-cairo.js';
export {
  type CairoPublicInput,
  type PublicMemoryCell,
  parseAirPublicInput,
  publicInputBytes,
  publicInputToJson,
  type SegmentBounds,
  validatePublicInput,
} from './cairo/public-input.js';
export { buildCairoTrace, type CairoExecution, type RegisterTrace } from './cairo/trace-builder.js';
export { ProverError, type ProverErrorCode, VerificationError } from './errors.js';
export {
  COMPACT_PROOF_OPTIONS,
  DEFAULT_PROOF_OPTIONS,
  type MerkleHashName,
  type ProofOptions,
  resolveOptions,
  securityBits,
} from './options.js';
export { KeccakLeafPool, setProverThreads } from './parallel/hash-pool.js';
export { ProverPool } from './parallel/prover-pool.js';
export type { Air, ConstraintDomain, ConstraintSpec } from './stark/air.js';
export { Channel } from './stark/channel.js';
export { checkConstraints, findViolations } from './stark/constraint-check.js';
export { cosetEvaluate, cosetInterpolate, evaluateAt } from './stark/domain.js';
export { foldPair, friFoldCount } from './stark/fri.js';
export { LdeColumns } from './stark/lde.js';
export {
  keccakHasher,
  type MerkleHasher,
  MerkleTree,
  merkleHasher,
  poseidonHasher,
  sha256Hasher,
  verifyMerkle,
} from './stark/merkle.js';
export {
  bigintPolyBackend,
  getPolyBackend,
  type PolyBackend,
  setPolyBackend,
  wasmPolyBackend,
} from './stark/poly.js';
export type { StarkProof } from './stark/proof.js';
export { proofPayloadBytes } from './stark/proof-size.js';
export { type ProgressFn, prove } from './stark/prover.js';
export { deserializeProof, serializeProof } from './stark/serialize.js';
export { bigintVecField, getVecField, setVecField, type VecField, wasmVecField } from './stark/vec-field.js';
export { isValidProof, type VerifyOptions, verify } from './stark/verifier.js';
