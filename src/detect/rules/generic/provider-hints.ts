import type { SecretRule } from "../../types.js";
import { AI_RULES } from "../ai/index.js";
import { CLOUD_RULES } from "../cloud/index.js";
import { INFRA_RULES } from "../infra/index.js";
import { MESSAGING_RULES } from "../messaging/index.js";
import { OBSERVABILITY_RULES } from "../observability/index.js";
import { PAYMENT_RULES } from "../payments/index.js";
import { REGISTRY_RULES } from "../registries/index.js";
import { VCS_RULES } from "../vcs/index.js";

/**
 * What the provider rules claim, so the generic rules leave it to them: a value that starts
 * with a provider's prefix (`glpat-`, `AKIA`, `sk-proj-`) or a name that says the provider
 * (`AWS_SECRET_ACCESS_KEY`, `DD_API_KEY`, `MOLLIE_API_KEY`). When the provider rule turned such
 * a value down (wrong length, bad checksum, a documentation value), it is not that provider's
 * credential, and a generic guess would only repeat the doubt at lower confidence.
 */
interface ProviderHints {
  /** Lower-case value prefixes. */
  prefixes: string[];
  /** Lower-case words that name a provider inside a variable name. */
  names: string[];
  /** The names among them that a provider's password rule listed (`signing.password`, `sonatypepassword`). */
  passwordNames: string[];
}

/** Keywords made only of words every credential name uses: they name no provider. */
const GENERIC_WORDS = /^(?:[-_.]?(?:secrets?|keys?|api|apikey|tokens?|access|auth|private|client|password|passwd|pass|pwd|id|app|user|account|service|bearer|basic|session|refresh|oauth|sk|pk|pub|public)[-_.]?)+$/;

let hints: ProviderHints | undefined;

function build(rules: readonly SecretRule[]): ProviderHints {
  const prefixes = new Set<string>();
  const names = new Set<string>();
  for (const rule of rules) {
    if (rule.priority > 10) continue;
    for (const kw of rule.keywords) {
      const k = kw.toLowerCase();
      // A value prefix ends in a separator or carries upper case or digits as written (`ghp_`, `AKIA`, `1//0`).
      if (/[-_./:]$/.test(kw) || /[A-Z0-9]/.test(kw)) prefixes.add(k);
      if (/^[a-z0-9_.-]{4,}$/.test(k) && !GENERIC_WORDS.test(k)) names.add(k);
    }
  }
  return { prefixes: [...prefixes], names: [...names], passwordNames: [...names].filter((n) => /pass|pwd/.test(n)) };
}

/** The provider rules' prefixes and names (computed once, on first use). */
function providerHints(): ProviderHints {
  hints ??= build([...CLOUD_RULES, ...VCS_RULES, ...REGISTRY_RULES, ...MESSAGING_RULES, ...PAYMENT_RULES, ...AI_RULES, ...OBSERVABILITY_RULES, ...INFRA_RULES]);
  return hints;
}

/**
 * True when a provider rule is the judge of `name = value`: the value has a provider prefix, or
 * the name names a provider. For passwords only names a provider's own password rule listed
 * count: `ELASTIC_PASSWORD` stays a generic password although Elastic has an API-key rule.
 */
export function claimedByProvider(name: string, value: string, password = false): boolean {
  const { prefixes, names, passwordNames } = providerHints();
  const v = value.toLowerCase();
  const n = name.toLowerCase();
  return prefixes.some((p) => v.startsWith(p)) || (password ? passwordNames : names).some((w) => n.includes(w));
}
