import { shannonEntropy } from "../../entropy.js";
import { isSecretName } from "../../names.js";
import { isPlaceholder } from "../../placeholders.js";

/** `dbPassword` → `db_Password`, so the name tests see word boundaries in camelCase names. */
export function snakeName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/[-.:]/g, "_");
}

/** Names of settings about a secret rather than the secret: `password_encryption`, `passwordPolicy`, `token_expiry`. */
const ABOUT_A_SECRET = /_(?:encryption|algorithm|algo|policy|policies|validators?|hint|label|prompt|placeholder|field|input|strength|complexity|reset|rotation|check|regex|pattern|chars|characters|minimum|maximum|rules?|manager|lifetime|duration|age|format|kind|class|schema|hash(?:er|ers|ing)?|salt_rounds|rounds|iterations|cost|column|param|parameter|key_name|name_key|storage|backend|source|ref|reference|used|set|changed|expired|enabled|disabled|visible|hidden|audience|scopes?|exchange|creator|annotations?|config|configuration|provider|versions?|filename|filepath|dirname|pathname)$/i;

/** The words that make a name a credential's, one of which must end it (or come just before its last word). */
const CREDENTIAL_WORD = /^(?:passwords?|passwd|pwd|pass|passphrase|secrets?|tokens?|keys?|apikey|credentials?|creds|auth|pat)$/;

/**
 * True when a key names a secret (`password`, `db.password`, `clientSecret`, `secret_key_base`),
 * not a pointer to one (`password_file`, `tokenUrl`), a setting about one (`password_encryption`)
 * or a longer name that merely mentions one (`ETC_PASSWORD_AND_ETC_SHADOW`, `proxy_secret_namespace`).
 */
export function namesSecret(name: string): boolean {
  const snake = snakeName(name);
  if (!isSecretName(snake) || ABOUT_A_SECRET.test(snake)) return false;
  const words = snake.toLowerCase().split(/_+/).filter(Boolean);
  return words.slice(-2).some((w) => CREDENTIAL_WORD.test(w)) || /(?:password|passwd|secret|token|apikey)$/.test(words[words.length - 1] ?? "");
}

/** Character classes present: lower, upper, digit, other. */
export function classCount(v: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(v)).length;
}

/** Shapes of values that are something else, whether quoted or not: `[reason, test]`. */
const NOT_SECRETS: readonly [string, RegExp][] = [
  ["prose", /\s/],
  ["another literal", /^(?:true|false|yes|no|on|off|null|nil|none|undefined|nan|required|optional|string|int|bool|str|bytes)$/i],
  ["number", /^[0-9]{1,11}$/],
  ["path or URL", /^(?:\/|\.\.?\/|~\/|[A-Za-z]:\\)|^[a-z][a-z0-9+.-]*:\/\//i],
  // `urn:ietf:params:…`, `arn:aws:…`, `ietf:params:oauth:…`
  ["a URN or ARN", /^[a-z][a-z0-9+.-]*:[a-z]/],
  // `projects/123/secrets/x/versions/1`, `roles/iam.serviceAccountTokenCreator`, `run.googleapis.com/secrets`
  ["a resource path", /^[a-z][a-z0-9.-]{2,}\/[A-Za-z0-9._/-]+$/],
  ["a host name", /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/],
  // `consumer.secret`, `spec.preferredAuthentication`, `gcpSecretManagerCertificateConfig`
  ["a name", /^[a-z]+(?:[A-Z][a-z]+)*(?:\.[a-z]+(?:[A-Z][a-z]+)*)+$|^[a-z]+(?:[A-Z][a-z0-9]+){2,}$|^(?:[A-Z][a-z]+){3,}$/],
  ["a name", /^[a-z_]+(?:password|passwd|secret|token|key)s?$/i],
  // Dotted names and snake-case words: `proxy_config.kubernetes_secret.namespace`, `start_execution_token_value`.
  ["a name", /^[A-Za-z_]+(?:\.[A-Za-z_]+)+$|^[a-z]+(?:_[a-z]+)+$/],
  // A type: `list[V1ObjectReference]`; an index into data: `Jobs[-1].JobId`.
  ["code", /\w\[[^\]]*\]/],
  // A regular expression: `AmazonLookoutMetrics-.+`, `^\d+$`.
  ["a pattern", /\.[*+?]|\\[dwsb]|^\^.*\$$/],
  // Escaped bytes: `\x01*\x12…`
  ["escaped bytes", /\\x[0-9a-fA-F]{2}.*\\x[0-9a-fA-F]{2}/],
  // Lower-case words around a credential word: `client-secret`, `my-token`.
  ["words", /^(?=[a-z]+(?:[-_][a-z]+)*$).*(?:pass|secret|token|key)/],
  // `absl::make_unique`, `$a->b`, `x => y`
  ["code", /::|->|=>/],
  // `ENV=mysecret:latest` (an assignment spec), `{.accessToken}` (a JSONPath), `Enable/Disable`
  ["a spec or template", /^[A-Z][A-Z0-9_]*=|^\{.*\}$|^[A-Za-z]+(?:\/[A-Za-z]+)+$/],
  // Documentation values count up: `abcdefgh…`, `0123456789`.
  ["a documentation sequence", /abcdefg|bcdefgh|cdefghi|0123456|1234567|2345678|3456789/i],
];

