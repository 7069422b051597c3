/**
 * Appends `chunk` to the input a push decoder holds, `data[0, fill)`, first dropping
 * `data[0, keep)` (bytes no longer needed) when that makes room or is over half of what is held,
 * and growing the buffer when it must. `dropped`: how far the caller's offsets move back.
 */
export function appendInput(data: Buffer, fill: number, keep: number, chunk: Buffer): { data: Buffer; fill: number; dropped: number } {
  let dropped = 0;
  if (keep > 0 && (keep > fill / 2 || fill + chunk.length > data.length)) {
    data.copy(data, 0, keep, fill);
    fill -= keep;
    dropped = keep;
  }
  if (fill + chunk.length > data.length) {
    const grown = Buffer.allocUnsafe(Math.max(data.length * 2, fill + chunk.length, 64 << 10));
    data.copy(grown, 0, 0, fill);
    data = grown;
  }
  chunk.copy(data, fill);
  return { data, fill: fill + chunk.length, dropped };
}
