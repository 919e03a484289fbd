import { ProverError } from '../errors.js';
import type { StarkProof } from '../stark/proof.js';
import { deserializeProof, serializeProof } from '../stark/serialize.js';
import { CAIRO_AIR_ID } from './cairo-air.js';
import { type CairoPublicInput, parseAirPublicInput, publicInputToJson } from './public-input.js';

/** A self-contained Cairo proof file: the public input (air_public_input format) and the STARK proof. */
export function encodeCairoProofFile(proof: StarkProof, pub: CairoPublicInput): string {
  return `{"format":"starling-cairo-proof-1","publicInput":${JSON.stringify(publicInputToJson(pub))},"proof":${serializeProof(proof)}}\n`;
}

/** Parses a proof file written by encodeCairoProofFile; throws INVALID_PROOF_FORMAT. */
export function decodeCairoProofFile(text: string): { proof: StarkProof; publicInput: CairoPublicInput } {
  let j: { format?: unknown; publicInput?: unknown; proof?: unknown };
  try {
    j = JSON.parse(text) as typeof j;
  } catch {
    throw new ProverError('INVALID_PROOF_FORMAT', 'proof file is not JSON');
  }
  if (j.format !== 'starling-cairo-proof-1')
    throw new ProverError('INVALID_PROOF_FORMAT', 'not a Starling Cairo proof file');
  const proof = deserializeProof(JSON.stringify(j.proof));
  if (!proof.airId.startsWith(`${CAIRO_AIR_ID}/`))
    throw new ProverError('INVALID_PROOF_FORMAT', `unexpected AIR ${proof.airId}`);
  return { proof, publicInput: parseAirPublicInput(j.publicInput) };
}
