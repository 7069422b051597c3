/**
 * The preview of a secret that output may show: never more than a quarter of it, at most
 * 6 leading and 3 trailing characters, and nothing at all under 12 characters.
 */
export function preview(secret: string): string {
  const sealed = unseal(secret);
  if (sealed) return sealed.preview;
  if (isStandIn(secret)) return "(no value: flagged by name or structure)";
  // A PEM block's header names its type and is no part of the key material.
  const pem = /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(secret);
  if (pem) return `-----BEGIN ${pem[1]}-----… (${secret.length} chars)`;
  const chars = [...secret];
  const n = chars.length;
  if (n < 12) return `•••• (${n} chars)`;
  const budget = Math.floor(n / 4);
  const lead = Math.min(6, Math.ceil((budget * 2) / 3));
  const trail = Math.min(3, budget - lead);
  return `${chars.slice(0, lead).join("")}…${trail > 0 ? chars.slice(n - trail).join("") : ""}`;
}

/**
 * True for the stable stand-in value a finding without a secret value carries, so that its
 * fingerprint is stable: a context file flagged by its name (`context:PATH`), a Dockerfile
 * finding about plumbing (`dockerfile:FILE:LINE:RULE`).
 */
export function isStandIn(value: string): boolean {
  return /^(?:context|dockerfile):/.test(value);
}

const SEALED = /^cached:([0-9a-f]{32}):(.*)$/s;

/**
 * A secret as the layer cache keeps it: its fingerprint (the salted, slow KDF reports show
 * anyway) and its preview, never the value. It travels through a scan as this stand-in, which
 * previews as the stored preview and merges with the same secret read fresh by fingerprint.
 */
export function sealedValue(fingerprint: string, shown: string): string {
  return `cached:${fingerprint}:${shown}`;
}

/** The fingerprint and preview of a sealed stand-in, or undefined for a real value. */
export function unseal(value: string): { fingerprint: string; preview: string } | undefined {
  const m = SEALED.exec(value);
  return m ? { fingerprint: m[1]!, preview: m[2]! } : undefined;
}

/** Replaces every occurrence of each secret in `text` by its preview (longest secrets first). */
export function redactText(text: string, secrets: Iterable<string>): string {
  const sorted = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of sorted) if (out.includes(s)) out = out.split(s).join(preview(s));
  return out;
}

/** A secret value that prints only its preview, so it cannot leak through logging or JSON by accident. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  /** The raw value: only for `--show-secrets` output and matching. */
  reveal(): string {
    return this.#value;
  }
  get length(): number {
    return this.#value.length;
  }
  toString(): string {
    return preview(this.#value);
  }
  toJSON(): string {
    return preview(this.#value);
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `Secret(${preview(this.#value)})`;
  }
}
