// Throughput in operations per CPU-second of this process: on a shared machine, wall time also
// counts the time other processes hold the core; CPU time gives the one-core figure.

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Runs `fn` (performing `opsPerCall` operations) for about `minMs` of CPU time; returns ops per CPU-second. */
export function cpuOpsPerSecond(fn: () => void, opsPerCall = 1, minMs = 1000): number {
  fn(); // warm-up
  let calls = 0;
  const start = cpuMs();
  let elapsed = 0;
  do {
    fn();
    calls++;
    elapsed = cpuMs() - start;
  } while (elapsed < minMs);
  return (calls * opsPerCall * 1000) / elapsed;
}

/** Median CPU time of `fn` in milliseconds over `runs` runs. */
export function cpuMedianMs(fn: () => void, runs = 5): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = cpuMs();
    fn();
    times.push(cpuMs() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}
