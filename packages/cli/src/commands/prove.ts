import { readFileSync, writeFileSync } from 'node:fs';
import {
  decodeCairoProofFile,
  encodeCairoProofFile,
  type MerkleHashName,
  ProverError,
  parseAirPrivateInput,
  parseAirPublicInput,
  proveCairo,
  readMemoryFile,
  readTraceFile,
  securityBits,
  setProverThreads,
  VerificationError,
  verifyCairo,
} from '@starling/prover';
import type { Command } from 'commander';

const int = (v: string) => {
  const n = Number.parseInt(v, 10);
  if (!Number.isInteger(n)) throw new Error(`not an integer: ${v}`);
  return n;
};

function progressBar(enabled: boolean) {
  let last = '';
  return (phase: string, fraction: number) => {
    if (!enabled) return;
    const width = 30;
    const done = Math.round(fraction * width);
    const line = `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${Math.round(fraction * 100)}% ${phase}`;
    if (line !== last) process.stderr.write(`\r${line.padEnd(60)}`);
    last = line;
    if (fraction >= 1) process.stderr.write('\n');
  };
}

/** `starling prove` and `starling verify`: STARK proofs of Cairo executions from proof-mode VM files. */
export function registerProveCommand(program: Command): void {
  program
    .command('prove')
    .description('prove a Cairo execution (files written by the VM in proof mode)')
    .requiredOption('--trace <file>', 'relocated trace file')
    .requiredOption('--memory <file>', 'relocated memory file')
    .requiredOption('--public-input <file>', 'air_public_input.json')
    .option('--private-input <file>', 'air_private_input.json')
    .requiredOption('--out <file>', 'where to write the proof (JSON)')
    .option('--log-blowup <n>', 'log2 of the LDE blowup', int)
    .option('--queries <n>', 'number of FRI queries', int)
    .option('--pow-bits <n>', 'proof-of-work grinding bits', int)
    .option('--hash <name>', 'Merkle hash: keccak, poseidon or sha256')
    .option('--threads <n>', 'worker threads for Keccak commitments', int)
    .option('--quiet', 'no progress bar')
    .action((o) => {
      try {
        if (o.privateInput) parseAirPrivateInput(JSON.parse(readFileSync(o.privateInput, 'utf8')));
        const publicInput = parseAirPublicInput(JSON.parse(readFileSync(o.publicInput, 'utf8')));
        const options = {
          ...(o.logBlowup !== undefined ? { logBlowup: o.logBlowup } : {}),
          ...(o.queries !== undefined ? { queries: o.queries } : {}),
          ...(o.powBits !== undefined ? { powBits: o.powBits } : {}),
          ...(o.hash !== undefined ? { merkleHash: o.hash as MerkleHashName } : {}),
        };
        if (o.threads !== undefined) setProverThreads(o.threads);
        const t0 = performance.now();
        const proof = proveCairo(
          {
            trace: readTraceFile(readFileSync(o.trace)),
            memory: readMemoryFile(readFileSync(o.memory)),
            publicInput,
          },
          options,
          progressBar(!o.quiet && process.stderr.isTTY === true),
        );
        const text = encodeCairoProofFile(proof, publicInput);
        writeFileSync(o.out, text);
        console.log(
          `proved ${publicInput.nSteps} steps in ${((performance.now() - t0) / 1000).toFixed(1)} s; ` +
            `${securityBits(proof.options)} bits; ${text.length} bytes → ${o.out}`,
        );
      } catch (e) {
        fail(e);
      }
    });

  program
    .command('verify <proof>')
    .description('verify a Cairo proof file; exit status 0 only for a valid proof')
    .option('--min-security <bits>', 'reject proofs with fewer conjectured bits', int, 96)
    .action((file: string, o: { minSecurity: number }) => {
      try {
        const { proof, publicInput } = decodeCairoProofFile(readFileSync(file, 'utf8'));
        verifyCairo(proof, publicInput, { minSecurityBits: o.minSecurity });
        console.log(`valid proof of ${publicInput.nSteps} steps (${securityBits(proof.options)} bits)`);
      } catch (e) {
        fail(e);
      }
    });
}

function fail(e: unknown): never {
  if (e instanceof VerificationError) {
    console.error(`invalid proof: ${e.message}`);
    process.exit(1);
  }
  if (e instanceof ProverError) {
    console.error(`error [${e.code}]: ${e.message}`);
    process.exit(2);
  }
  throw e;
}
