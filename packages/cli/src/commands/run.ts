import { readFileSync, writeFileSync } from 'node:fs';
import {
  type BuiltinName,
  type CompiledClass,
  type EntryPointType,
  type FunctionArg,
  loadCairo0Program,
  loadCasmProgram,
  loadCompiledClass,
  type MaybeRelocatable,
  type Relocatable,
  runEntryPoint,
  runFunction,
  runProofMode,
  type SyscallHandler,
  type VirtualMachine,
  VmError,
  wrapFunctionForProof,
} from '@starling/cairo-vm';
import { snKeccak } from '@starling/crypto';
import { decodeShortString } from '@starling/felt';
import { type Command, Option } from 'commander';
import { describeResult, type EntryInfo, entryInfoOf } from '../program-result.js';
import { ProgramSyscallHandler } from '../program-syscalls.js';

interface RunFlags {
  entryPoint?: string;
  type: string;
  calldata?: string;
  args?: string;
  builtins?: string;
  gas?: string;
  availableGas?: string;
  offset?: string;
  maxSteps?: string;
  proofMode?: boolean;
  traceFile?: string;
  memoryFile?: string;
  airPublicInput?: string;
  airPrivateInput?: string;
  layout: string;
  start?: string;
  end?: string;
  returns?: string;
  storage?: string[];
  stwoOpcodes?: boolean;
  allowMissingBuiltins?: boolean;
  layoutCapacity: 'pad' | 'check' | 'none';
}

const felts = (s: string | undefined): bigint[] =>
  (s ?? '')
    .split(/[\s,]+/)
    .filter((x) => x !== '')
    .map((x) => BigInt(x));

const show = (v: MaybeRelocatable): string =>
  typeof v === 'bigint' ? `0x${v.toString(16)}` : `${v.segment}:${v.offset}`;

function selectorOf(nameOrSelector: string): bigint {
  if (/^(0x[0-9a-fA-F]+|\d+)$/.test(nameOrSelector)) return BigInt(nameOrSelector);
  // sn_keccak of the name; __default__ / __l1_default__ are not special here.
  return snKeccak(new TextEncoder().encode(nameOrSelector));
}

/**
 * A stand-alone syscall host for trying entry points from the command line: storage in memory
 * (seeded with --storage key=value), events collected, a zeroed execution info. Other syscalls
 * stop the run with an error. The execution package provides the real host.
 */
class CliHost implements SyscallHandler {
  readonly storage = new Map<bigint, bigint>();
  readonly events: { keys: string[]; data: string[] }[] = [];

  systemCall(vm: VirtualMachine, ptr: Relocatable): void {
    const m = vm.memory;
    const at = (i: number): Relocatable => ({ segment: ptr.segment, offset: ptr.offset + i });
    const name = decodeShortString(m.getFelt(at(0)));
    const gas = m.getFelt(at(1));
    const arr = (values: MaybeRelocatable[]): [Relocatable, Relocatable] => {
      const seg = m.addSegment().index;
      m.load({ segment: seg, offset: 0 }, values);
      return [
        { segment: seg, offset: 0 },
        { segment: seg, offset: values.length },
      ];
    };
    const span = (i: number): bigint[] => {
      const s = m.getRel(at(i));
      return m.getFelts(s, m.getRel(at(i + 1)).offset - s.offset);
    };
    if (name === 'StorageRead') m.load(at(4), [gas, 0n, this.storage.get(m.getFelt(at(3))) ?? 0n]);
    else if (name === 'StorageWrite') {
      this.storage.set(m.getFelt(at(3)), m.getFelt(at(4)));
      m.load(at(5), [gas, 0n]);
    } else if (name === 'EmitEvent') {
      this.events.push({ keys: span(2).map(show), data: span(4).map(show) });
      m.load(at(6), [gas, 0n]);
    } else if (name === 'GetExecutionInfo') {
      const [block] = arr([0n, 0n, 0n]);
      const [empty, emptyEnd] = arr([]);
      const [tx] = arr([
        3n,
        0n,
        0n,
        empty,
        emptyEnd,
        0n,
        0n,
        0n,
        empty,
        emptyEnd,
        0n,
        empty,
        emptyEnd,
        0n,
        0n,
        empty,
        emptyEnd,
      ]);
      const [info] = arr([block, tx, 0n, 0n, 0n]);
      m.load(at(2), [gas, 0n, info]);
    } else {
      // A failure response sits after the request, whose size depends on the selector; rather than
      // guess the layout, unsupported syscalls stop the run with a clear error.
      throw new VmError('HINT_FAILED', `starling run: syscall ${name} is not available without a node`);
    }
  }
}

