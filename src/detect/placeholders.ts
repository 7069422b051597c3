/** Values published in providers' documentation as examples. */
const KNOWN_EXAMPLES = new Set([
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "ASIAIOSFODNN7EXAMPLE",
]);

const PLACEHOLDER_WORDS =
  /^(?:changeme|change_me|changeit|password|passwd|secret|token|example|sample|dummy|placeholder|redacted|none|null|nil|undefined|todo|tbd|test|xxx+|\*+|\.+|-+|_+|#+)$/i;

/**
 * True for values that stand for a secret without being one: documentation examples,
 * template references (`${VAR}`, `$VAR`, `{{ .x }}`, `<your-token>`), masks (`xxxx`, `****`),
 * and words like `changeme`.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === "") return true;
  if (KNOWN_EXAMPLES.has(v)) return true;
  if (/EXAMPLE/.test(v) && /^[A-Z0-9/+]+$/.test(v.replace(/EXAMPLE(KEY)?/, ""))) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*(?::?[-=?+][^}]*)?\}?$/.test(v)) return true; // $VAR, ${VAR:-x}
  if (/^\$\(.*\)$/.test(v)) return true; // $(command)
  if (/^\{[A-Za-z_][A-Za-z0-9_.]*\}$/.test(v)) return true; // {password}: format strings
  if (/^\{\{.*\}\}$/.test(v) || /^%\(?[A-Za-z_]+\)?s?%?$/.test(v)) return true; // templates
  if (/^<[^<>]*>$/.test(v) || /^\[[A-Za-z _-]+\]$/.test(v)) return true; // <your-token>, [token]
  if (/^(?:x+|X+|\*+|0+|#+|•+)$/.test(v)) return true;
  // Long runs of one character: `xxxxxxxxxxxx`, `sk_live_xxxxxxxx…`, `ghp_000000…`.
  if (/(.)\1{11,}/.test(v) && new Set(v).size <= 8) return true;
  if (/^(?:your|my|insert|enter|put|replace)[-_ ]?(?:[a-z]+[-_ ]?)*(?:here|token|key|secret|password)?$/i.test(v)) return true;
  return false;
}