/** Shapes of unquoted values that are code or settings, not literals: `[reason, test]`. */
const NOT_SECRETS_UNQUOTED: readonly [string, RegExp][] = [
  // YAML tags, anchors and aliases (`!vault`, `&a`, `*a`), annotations, references, structures, symbols.
  ["reference or structure", /^[!&*@$%{[(:]/],
  // A bare word is a name in code (a type, a class, a constant), not a generated secret: `ParseResults`, `Required.`
  ["identifier", /^[A-Za-z_$]+[.:,;!?]?$/],
  // A dotted name, a call, an index.
  ["expression", /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$|[([]/],
  ["identifier", /^[a-z_][a-z0-9_]*_[a-z0-9_]*$/],
  // A constant's name: `TEST_DATA_BASE64`.
  ["identifier", /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/],
  // `XXH3_kSecret`, `mySecretKey`
  ["a name", /^(?=[A-Za-z_$][\w$]*$)(?=.*(?:_|^[a-z]+[A-Z]))(?=.*(?:secret|passw|token|key))/i],
  // Lower-case words joined by dashes are a setting or a tag (`elevated-privileges`).
  ["words", /^[A-Za-z]{2,}(?:[-.][A-Za-z]{2,})+$/],
];

/**
 * True for identifiers made of capitalised words: `V1ServiceAccountTokenProjection`,
 * `gcpSecretManagerCertificateConfig`, `AWSAccessKeyId`. Two or more humps (`Word`) cover most
 * of the value; in random base62 they cover a quarter at most.
 */
function camelWords(value: string): boolean {
  if (!/^[A-Za-z0-9]+$/.test(value)) return false;
  const humps = value.match(/[A-Z][a-z]{2,}/g) ?? [];
  return humps.length >= 2 && humps.join("").length >= value.length * 0.6;
}

/**
 * Why a written value is not a credential, or undefined when it may be one: a placeholder, a
 * reference or an expression in code (`config.password`, `getenv("X")`, `args.pwd`), a literal
 * of another type, a path, URL, URN or host name, a name, prose.
 */
export function notACredential(value: string, quoted: boolean): string | undefined {
  if (isPlaceholder(value)) return "placeholder";
  if (camelWords(value)) return "a name";
  for (const [why, re] of NOT_SECRETS) if (re.test(value)) return why;
  if (!quoted) for (const [why, re] of NOT_SECRETS_UNQUOTED) if (re.test(value)) return why;
  if (value.replace(/password|passwd|secret|token/gi, "").length < 6) return "words";
  return undefined;
}

/** True when a value has the shape of a password: 6+ characters, two character classes or 12+ characters, not one repeated pattern. */
export function passwordShaped(v: string): boolean {
  return v.length >= 6 && (classCount(v) >= 2 || v.length >= 12) && shannonEntropy(v) >= 2;
}

/** True when a value has the shape of a generated token or key: 12+ characters, mixed classes, 3+ bits of entropy per character. */
export function tokenShaped(v: string): boolean {
  return v.length >= 12 && classCount(v) >= 2 && shannonEntropy(v) >= 3;
}
