import { UsageError } from "../util/errors.js";
import type { Platform } from "../image/types.js";

/** The platform picked when the user names none. */
export const DEFAULT_PLATFORM: Platform = { os: "linux", architecture: "amd64" };

/** Parses `os/arch[/variant]` as given to `--platform`. */
export function parsePlatform(text: string): Platform {
  const parts = text.split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) {
    throw new UsageError(`--platform must be os/arch[/variant], e.g. linux/amd64 (got ${JSON.stringify(text)})`);
  }
  const p: Platform = { os: parts[0]!, architecture: parts[1]! };
  if (parts[2]) p.variant = parts[2];
  return p;
}

export function formatPlatform(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join("/");
}

/** True when `have` satisfies `want` (a wanted variant must match; an unwanted one is ignored). */
export function platformMatches(have: Platform, want: Platform): boolean {
  if (have.os !== want.os || have.architecture !== want.architecture) return false;
  return want.variant === undefined || have.variant === want.variant;
}
