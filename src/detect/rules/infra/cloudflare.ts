import type { RuleHit, SecretRule } from "../../types.js";
import { maybeAssigned, plausible } from "../cloud/shared.js";

/**
 * Cloudflare's scannable credentials since 2026: a prefix, 40 characters and an 8-character
 * checksum (whose algorithm is not published, so only the shape is checked).
 */
const SCANNABLE_BODY = 48;

function checkToken(prefixes: string[], legacy: RegExp, context?: RegExp) {
  return (hit: RuleHit, _g: unknown, _c: unknown, line: string): RuleHit | undefined => {
    const prefix = prefixes.find((p) => hit.secret.startsWith(p));
    if (prefix) {
      const body = hit.secret.slice(prefix.length);
      return body.length === SCANNABLE_BODY && /^[A-Za-z0-9]+$/.test(body) && plausible(body, 3.5) ? hit : undefined;
    }
    // Pre-2026 credentials have no prefix: only a Cloudflare name makes one.
    if (!hit.name || !legacy.test(hit.secret) || !plausible(hit.secret, 3.2)) return undefined;
    if (context && !context.test(hit.name) && !context.test(line)) return undefined;
    return { ...hit, confidence: "medium" };
  };
}

/** Cloudflare API tokens: user (`cfut_`) and account (`cfat_`) tokens, and the older 40-character tokens next to Cloudflare names. */
export const cloudflareApiToken: SecretRule = {
  id: "cloudflare-api-token",
  kind: "cloudflare-api-token",
  title: "Cloudflare API token",
  severity: "high",
  confidence: "high",
  keywords: ["cfut_", "cfat_", "cloudflare_api_token", "cf_api_token", "cloudflare_dns_api_token", "cf_dns_api_token", "cloudflare_token", "cf_token"],
  pattern: maybeAssigned(String.raw`cloudflare_(?:dns_)?api_token|cf_(?:dns_)?api_token|cloudflare_token|cf_token`, String.raw`cf(?:ut|at)_[A-Za-z0-9]{48}|[A-Za-z0-9_-]{40}`),
  priority: 10,
  check: checkToken(["cfut_", "cfat_"], /^[A-Za-z0-9_-]{40}$/),
  remediation: "Roll or delete the token (My Profile or Manage Account → API Tokens → Roll/Delete) and create a new one with the narrowest permissions.",
  docs: "https://developers.cloudflare.com/fundamentals/api/get-started/token-formats/",
  examples: {
    match: [
      { text: "CLOUDFLARE_API_TOKEN=cfut_KjNhWLCm7X5BaUjn0jAjdedQthIbPY33IOXmzNi5ab6bfd52", secret: "cfut_KjNhWLCm7X5BaUjn0jAjdedQthIbPY33IOXmzNi5ab6bfd52" },
      { text: "dns_cloudflare_api_token = cfat_ed3LV8mCJIDTzAlZqscHZsTLAJNHadxcediU3a868c99ca86", secret: "cfat_ed3LV8mCJIDTzAlZqscHZsTLAJNHadxcediU3a868c99ca86" },
      { text: "CF_API_TOKEN=VKVf4bQWgqABtxyvqPkqIwxfWZa0GUdhecArxvSc", secret: "VKVf4bQWgqABtxyvqPkqIwxfWZa0GUdhecArxvSc" },
      { text: "wrangler:\n  env:\n    CLOUDFLARE_API_TOKEN: 'OKxdEkd2wRwE2DwSegICX7gbPphxWTJJhkAZfE1b'", secret: "OKxdEkd2wRwE2DwSegICX7gbPphxWTJJhkAZfE1b" },
      { text: "curl -H 'Authorization: Bearer cfut_JKof3BMLEw8n6Sd4zkBKcClcfw1lFoNYTlCuvx9C5fbc5a6e' https://api.cloudflare.com/client/v4/user/tokens/verify", secret: "cfut_JKof3BMLEw8n6Sd4zkBKcClcfw1lFoNYTlCuvx9C5fbc5a6e" },
    ],
    noMatch: [
      { text: "CLOUDFLARE_API_TOKEN=cfut_i8e62qJp7vgL39WNuzUEQHkrNotC916FtsTbfUXE", why: "checksum part missing" },
      { text: "token=7gcVmsws7i2IlydXSbRz5DPaQOcSrXvpbRxUQGzj", why: "an unprefixed 40-character value with no Cloudflare name" },
      { text: "CLOUDFLARE_API_TOKEN=${CLOUDFLARE_API_TOKEN}", why: "reference" },
      { text: "CLOUDFLARE_API_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "CLOUDFLARE_API_TOKEN=cfxt_GwsTM8WesxPYWVZZPIwbj2tBcUZPr0tF4YrSb7oI74ee2257", why: "unknown prefix" },
    ],
  },
};

/** Cloudflare Global API keys: `cfk_` keys, and the older 37–45 hex digits next to Cloudflare names or `X-Auth-Key`. */
export const cloudflareGlobalApiKey: SecretRule = {
  id: "cloudflare-global-api-key",
  kind: "cloudflare-global-api-key",
  title: "Cloudflare Global API key",
  severity: "critical",
  confidence: "high",
  keywords: ["cfk_", "cloudflare_api_key", "cf_api_key", "cloudflare_global_api_key", "x-auth-key", "cloudflare_key"],
  pattern: maybeAssigned(String.raw`cloudflare_(?:global_)?api_key|cf_(?:global_)?api_key|cloudflare_key|x-auth-key`, String.raw`cfk_[A-Za-z0-9]{48}|[a-f0-9]{37,45}`),
  priority: 10,
  check: checkToken(["cfk_"], /^[a-f0-9]{37,45}$/, /cloudflare|cf_|x-auth-email/i),
  remediation: "Change the Global API key (My Profile → API Tokens → Global API Key → Change), which invalidates the old one, and move integrations to scoped API tokens.",
  docs: "https://developers.cloudflare.com/fundamentals/api/get-started/keys/",
  examples: {
    match: [
      { text: "CLOUDFLARE_API_KEY=cfk_KjNhWLCm7X5BaUjn0jAjdedQthIbPY33IOXmzNi5ab6bfd52", secret: "cfk_KjNhWLCm7X5BaUjn0jAjdedQthIbPY33IOXmzNi5ab6bfd52" },
      { text: "CF_API_KEY=cfb44a6e6a4a1d09323da6e2e8a14ffc05062", secret: "cfb44a6e6a4a1d09323da6e2e8a14ffc05062" },
      { text: "curl -H 'X-Auth-Email: ops@shop.test' -H 'X-Auth-Key: c1cc06b5177a7936e58d1550d90b81e134f35' https://api.cloudflare.com/client/v4/zones", secret: "c1cc06b5177a7936e58d1550d90b81e134f35" },
      { text: "dns_cloudflare_api_key = 8f3abd9207e855fb026374803381dcf3c8f3c", secret: "8f3abd9207e855fb026374803381dcf3c8f3c" },
      { text: '{"CLOUDFLARE_GLOBAL_API_KEY": "cfk_JKof3BMLEw8n6Sd4zkBKcClcfw1lFoNYTlCuvx9C5fbc5a6e"}', secret: "cfk_JKof3BMLEw8n6Sd4zkBKcClcfw1lFoNYTlCuvx9C5fbc5a6e" },
    ],
    noMatch: [
      { text: "CLOUDFLARE_API_KEY=9b08b99f69f4a490ca7e16f2ea0d159c23f7", why: "too short" },
      { text: "X-Auth-Key: 72780cbcc36430b0ed9a05669a9166d29c694", why: "X-Auth-Key of some other service (no Cloudflare around)" },
      { text: "CLOUDFLARE_API_KEY=PK7U4EYII8BVT6VUEQOU32SQYYWL1F67HD4MH", why: "not lower-case hex" },
      { text: "CLOUDFLARE_API_KEY=<global-api-key>", why: "placeholder" },
      { text: "sum=d4ee28a23014e7fe00998c48006cb1986865f", why: "hex with no Cloudflare name" },
    ],
  },
};

/** Cloudflare Origin CA keys: `v1.0-`, 24 hex digits, `-`, 146 hex digits. */
export const cloudflareOriginCaKey: SecretRule = {
  id: "cloudflare-origin-ca-key",
  kind: "cloudflare-origin-ca-key",
  title: "Cloudflare Origin CA key",
  severity: "high",
  confidence: "high",
  keywords: ["v1.0-"],
  pattern: /(?<![A-Za-z0-9.-])(?<secret>v1\.0-[a-f0-9]{24}-[a-f0-9]{146})(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit) => (plausible(hit.secret.slice(5).replace("-", ""), 3.5) ? hit : undefined),
  remediation: "Change the Origin CA key (My Profile → API Tokens → Origin CA Key → Change) and update the tools that issue origin certificates.",
  docs: "https://developers.cloudflare.com/fundamentals/api/get-started/ca-keys/",
  examples: {
    match: [
      { text: "CF_ORIGIN_CA_KEY=v1.0-c7b99137fda0fbba98ae4859-985e3ea65a91e9af7ccf92d67bce985c31f8f295c371d1a590a8d51beddd08b1c1429b236b503577182e47b4a17b990676d63cc44171b7d8f8c6b82dbb0f6bde53e2fccd470a687998", secret: "v1.0-c7b99137fda0fbba98ae4859-985e3ea65a91e9af7ccf92d67bce985c31f8f295c371d1a590a8d51beddd08b1c1429b236b503577182e47b4a17b990676d63cc44171b7d8f8c6b82dbb0f6bde53e2fccd470a687998" },
      { text: "X-Auth-User-Service-Key: v1.0-a38c8b0772d26747fbbe5fb1-20bf731dc2613d8356acbed72c04c95f8412c45444a9378350be86cd728b2f5b6960e0ee810fd1cddba35ec9fa663c879be67829445261af868b251013729e669f28d1ec66a424ae44", secret: "v1.0-a38c8b0772d26747fbbe5fb1-20bf731dc2613d8356acbed72c04c95f8412c45444a9378350be86cd728b2f5b6960e0ee810fd1cddba35ec9fa663c879be67829445261af868b251013729e669f28d1ec66a424ae44" },
      { text: 'origin_ca_key = "v1.0-ffc28b4cc01f169fab601e1d-871d062f313a1b9de3a83a46eceafff512ff44d5dd845de5be2091409beda4d753c484435f74feebe31b1d3f8bfe9d0fcb910bad618aba5265cf0680e67b14ec9707c529830d89928d"', secret: "v1.0-ffc28b4cc01f169fab601e1d-871d062f313a1b9de3a83a46eceafff512ff44d5dd845de5be2091409beda4d753c484435f74feebe31b1d3f8bfe9d0fcb910bad618aba5265cf0680e67b14ec9707c529830d89928d" },
      { text: "CLOUDFLARE_API_USER_SERVICE_KEY: v1.0-5e08be620bc559d5de213c5e-1085a9482a3c6e095afd813fbd2c9d2d61a654efd47e6fb0b9c7cafd33d726641ee29e02e23361da0dbf85f05b1a8c9b345c2f882997470d8638dd56c497446cca82fa7d65199a7b14", secret: "v1.0-5e08be620bc559d5de213c5e-1085a9482a3c6e095afd813fbd2c9d2d61a654efd47e6fb0b9c7cafd33d726641ee29e02e23361da0dbf85f05b1a8c9b345c2f882997470d8638dd56c497446cca82fa7d65199a7b14" },
      { text: "--origin-ca-key=v1.0-d381efc9706b2130e339a686-728c0ff7e91549c9b444fc3d52c3e0ec2235d065bed4163643d062267a7fd24d87f405f7da53fb822ab99d651b16554cd1b96768267ab26102c779215f95dc414ef2fc741bf074bc6a", secret: "v1.0-d381efc9706b2130e339a686-728c0ff7e91549c9b444fc3d52c3e0ec2235d065bed4163643d062267a7fd24d87f405f7da53fb822ab99d651b16554cd1b96768267ab26102c779215f95dc414ef2fc741bf074bc6a" },
    ],
    noMatch: [
      { text: "release v1.0-beta", why: "a version string" },
      { text: "v1.0-c9e521221fd4f5c0e6206563-dc81cf8638b7fd875294605e4fcdf87da3bdb7f44b03029dfe2a6b3e5654df21da3bf258a5ef59004fae7a8c0067f6fc247c5f2469aee728423fb401384388503569db50132bf2027", why: "one digit short" },
      { text: "v1.0-47411b69c986426ce6df087-3d74e7e1bc57848630e6e38f3e06c80f0bb7f490ef5779ca8d1cc21a1777fc2b96dafe1a2bd965aec92ed2b5ef7b0ea741765ab32bee5a4ad086307e7e547001cc52f5794bbcb0eedd", why: "first part one digit short" },
      { text: "v1.1-dc8f7f058b3ad55ec45f855d-9d31597db63e735326039f40d01058c550b692d901c435ff2a7f6ed5bab84add83cc0b7c8a2b294aa998355a8e13e13342b6e9b55d2980d3396e2c3608e136b4aedbc6e388a38bb603", why: "unknown version" },
      { text: `v1.0-${"0".repeat(24)}-${"0".repeat(146)}`, why: "zero placeholder" },
    ],
  },
};