function runClass(cls: CompiledClass, flags: RunFlags): void {
  const type = flags.type.toUpperCase() as EntryPointType;
  if (flags.entryPoint === undefined) {
    const names = cls.entryPoints[type].map((e) => `0x${e.selector.toString(16)}`);
    throw new Error(`--entry-point is required; ${type} selectors: ${names.join(', ')}`);
  }
  const selector = selectorOf(flags.entryPoint);
  const ep = cls.entryPoints[type].find((e) => e.selector === selector);
  if (ep === undefined) throw new Error(`no ${type} entry point with selector 0x${selector.toString(16)}`);
  const host = new CliHost();
  for (const kv of flags.storage ?? []) {
    const [k, v] = kv.split('=');
    host.storage.set(BigInt(k ?? '0'), BigInt(v ?? '0'));
  }
  const res = runEntryPoint(cls.program, ep, felts(flags.calldata), {
    syscallHandler: host,
    ...(flags.gas !== undefined ? { initialGas: BigInt(flags.gas) } : {}),
    ...(flags.maxSteps !== undefined ? { maxSteps: Number(flags.maxSteps) } : {}),
  });
  console.log(
    JSON.stringify(
      {
        failed: res.failed,
        retdata: res.retdata.map(show),
        gas_consumed: res.gasConsumed.toString(),
        execution_resources: res.resources,
        events: host.events,
        storage: Object.fromEntries([...host.storage].map(([k, v]) => [show(k), show(v)])),
      },
      null,
      2,
    ),
  );
}

function runProgram(text: string, flags: RunFlags): void {
  const json = text.trimStart().startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  const cairo0 = json !== undefined && Array.isArray(json.data) ? loadCairo0Program(json) : undefined;
  const program = cairo0?.program ?? loadCasmProgram(json !== undefined ? (json as never) : text);
  const builtins = (flags.builtins?.split(',').filter((b) => b !== '') ??
    cairo0?.builtins ??
    []) as BuiltinName[];
  const maxSteps = flags.maxSteps !== undefined ? { maxSteps: Number(flags.maxSteps) } : {};
  if (flags.proofMode === true) {
    // `starling compile --proof-mode` records the labels and the builtins of its entry code.
    const proof = json?.proof_mode as { start: number; end: number } | undefined;
    let start = flags.start !== undefined ? Number(flags.start) : (cairo0?.start ?? proof?.start);
    let end = flags.end !== undefined ? Number(flags.end) : (cairo0?.end ?? proof?.end);
    let proofProgram = program;
    let proofBuiltins =
      flags.builtins === undefined && proof !== undefined && Array.isArray(json?.builtins)
        ? (json.builtins as BuiltinName[])
        : builtins;
    let nResults = 0;
    if (start === undefined || end === undefined) {
      // A CASM function: wrap it (push implicits and arguments, call, end in `jmp rel 0`).
      nResults = Number(flags.returns ?? 1);
      const w = wrapFunctionForProof(program, {
        implicits: builtins,
        args: felts(flags.args),
        offset: flags.offset !== undefined ? Number(flags.offset) : 0,
        nResults,
        ...(flags.gas !== undefined ? { gas: BigInt(flags.gas) } : {}),
      });
      ({ start, end } = w);
      proofProgram = w.program;
      proofBuiltins = w.builtins;
    }
    const run = runProofMode(proofProgram, {
      builtins: proofBuiltins,
      start,
      end,
      layout: flags.layout,
      stwoOpcodes: flags.stwoOpcodes === true,
      allowMissingBuiltins: flags.allowMissingBuiltins === true,
      layoutCapacity: flags.layoutCapacity,
      appendBuiltinCosts: cairo0 === undefined,
      ...maxSteps,
    });
    const tracePath = flags.traceFile ?? 'trace.bin';
    const memoryPath = flags.memoryFile ?? 'memory.bin';
    if (flags.traceFile !== undefined) writeFileSync(flags.traceFile, run.trace());
    if (flags.memoryFile !== undefined) writeFileSync(flags.memoryFile, run.memory());
    if (flags.airPublicInput !== undefined) {
      writeFileSync(flags.airPublicInput, JSON.stringify(run.publicInput(), null, 2));
    }
    if (flags.airPrivateInput !== undefined) {
      writeFileSync(flags.airPrivateInput, JSON.stringify(run.privateInput(tracePath, memoryPath), null, 2));
    }
    const results =
      nResults > 0
        ? run.runner
            .returnValues(proofBuiltins.length + nResults)
            .slice(0, nResults)
            .map(show)
        : [];
    const out = run.runner.builtin('output');
    const output =
      out?.base !== undefined && out.stopPtr !== undefined
        ? Array.from({ length: out.stopPtr }, (_, i) => {
            const v = run.runner.vm.memory.get({ segment: out.base, offset: i });
            return v === undefined ? '?' : show(v);
          })
        : undefined;
    console.log(
      JSON.stringify(
        {
          return_values: results,
          ...(output !== undefined ? { output } : {}),
          n_steps: run.runner.vm.steps,
          execution_resources: run.runner.resources(),
        },
        null,
        2,
      ),
    );
    return;
  }
  const entry = json !== undefined ? entryInfoOf(json) : undefined;
  const runBuiltins = ((flags.builtins === undefined ? entry?.builtins : undefined) ??
    builtins) as BuiltinName[];
  const args: FunctionArg[] = felts(flags.args);
  const host = new ProgramSyscallHandler();
  const runner = runFunction(program, {
    builtins: runBuiltins,
    args,
    ...gasOption(flags, runBuiltins, entry),
    offset: flags.offset !== undefined ? Number(flags.offset) : (cairo0?.main ?? 0),
    trace: flags.traceFile !== undefined,
    stwoOpcodes: flags.stwoOpcodes === true,
    syscallHandler: host,
    ...maxSteps,
  });
  const n = Number(flags.returns ?? entry?.returnCells ?? 1);
  const cells = runner.returnValues(n);
  const report: Record<string, unknown> = {
    return_values: cells.map(show),
    execution_resources: runner.resources(),
  };
  if (entry !== undefined && flags.returns === undefined) {
    const all = runner.returnValues(runBuiltins.length + n);
    Object.assign(report, describeResult(runner.vm.memory, entry, runBuiltins, all));
  }
  if (host.calls.size > 0) {
    report.syscalls = Object.fromEntries(host.calls);
    report.events = host.events.map((e) => ({ keys: e.keys.map(show), data: e.data.map(show) }));
    report.storage = Object.fromEntries([...host.storage].map(([k, v]) => [show(k), show(v)]));
  }
  console.log(JSON.stringify(report, null, 2));
}

