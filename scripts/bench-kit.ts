// Shared helpers for benchmarks: figure selection, timing and the one-line report format.

const filter = process.env.BENCH_FILTER ?? '';

/** True when the figure `name` is selected by `npm run bench -- <filter>`. */
export function selected(name: string): boolean {
  return filter === '' || name.includes(filter);
}

/** Wall-clock milliseconds. */
export function wallMs(): number {
  return performance.now();
}

/** CPU milliseconds of this process (user + system): on a shared machine wall time also counts the time
 * other processes hold the cores, so CPU time gives the one-core figure. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Runs `fn` (which performs `opsPerCall` operations) repeatedly for about `minMs`; returns operations per second. */
export function opsPerSecond(fn: () => void, opsPerCall = 1, minMs = 1000, clock = wallMs): number {
  fn(); // warm-up
  // The clock is read once per batch, batches doubling until one takes about 1% of minMs: a clock read
  // (process.cpuUsage costs ~0.7 µs) would otherwise count in every call of a microsecond kernel.
  let batch = 1;
  let calls = 0;
  const start = clock();
  let elapsed = 0;
  do {
    for (let i = 0; i < batch; i++) fn();
    calls += batch;
    elapsed = clock() - start;
    if (elapsed < minMs / 100) batch *= 2;
  } while (elapsed < minMs);
  return (calls * opsPerCall * 1000) / elapsed;
}

/** opsPerSecond per CPU-second of this process. */
export function cpuOpsPerSecond(fn: () => void, opsPerCall = 1, minMs = 1000): number {
  return opsPerSecond(fn, opsPerCall, minMs, cpuMs);
}

/** Median time of `fn` in milliseconds over `runs` runs. */
export function medianMs(fn: () => void, runs = 5, clock = wallMs): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = clock();
    fn();
    times.push(clock() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** medianMs in CPU milliseconds of this process. */
export function cpuMedianMs(fn: () => void, runs = 5): number {
  return medianMs(fn, runs, cpuMs);
}

function formatValue(value: number): string {
  if (value >= 100) return Math.round(value).toString();
  return value.toPrecision(3);
}

/** Prints one figure: `<name>: <value> <unit>`, with its ratio to a baseline measured in the same run. */
export function report(
  name: string,
  value: number,
  unit: string,
  baseline?: { value: number; label: string },
) {
  let line = `${name}: ${formatValue(value)} ${unit}`;
  if (baseline && baseline.value > 0) {
    const ratio = value / baseline.value;
    line += ` (${ratio >= 0.1 ? ratio.toFixed(1) : ratio.toPrecision(2)}x ${baseline.label})`;
  }
  console.log(line);
}
