/** Repetitions, median / p95 and throughput: the arithmetic every group shares. */

/** How many times a group repeats each measurement (BENCH_REPEAT overrides the group's default). */
export function repeatFor(defaultRepeat: number): number {
  const fromEnv = Number(process.env.BENCH_REPEAT);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : defaultRepeat;
}

/** Nearest-rank median and p95 (with few samples p95 is simply the slowest). */
export function stats(samples: number[]): { median: number; p95: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return { median: at(0.5), p95: at(0.95) };
}

/** Runs `work` `repeat` times in a row and returns each run's wall time in ms. */
export async function timed(repeat: number, work: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    await work(i);
    samples.push(performance.now() - start);
  }
  return samples;
}

/** Megabytes (10^6) per second, one decimal. */
export function mbps(bytes: number, ms: number): number {
  return Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10;
}

export function peakRssMb(): number {
  // maxRSS is in kilobytes.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
