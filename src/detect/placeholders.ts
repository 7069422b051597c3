/** Values published in providers' documentation as examples, or public on purpose. */
const KNOWN_EXAMPLES = new Set([
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "ASIAIOSFODNN7EXAMPLE",
  // OAuth 2.0 (RFC 6749) and OAuth 1.0 (RFC 5849) examples, copied into many libraries' docs.
  "2YotnFZFEjr1zCsicMWpAA",
  "tGzv3JOkF0XG5Qx2TlKWIA",
  "SplxlOBeZQQYbYS6WxSbIA",
  "nnch734d00sl2jdk",
  "pfkkdhi9sl3r4s00",
  "hh5s93j4hdidpola",
  "hdhd0244k9j7ao03",
  "kd94hf93k423kf44",
  "dpf43f3p2l4k3l03",
  // The Google Cloud SDK's installed-application OAuth client secrets, shipped in every gcloud
  // install (Google documents installed-app client secrets as not confidential).
  "d-FL95Q19q7MQmFpd7hHD0Ty",
  "ZmssLNjJy2998hD4CTg2ejr2",
  "wbER7576mc_1YOII0dGk7jEE",
]);

const PLACEHOLDER_WORDS =
  /^(?:changeme|change_me|change-me|changeit|changethis|replaceme|replace_me|replace-me|fixme|password|passwd|secret|token|example|sample|dummy|placeholder|redacted|removed|hidden|masked|none|null|nil|undefined|todo|tbd|test|notasecret|xxx+|\*+|\.+|-+|_+|#+)$/i;
/** Stand-ins built from a marker word and a credential word: `your_password`, `example-token`, `dummy_api_key`, `password_here`. */
const STAND_IN =
  /^(?:(?:your|my|the|example|sample|dummy|fake|test|some|enter|insert|replace|put)[-_ ]?(?:own[-_ ]?|real[-_ ]?|actual[-_ ]?|db[-_ ]?|api[-_ ]?|app[-_ ]?|access[-_ ]?|secret[-_ ]?|auth[-_ ]?)*(?:password|passwd|pass|pwd|secret|token|key|apikey|api[-_]?key|credentials?)(?:[-_ ]?here)?|(?:password|secret|token|key|api[-_]?key)[-_ ]?(?:here|goes[-_ ]?here)|put your unique phrase here)$/i;
/** A value read from somewhere at run time instead of written here: `os.environ["X"]`, `getenv("X")`, `process.env.X`, `ENV["X"]`. */
const ENV_ACCESS =
  /^(?:os\.environ(?:\.get)?[[(]|os\.getenv\(|(?:System\.|std::)?getenv\(|process\.env[.[]|ENV(?:\.fetch)?[[(]|Environment\.GetEnvironmentVariable\(|env\(|\$env:|Deno\.env\.get\()/;

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
  // $(command) or `command`, also cut short where the value was read up to a space: `$(cat`
  if (/^\$\(/.test(v) || /^`/.test(v)) return true;
  if (/^\{[A-Za-z_][A-Za-z0-9_.]*\}$/.test(v)) return true; // {password}: format strings
  if (/^\{\{.*\}\}$/.test(v) || /^%\(?[A-Za-z_]+\)?s?%?$/.test(v)) return true; // templates
  if (/^<[^<>]*>$/.test(v) || /^\[[A-Za-z _-]+\]$/.test(v)) return true; // <your-token>, [token]
  if (/^(?:x+|X+|\*+|0+|#+|•+)$/.test(v)) return true;
  // Long runs of one character: `xxxxxxxxxxxx`, `sk_live_xxxxxxxx…`, `ghp_000000…`.
  if (/(.)\1{11,}/.test(v) && new Set(v).size <= 8) return true;
  // (One word may follow the marker directly; later words need a separator, so the match stays linear.)
  if (/^(?:your|my|insert|enter|put|replace)[-_ ]?[a-z]+(?:[-_ ][a-z]+){0,8}$/i.test(v)) return true;
  if (STAND_IN.test(v) || ENV_ACCESS.test(v)) return true;
  // More template forms: ${{ secrets.X }}, {% … %}, <%= … %>, #{…}, @VAR@, __VAR__, %VAR%.
  if (/^\$\{\{.*\}\}$|^\{%.*%\}$|^<%=?.*%>$|^#\{.*\}$|^@[A-Za-z0-9_]+@$|^__[A-Z0-9_]+__$|^%[A-Za-z_][A-Za-z0-9_]*%$/.test(v)) return true;
  // Masks: `ab****yz`, `xxxx-xxxx-xxxx`.
  if (/\*{4,}|•{3,}/.test(v) || /^[xX]{3,}(?:[-_.:/ ][xX]{3,})*$/.test(v)) return true;
  return false;
}
