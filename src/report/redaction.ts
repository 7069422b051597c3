import { redactText } from "../detect/redact.js";
import type { ScanResult } from "../findings/types.js";

/** Every secret value of a result, for scrubbing free text (history lines, warnings) before output. */
export function secretValues(result: ScanResult): string[] {
  return result.findings.map((f) => f.secret.reveal());
}

/** A scrubber for free text: replaces every secret of the result by its preview unless secrets are shown. */
export function scrubber(result: ScanResult, showSecrets: boolean): (text: string) => string {
  if (showSecrets) return (t) => t;
  const values = secretValues(result);
  const cache = new Map<string, string>();
  return (text) => {
    let out = cache.get(text);
    if (out === undefined) {
      out = redactText(text, values);
      cache.set(text, out);
    }
    return out;
  };
}