/** The initial gas: --gas as is, or --available-gas less the function's own entry cost (as cairo-run). */
function gasOption(
  flags: RunFlags,
  builtins: readonly string[],
  entry: EntryInfo | undefined,
): { gas?: bigint } {
  if (flags.gas !== undefined) return { gas: BigInt(flags.gas) };
  if (!builtins.includes('gas_builtin')) return {};
  if (flags.availableGas === undefined) {
    throw new VmError('INVALID_PROGRAM', 'the program uses gas: give --available-gas <n> (or --gas <n>)');
  }
  const gas = BigInt(flags.availableGas) - BigInt(entry?.requiredGas ?? 0);
  if (gas < 0n)
    throw new VmError('INVALID_PROGRAM', `not enough gas to call the function (needs ${entry?.requiredGas})`);
  return { gas };
}

/** `starling run`: run a compiled class entry point or a CASM / Cairo 0 program on the Cairo VM. */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run a compiled contract class entry point, or a CASM / Cairo 0 program, on the Cairo VM')
    .argument(
      '<file>',
      '.compiled_contract_class.json, CASM text, {bytecode, hints} JSON or Cairo 0 compiled JSON',
    )
    .option('-e, --entry-point <name|selector>', 'class entry point, by name or selector')
    .option('--type <type>', 'entry point type: EXTERNAL, L1_HANDLER or CONSTRUCTOR', 'EXTERNAL')
    .option('--calldata <felts>', 'entry point calldata (comma or space separated)')
    .option('--args <felts>', 'program function arguments (comma or space separated)')
    .option('--builtins <list>', 'program implicits in order, e.g. range_check,gas_builtin,pedersen')
    .option('--gas <n>', 'initial gas of the gas builtin')
    .option(
      '--available-gas <n>',
      'for a compiled program: gas available to the run, less the entry cost of its function (as cairo-run)',
    )
    .option('--offset <n>', 'program function offset')
    .option(
      '--returns <n>',
      'number of return cells to print for a program (default: what `starling compile` recorded, else 1)',
    )
    .option('--max-steps <n>', 'step limit')
    .option('--storage <key=value...>', 'initial storage of the contract (class entry points)')
    .option('--proof-mode', 'run from __start__ to __end__ and pad the trace (prover inputs)')
    .option('--start <n>', 'proof mode start offset')
    .option('--end <n>', 'proof mode end offset')
    .option('--trace-file <path>', 'write the relocated trace (ap, fp, pc as u64 LE per step)')
    .option('--memory-file <path>', 'write the relocated memory (u64 LE address + 32-byte LE value)')
    .option('--air-public-input <path>', 'write air_public_input.json (proof mode)')
    .option('--air-private-input <path>', 'write air_private_input.json (proof mode)')
    .option('--layout <name>', 'layout (builtins available, name in the AIR public input)', 'all_cairo')
    .addOption(
      new Option(
        '--layout-capacity <mode>',
        "when the layout's fixed builtin ratios cannot hold the run: pad the trace (Stone), check (fail), none (our prover)",
      )
        .choices(['pad', 'check', 'none'])
        .default('none'),
    )
    .option('--allow-missing-builtins', 'pass 0 for program builtins the layout lacks')
    .option('--stwo-opcodes', 'accept the Stwo-only Blake2s and QM31 opcodes')
    .action((file: string, flags: RunFlags) => {
      try {
        const text = readFileSync(file, 'utf8');
        const json = text.trimStart().startsWith('{')
          ? (JSON.parse(text) as Record<string, unknown>)
          : undefined;
        if (json !== undefined && json.entry_points_by_type !== undefined)
          runClass(loadCompiledClass(json), flags);
        else runProgram(text, flags);
      } catch (e) {
        if (e instanceof VmError) {
          console.error(`error: ${e.code}: ${e.message}`);
          process.exitCode = 1;
          return;
        }
        throw e;
      }
    });
}
