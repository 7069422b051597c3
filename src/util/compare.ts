/**
 * Orders strings by UTF-16 code units: the same order on every machine, whatever its locale (so
 * reports and baselines diff cleanly), and without `String.prototype.localeCompare`'s first-call set-up of an ICU
 * collator (~8 ms, a twentieth of a pre-commit hook's start-up).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
