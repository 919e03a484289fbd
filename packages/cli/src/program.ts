import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerCompileCommand } from './commands/compile.js';
import { registerDevnetCommand } from './commands/devnet.js';
import { registerProveCommand } from './commands/prove.js';
import { registerRunCommand } from './commands/run.js';
import { registerSequencerCommand } from './commands/sequencer.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Builds the `starling` command tree. */
export function buildProgram(): Command {
  const program = new Command('starling')
    .description(
      'Starling: a Starknet-compatible validity rollup (sequencer, Cairo VM, prover, L1 settlement)',
    )
    .version(pkg.version, '-V, --version', 'print the Starling version')
    .showHelpAfterError()
    .configureOutput({ outputError: (text, write) => write(`error: ${text.replace(/^error: /, '')}`) });
  registerDevnetCommand(program);
  registerSequencerCommand(program);
  registerRunCommand(program);
  registerCompileCommand(program);
  registerProveCommand(program);
  return program;
}
