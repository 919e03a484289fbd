import { readFileSync, writeFileSync } from 'node:fs';
import {
  assembleProgram,
  casmClassToJson,
  casmProgramToString,
  compileContractClass,
  compiledClassHashV1,
  compiledClassHashV2,
  compileProgram,
  hintToJson,
  MAX_BYTECODE_SIZE,
  parseProofArgs,
  parseSierraJson,
  parseSierraText,
  SierraError,
  wrapProgramForProof,
  wrapProgramForRun,
} from '@starling/sierra';
import type { Command } from 'commander';

interface CompileFlags {
  out?: string;
  allowedLibfuncs: string;
  maxBytecodeSize: string;
  pythonicHints: boolean;
  casm?: boolean;
  function?: string;
  wrapper: boolean;
  gasMetadata: string;
  proofMode?: boolean;
  args?: string;
}

// Libfuncs that need gas metadata; without them the program compiles with ap changes only, as the
// upstream runner does when no gas is available (recursion without withdraw_gas has no gas solution).
const GAS_LIBFUNCS = /^(withdraw_gas|withdraw_gas_all|redeposit_gas|get_unspent_gas|get_builtin_costs)$/;

const hex = (v: bigint) => `0x${v.toString(16)}`;

/** `starling compile <file>`: Sierra contract class → compiled class (or a Sierra text program → CASM). */
export function registerCompileCommand(program: Command): void {
  program
    .command('compile')
    .description(
      'compile a Sierra contract class (.json) or a Sierra program (.sierra text or .sierra.json) to CASM',
    )
    .argument('<input>', 'contract_class.json or program.sierra')
    .option('-o, --out <file>', 'output file (default: next to the input)')
    .option('--allowed-libfuncs <list>', "allowed libfunc list: 'audited', 'all' or 'none'", 'audited')
    .option('--max-bytecode-size <n>', 'maximum bytecode size in felts', String(MAX_BYTECODE_SIZE))
    .option('--no-pythonic-hints', 'omit pythonic_hints from the compiled class')
    .option('--casm', 'for a .sierra program, print the CASM text instead of writing JSON')
    .option(
      '--function <name>',
      'for a program: the function the entry code calls (default: main, else the first)',
    )
    .option('--no-wrapper', 'for a program: write the bare CASM without the entry code')
    .option(
      '--proof-mode',
      'for a program: proof-mode entry code (output builtin, value written to output, ends in jmp rel 0)',
    )
    .option(
      '--args <args>',
      "with --proof-mode: the function's arguments, built into the entry code (felts; arrays in brackets: '1 [2 3] 4')",
    )
    .option(
      '--gas-metadata <mode>',
      "for a program: 'on' (gas metadata and gas check), 'off' (ap changes only) or 'auto' (on if it uses gas)",
      'auto',
    )
    .action((input: string, flags: CompileFlags) => {
      try {
        if (flags.args !== undefined && flags.proofMode !== true) {
          throw new SierraError(
            'SIERRA_INVALID_ARGUMENTS',
            '--args builds the arguments into proof-mode entry code: add --proof-mode (other runs take them from starling run --args)',
          );
        }
        const text = readFileSync(input, 'utf8');
        const isProgramJson = input.endsWith('.json') && !text.includes('"sierra_program"');
        if (input.endsWith('.sierra') || isProgramJson) {
          const program = isProgramJson ? parseSierraJson(text) : parseSierraText(text);
          const usesGas =
            flags.gasMetadata === 'on' ||
            (flags.gasMetadata === 'auto' &&
              program.libfuncs.some((l) => GAS_LIBFUNCS.test(l.longId.genericId)));
          const compiled = compileProgram(
            program,
            usesGas ? { gasUsageCheck: true } : { apChangeOnly: true },
          );
          if (flags.casm) {
            process.stdout.write(casmProgramToString(compiled));
            return;
          }
          const out = flags.out ?? input.replace(/(\.sierra)?(\.json)?$/, '.casm.json');
          const hintsJson = (hints: ReturnType<typeof assembleProgram>['hints']) =>
            hints.map(([pc, hs]) => [pc, hs.map(hintToJson)]);
          if (!flags.wrapper) {
            const { bytecode, hints } = assembleProgram(compiled);
            writeFileSync(
              out,
              `${JSON.stringify({ bytecode: bytecode.map(hex), hints: hintsJson(hints) }, null, 2)}\n`,
            );
            console.log(`wrote ${out} (${bytecode.length} felts)`);
            return;
          }
          if (flags.proofMode) {
            const args = flags.args !== undefined ? parseProofArgs(flags.args) : [];
            const w = wrapProgramForProof(compiled, flags.function, undefined, args);
            const json = {
              bytecode: w.bytecode.map(hex),
              hints: hintsJson(w.hints),
              builtins: w.builtins,
              proof_mode: { function: w.function, start: w.start, end: w.end, output_cells: w.outputCells },
            };
            writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
            console.log(
              `wrote ${out} (${w.bytecode.length} felts, proof-mode entry code calling ${w.function})`,
            );
            console.log(
              `run it with: starling run ${out} --proof-mode --trace-file <f> --memory-file <f> ...`,
            );
            return;
          }
          // cairo1-run style: entry code at offset 0 sets up System/SegmentArena and calls the function.
          const w = wrapProgramForRun(compiled, flags.function);
          const json = {
            bytecode: w.bytecode.map(hex),
            hints: hintsJson(w.hints),
            builtins: w.builtins,
            entry: {
              function: w.function,
              arg_cells: w.argCells,
              return_cells: w.returnCells,
              code_offset: w.entrySize,
              panic_ok_cells: w.panicOkCells ?? null,
              required_gas: w.requiredGas,
            },
          };
          writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
          console.log(
            `wrote ${out} (${w.bytecode.length} felts, entry code ${w.entrySize} felts calling ${w.function})`,
          );
          // The JSON records the builtins, return cells and entry cost, so `run` needs only inputs.
          const gasFlag = w.builtins.includes('gas_builtin') ? ' --available-gas <n>' : '';
          const argsFlag = w.argCells ? ` --args <${w.argCells} felts>` : '';
          console.log(`run it with: starling run ${out}${gasFlag}${argsFlag}`);
          return;
        }
        const allowed =
          flags.allowedLibfuncs === 'none' ? undefined : (flags.allowedLibfuncs as 'audited' | 'all');
        const casm = compileContractClass(text, {
          allowedLibfuncs: allowed,
          maxBytecodeSize: Number(flags.maxBytecodeSize),
          addPythonicHints: flags.pythonicHints,
        });
        const out = flags.out ?? input.replace(/(\.contract_class)?\.json$/, '.compiled_contract_class.json');
        writeFileSync(out, `${JSON.stringify(casmClassToJson(casm), null, 2)}\n`);
        console.log(`wrote ${out} (${casm.bytecode.length} felts)`);
        console.log(`compiled_class_hash (v2, blake2s): ${hex(compiledClassHashV2(casm))}`);
        console.log(`compiled_class_hash (v1, poseidon): ${hex(compiledClassHashV1(casm))}`);
      } catch (e) {
        if (e instanceof SierraError) {
          console.error(`error (${e.rpcError}, ${e.code}): ${e.message}`);
          process.exitCode = 1;
          return;
        }
        throw e;
      }
    });
}
