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
  parseSierraJson,
  parseSierraText,
  SierraError,
} from '@starling/sierra';
import type { Command } from 'commander';

interface CompileFlags {
  out?: string;
  allowedLibfuncs: string;
  maxBytecodeSize: string;
  pythonicHints: boolean;
  casm?: boolean;
}

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
    .action((input: string, flags: CompileFlags) => {
      try {
        const text = readFileSync(input, 'utf8');
        const isProgramJson = input.endsWith('.json') && !text.includes('"sierra_program"');
        if (input.endsWith('.sierra') || isProgramJson) {
          const program = isProgramJson ? parseSierraJson(text) : parseSierraText(text);
          const compiled = compileProgram(program, { gasUsageCheck: true });
          if (flags.casm) {
            process.stdout.write(casmProgramToString(compiled));
            return;
          }
          const { bytecode, hints } = assembleProgram(compiled);
          const out = flags.out ?? input.replace(/(\.sierra)?(\.json)?$/, '.casm.json');
          writeFileSync(
            out,
            `${JSON.stringify({ bytecode: bytecode.map(hex), hints: hints.map(([pc, hs]) => [pc, hs.map(hintToJson)]) }, null, 2)}\n`,
          );
          console.log(`wrote ${out} (${bytecode.length} felts)`);
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
