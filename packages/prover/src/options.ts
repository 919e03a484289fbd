import { ProverError } from './errors.js';

/**
 * Hash used for Merkle commitments (the Fiat–Shamir channel is always keccak): keccak (EVM opcode),
 * poseidon (cheap in Cairo), sha256 (native in Node, an EVM precompile).
 */
export type MerkleHashName = 'keccak' | 'poseidon' | 'sha256';

/** STARK parameters; security ≈ logBlowup · queries + powBits (conjectured, see README). */
export interface ProofOptions {
  /** log2 of the LDE blowup factor (evaluation domain size / trace length). */
  logBlowup: number;
  /** Number of FRI queries. */
  queries: number;
  /** Proof-of-work grinding bits required before the queries are drawn. */
  powBits: number;
  /** FRI stops folding when the degree bound is at most this (a power of two). */
  lastLayerDegreeBound: number;
  /** log2 of the FRI folding factor of each committed layer (after the first binary fold). */
  friStepLog: number;
  /** Merkle commitment hash. */
  merkleHash: MerkleHashName;
}

/**
 * Defaults: blowup 4, 40 queries, 16 grinding bits = 96 bits; keccak commitments. With single-row trace
 * openings a 2^18-step Cairo proof stays near 200 KiB, and blowup 4 halves the LDE work of blowup 8.
 */
export const DEFAULT_PROOF_OPTIONS: Readonly<ProofOptions> = Object.freeze({
  logBlowup: 2,
  queries: 40,
  powBits: 16,
  lastLayerDegreeBound: 64,
  friStepLog: 3,
  merkleHash: 'keccak',
});

/**
 * Smaller proofs at about 1.6× the proving work: blowup 8, 27 queries, 16 grinding bits = 97 bits
 * (fewer queried rows).
 */
export const COMPACT_PROOF_OPTIONS: Readonly<ProofOptions> = Object.freeze({
  ...DEFAULT_PROOF_OPTIONS,
  logBlowup: 3,
  queries: 27,
});

/** Conjectured security in bits of a parameter set. */
export function securityBits(o: ProofOptions): number {
  return o.logBlowup * o.queries + o.powBits;
}

/** Fills defaults and checks ranges; throws INVALID_OPTIONS. */
export function resolveOptions(partial: Partial<ProofOptions> = {}): ProofOptions {
  const o: ProofOptions = { ...DEFAULT_PROOF_OPTIONS, ...partial };
  const bad = (msg: string) => new ProverError('INVALID_OPTIONS', msg, { options: { ...o } });
  if (!Number.isInteger(o.logBlowup) || o.logBlowup < 1 || o.logBlowup > 6)
    throw bad('logBlowup must be 1..6');
  if (!Number.isInteger(o.queries) || o.queries < 1 || o.queries > 256) throw bad('queries must be 1..256');
  if (!Number.isInteger(o.powBits) || o.powBits < 0 || o.powBits > 32) throw bad('powBits must be 0..32');
  if (!Number.isInteger(o.friStepLog) || o.friStepLog < 1 || o.friStepLog > 4)
    throw bad('friStepLog must be 1..4');
  const l = o.lastLayerDegreeBound;
  if (!Number.isInteger(l) || l < 1 || (l & (l - 1)) !== 0)
    throw bad('lastLayerDegreeBound must be a power of 2');
  if (!['keccak', 'poseidon', 'sha256'].includes(o.merkleHash)) {
    throw bad('merkleHash must be keccak, poseidon or sha256');
  }
  return o;
}
