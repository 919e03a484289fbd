// Cairo VM throughput: steps per second on compute loops and on a real ERC20 transfer entry
// point, with and without trace; memory per cell. Figures are per CPU-second (the machine is shared).
import { hash } from 'starknet';
import { report, selected } from '../../../scripts/bench-kit.ts';
import { loadCasmProgram, runFunction, Segment } from '../src/index.ts';
import { artifact } from '../test/helpers/artifacts.ts';
import { call, TestHost } from '../test/helpers/test-host.ts';
import { medianCpuMs } from './cpu-time.ts';

// while i != 0 { a = a * 3 + 1; i -= 1 }: felt multiplications on full-size felts (bigint path).
const MUL_LOOP = loadCasmProgram(`
[ap + 0] = 1, ap++;
[ap + 0] = [fp + -3], ap++;
[ap + 0] = [ap + -2] * 3, ap++;
[ap + 0] = [ap + -1] + 1, ap++;
[ap + -3] = [ap + 0] + 1, ap++;
jmp rel -6 if [ap + -1] != 0;
ret;
`);
// Same loop shape with a = a + 3: every value stays on the small-integer fast path.
const ADD_LOOP = loadCasmProgram(`
[ap + 0] = 1, ap++;
[ap + 0] = [fp + -3], ap++;
[ap + 0] = [ap + -2] + 3, ap++;
[ap + 0] = [ap + -1] + 1, ap++;
[ap + -3] = [ap + 0] + 1, ap++;
jmp rel -6 if [ap + -1] != 0;
ret;
`);

function loopFigure(name: string, program: ReturnType<typeof loadCasmProgram>, iterations: number): void {
  const steps = 4 * iterations + 3;
  runFunction(program, { args: [BigInt(iterations / 10)] }); // warm-up (JIT)
  let noTrace = 0;
  if (selected(`${name} steps/cpu-s`) || selected(`${name} with trace`)) {
    const ms = medianCpuMs(
      () => runFunction(program, { args: [BigInt(iterations)], maxSteps: steps + 10 }),
      3,
    );
    noTrace = (steps * 1000) / ms;
    report(`${name} steps/cpu-s`, noTrace, 'steps/cpu-s');
    report(`${name} CPU time per iteration`, (ms * 1000) / iterations, 'µs');
  }
  if (selected(`${name} with trace`)) {
    const ms = medianCpuMs(
      () => runFunction(program, { args: [BigInt(iterations)], maxSteps: steps + 10, trace: true }),
      3,
    );
    report(`${name} with trace steps/cpu-s`, (steps * 1000) / ms, 'steps/cpu-s', {
      value: noTrace,
      label: 'no trace',
    });
  }
}

loopFigure('vm add loop (small felts)', ADD_LOOP, 500_000);
loopFigure('vm mul loop (a = a*3 + 1, full felts)', MUL_LOOP, 200_000);

if (selected('vm erc20 transfer')) {
  const cls = await artifact('contracts_TestERC20');
  const sel = (n: string): bigint => BigInt(hash.getSelectorFromName(n));
  const host = new TestHost();
  host.caller = 0xabcn;
  call(cls, host, sel('constructor'), [10n ** 30n, 0n, 18n], 'CONSTRUCTOR');
  const transferSel = sel('transfer'); // outside the timed calls (a Keccak per name)
  const transfer = (trace: boolean) =>
    call(cls, host, transferSel, [0xa11cen, 1n, 0n], 'EXTERNAL', { trace });
  const steps = transfer(false).resources.n_steps;
  report('vm erc20 transfer steps per call', steps, 'steps');
  for (let i = 0; i < 300; i++) transfer(false); // warm-up
  // Each call builds a runner, loads the class image, runs the entry point (four Pedersen
  // storage-address hashes, eleven syscalls through the test host) and counts resources.
  const figure = (label: string, runs: number, trace: boolean) => {
    const ms = medianCpuMs(() => {
      for (let i = 0; i < runs; i++) transfer(trace);
    }, 3);
    report(`${label} steps/cpu-s`, (steps * runs * 1000) / ms, 'steps/cpu-s');
    report(`${label} calls/cpu-s`, (runs * 1000) / ms, 'calls/cpu-s');
  };
  figure('vm erc20 transfer', 1000, false);
  figure('vm erc20 transfer with trace', 1000, true);
}

if (selected('vm memory per cell')) {
  report('vm memory per cell (typed arrays)', Segment.bytesPerCell(), 'bytes');
  const runner = runFunction(ADD_LOOP, { args: [300_000n], maxSteps: 2_000_000 });
  let cells = 0;
  let bytes = 0;
  for (const s of runner.vm.memory.segments) {
    cells += s.size;
    bytes += s.tags.byteLength + s.vals.byteLength + s.accessed.byteLength;
  }
  report('vm memory per cell (allocated, incl. growth slack)', bytes / cells, 'bytes');
}
