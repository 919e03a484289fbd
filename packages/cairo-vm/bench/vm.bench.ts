// Cairo VM throughput: steps per second on compute loops and on a real ERC20 transfer entry
// point, with and without trace; memory per cell. Baseline in each figure: the same run without trace.
import { hash } from 'starknet';
import { medianMs, report, selected } from '../../../scripts/bench-kit.ts';
import { clearPedersenCache, loadCasmProgram, runFunction, Segment } from '../src/index.ts';
import { artifact } from '../test/helpers/artifacts.ts';
import { call, TestHost } from '../test/helpers/test-host.ts';

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
  if (selected(`${name} steps/s`) || selected(`${name} with trace`)) {
    const ms = medianMs(() => runFunction(program, { args: [BigInt(iterations)], maxSteps: steps + 10 }), 3);
    noTrace = (steps * 1000) / ms;
    report(`${name} steps/s`, noTrace, 'steps/s');
    report(`${name} time per iteration`, (ms * 1000) / iterations, 'µs');
  }
  if (selected(`${name} with trace`)) {
    const ms = medianMs(
      () => runFunction(program, { args: [BigInt(iterations)], maxSteps: steps + 10, trace: true }),
      3,
    );
    report(`${name} with trace steps/s`, (steps * 1000) / ms, 'steps/s', {
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
  const transfer = (trace: boolean) =>
    call(cls, host, sel('transfer'), [0xa11cen, 1n, 0n], 'EXTERNAL', { trace });
  const steps = transfer(false).resources.n_steps;
  report('vm erc20 transfer steps per call', steps, 'steps');
  for (let i = 0; i < 300; i++) transfer(false); // warm-up
  const figure = (label: string, runs: number, trace: boolean, cold: boolean) => {
    const ms = medianMs(() => {
      for (let i = 0; i < runs; i++) {
        if (cold) clearPedersenCache();
        transfer(trace);
      }
    }, 3);
    report(`${label} steps/s`, (steps * runs * 1000) / ms, 'steps/s');
    report(`${label} calls/s`, (runs * 1000) / ms, 'calls/s');
  };
  // Warm: the four Pedersen storage-address hashes come from the builtin's result cache.
  figure('vm erc20 transfer', 1000, false, false);
  figure('vm erc20 transfer with trace', 1000, true, false);
  // Cold: every call hashes again with the crypto package's Pedersen.
  figure('vm erc20 transfer (cold pedersen)', 20, false, true);
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
