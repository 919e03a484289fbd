// Shared helpers for benchmarks: figure selection, timing and the one-line report format.

const filter = process.env.BENCH_FILTER ?? '';

/** True when the figure `name` is selected by `npm run bench -- <filter>`. */
export function selected(name: string): boolean {
  return filter === '' || name.includes(filter);
}

/** Runs `fn` (which performs `opsPerCall` operations) repeatedly for about `minMs`; returns operations per second. */
export function opsPerSecond(fn: () => void, opsPerCall = 1, minMs = 1000): number {
  fn(); // warm-up
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    fn();
    calls++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return (calls * opsPerCall * 1000) / elapsed;
}

/** Median wall time of `fn` in milliseconds over `runs` runs. */
export function medianMs(fn: () => void, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
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
  if (baseline && baseline.value > 0) line += ` (${(value / baseline.value).toFixed(1)}x ${baseline.label})`;
  console.log(line);
}
