/**
 * Shared helpers of the benchmarks: time a function and print a ratio against
 * a reference measured in the same run.
 */

/** Median wall time of `fn` in milliseconds over at least `minRuns` runs and `minMs` total. */
export async function medianMs(fn: () => unknown | Promise<unknown>, minRuns = 5, minMs = 200): Promise<number> {
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    if (times.length >= 1000) break;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Prints one result line: what was measured, our time, the reference's, and reference/ours. */
export function printRatio(label: string, oursMs: number, referenceName: string, referenceMs: number, target?: number): void {
  const ratio = referenceMs / oursMs;
  const verdict = target === undefined ? "" : ratio >= target ? `  (target >= ${target}: met)` : `  (target >= ${target}: NOT met)`;
  console.log(
    `${label}: ours ${oursMs.toFixed(3)} ms, ${referenceName} ${referenceMs.toFixed(3)} ms, ratio ${ratio.toFixed(2)}x${verdict}`,
  );
}

/** Prints a time against an absolute budget (for targets given in seconds, not ratios). */
export function printBudget(label: string, oursMs: number, budgetMs: number): void {
  console.log(`${label}: ${oursMs.toFixed(3)} ms (budget ${budgetMs} ms: ${oursMs <= budgetMs ? "met" : "NOT met"})`);
}
