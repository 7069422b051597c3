/**
 * Milliseconds `fn` takes, retried when slow so that a GC pause or a busy CI machine is not
 * taken for catastrophic backtracking (which is slow every time): the least of up to 3 runs.
 */
export function leastMs(fn: () => unknown, slow = 25): number {
  let least = Infinity;
  for (let i = 0; i < 3 && least > slow; i++) {
    const started = process.hrtime.bigint();
    fn();
    least = Math.min(least, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return least;
}
