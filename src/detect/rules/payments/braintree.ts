import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "../messaging/kit.js";

const TOKEN_DOCS = "https://developer.paypal.com/braintree/articles/control-panel/important-gateway-credentials";

/** PayPal/Braintree production access tokens: `access_token$production$<merchant>$<32 hex>`. */
export const braintreeAccessToken: SecretRule = {
  id: "paypal-braintree-access-token",
  kind: "paypal-braintree-access-token",
  title: "PayPal Braintree production access token",
  severity: "critical",
  confidence: "high",
  keywords: ["access_token$production$"],
  pattern: /(?<secret>access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32})(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(-32)), hit),
  remediation: "Revoke the access token (PayPal developer dashboard or Braintree Control Panel → API → revoke) and generate a new one.",
  docs: TOKEN_DOCS,
  examples: {
    match: [
      { text: "BRAINTREE_ACCESS_TOKEN=access_token$production$skpsr0howa3hftbp$85de937e20fedd613a6b66724d29e3f4", secret: "access_token$production$skpsr0howa3hftbp$85de937e20fedd613a6b66724d29e3f4" },
      { text: "gateway = braintree.BraintreeGateway(access_token='access_token$production$skpsr0howa3hftbp$85de937e20fedd613a6b66724d29e3f4')", secret: "access_token$production$skpsr0howa3hftbp$85de937e20fedd613a6b66724d29e3f4" },
      { text: '"paypal": {"accessToken": "access_token$production$84vzn8sjb0llgxys$5b3af5efdba3967a9ef6ff7782d5e59b"}', secret: "access_token$production$84vzn8sjb0llgxys$5b3af5efdba3967a9ef6ff7782d5e59b" },
      { text: "  token: access_token$production$84vzn8sjb0llgxys$5b3af5efdba3967a9ef6ff7782d5e59b", secret: "access_token$production$84vzn8sjb0llgxys$5b3af5efdba3967a9ef6ff7782d5e59b" },
      { text: "ENV PAYPAL_ACCESS_TOKEN access_token$production$xzri38jd2uwcifaf$6d15d1935217793e7021671369a5fa0f", secret: "access_token$production$xzri38jd2uwcifaf$6d15d1935217793e7021671369a5fa0f" },
    ],
    noMatch: [
      { text: "access_token$production$skpsr0howa3hftbp$b400debd924759cc3ff88be191e15db", why: "31 hex characters" },
      { text: "access_token$production$xxxxxxxxxxxxxxxx$xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "access_token$sandbox$skpsr0howa3hftbp$85de937e20fedd613a6b66724d29e3f4", why: "sandbox token: its own kind" },
      { text: "access_token$production$$", why: "empty" },
      { text: "access_token$production$c8m0fpasy9nq$85de937e20fedd613a6b66724d29e3f4", why: "merchant id too short" },
    ],
  },
};

/** PayPal/Braintree sandbox access tokens: test data only, still a credential. */
export const braintreeSandboxAccessToken: SecretRule = {
  id: "paypal-braintree-sandbox-access-token",
  kind: "paypal-braintree-sandbox-access-token",
  title: "PayPal Braintree sandbox access token",
  severity: "medium",
  confidence: "high",
  keywords: ["access_token$sandbox$"],
  pattern: /(?<secret>access_token\$sandbox\$[0-9a-z]{16}\$[0-9a-f]{32})(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(-32)), hit),
  remediation: "Revoke the sandbox access token in the PayPal developer dashboard and generate a new one.",
  docs: TOKEN_DOCS,
  examples: {
    match: [
      { text: "BRAINTREE_ACCESS_TOKEN=access_token$sandbox$skpsr0howa3hftbp$85de937e20fedd613a6b66724d29e3f4", secret: "access_token$sandbox$skpsr0howa3hftbp$85de937e20fedd613a6b66724d29e3f4" },
      { text: "braintree.BraintreeGateway(access_token='access_token$sandbox$skpsr0howa3hftbp$85de937e20fedd613a6b66724d29e3f4')", secret: "access_token$sandbox$skpsr0howa3hftbp$85de937e20fedd613a6b66724d29e3f4" },
      { text: '{"token": "access_token$sandbox$84vzn8sjb0llgxys$5b3af5efdba3967a9ef6ff7782d5e59b"}', secret: "access_token$sandbox$84vzn8sjb0llgxys$5b3af5efdba3967a9ef6ff7782d5e59b" },
      { text: "  paypal_token: access_token$sandbox$84vzn8sjb0llgxys$5b3af5efdba3967a9ef6ff7782d5e59b", secret: "access_token$sandbox$84vzn8sjb0llgxys$5b3af5efdba3967a9ef6ff7782d5e59b" },
      { text: "export PAYPAL_TOKEN='access_token$sandbox$xzri38jd2uwcifaf$6d15d1935217793e7021671369a5fa0f'", secret: "access_token$sandbox$xzri38jd2uwcifaf$6d15d1935217793e7021671369a5fa0f" },
    ],
    noMatch: [
      { text: "access_token$sandbox$skpsr0howa3hftbp$b400debd924759cc3ff88be191e15db", why: "31 hex characters" },
      { text: "access_token$sandbox$xxxxxxxxxxxxxxxx$xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "access_token$staging$skpsr0howa3hftbp$85de937e20fedd613a6b66724d29e3f4", why: "no such environment" },
      { text: "access_token$sandbox$<merchant_id>$<token>", why: "template" },
      { text: "access_token$sandbox$skpsr0howa3hftbp$85de937e20fedd613a6b66724d29e3f40", why: "33 hex characters" },
    ],
  },
};

/** PayPal REST client secrets (80 characters), next to a PayPal secret name. */
export const paypalClientSecret: SecretRule = {
  id: "paypal-client-secret",
  kind: "paypal-client-secret",
  title: "PayPal REST API client secret",
  severity: "critical",
  confidence: "medium",
  keywords: ["paypal"],
  pattern: new RegExp(`${assignment("paypal[a-z0-9_.-]{0,30}?secret")}(?<secret>[A-Za-z0-9_-]{60,100})(?![A-Za-z0-9_-])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret, 3.5), hit),
  remediation: "Generate a new secret for the app in the PayPal developer dashboard (Apps & Credentials → the app → Secret key → Generate) and disable the old one.",
  docs: "https://developer.paypal.com/api/rest/#link-getclientidandclientsecret",
  examples: {
    match: [
      { text: "PAYPAL_CLIENT_SECRET=EtLZZUofWdVKYstNHNqISPfOIuQMvKSLE2gNkHVOGJ9NAjVvf6GLaGk-0limPlUv73LuTmw47Jn1kkEi", secret: "EtLZZUofWdVKYstNHNqISPfOIuQMvKSLE2gNkHVOGJ9NAjVvf6GLaGk-0limPlUv73LuTmw47Jn1kkEi" },
      { text: "paypal_secret: 'EtLZZUofWdVKYstNHNqISPfOIuQMvKSLE2gNkHVOGJ9NAjVvf6GLaGk-0limPlUv73LuTmw47Jn1kkEi'", secret: "EtLZZUofWdVKYstNHNqISPfOIuQMvKSLE2gNkHVOGJ9NAjVvf6GLaGk-0limPlUv73LuTmw47Jn1kkEi" },
      { text: '"PAYPAL_SECRET": "EY_E6CbLrDUBHVL5yPkvvyQ9-RsnN1OWHy8heoQ_vC5YpD9FejBE9KncJ0EzDl9elST5KuQz2qEEiaVE"', secret: "EY_E6CbLrDUBHVL5yPkvvyQ9-RsnN1OWHy8heoQ_vC5YpD9FejBE9KncJ0EzDl9elST5KuQz2qEEiaVE" },
      { text: "ENV PAYPAL_CLIENT_SECRET EY_E6CbLrDUBHVL5yPkvvyQ9-RsnN1OWHy8heoQ_vC5YpD9FejBE9KncJ0EzDl9elST5KuQz2qEEiaVE", secret: "EY_E6CbLrDUBHVL5yPkvvyQ9-RsnN1OWHy8heoQ_vC5YpD9FejBE9KncJ0EzDl9elST5KuQz2qEEiaVE" },
      { text: "config.paypal.clientSecret = 'EUJR_XHV6t3dqlliYfoq0aXycbLmNuzrdpZfF33mNn-HR1jc7k0h-W9y3AxtgLgSFnTtrtAFm9UIt3TC';", secret: "EUJR_XHV6t3dqlliYfoq0aXycbLmNuzrdpZfF33mNn-HR1jc7k0h-W9y3AxtgLgSFnTtrtAFm9UIt3TC" },
    ],
    noMatch: [
      { text: "PAYPAL_CLIENT_ID=AtLZZUofWdVKYstNHNqISPfOIuQMvKSLE2gNkHVOGJ9NAjVvf6GLaGk-0limPlUv73LuTmw47Jn1kkEi", why: "the client id is public" },
      { text: "PAYPAL_CLIENT_SECRET=${PAYPAL_CLIENT_SECRET}", why: "reference" },
      { text: "PAYPAL_CLIENT_SECRET=EhIURKwXcZut4kIQSk8XJ9kgoyept4Crykj7aAnPA", why: "too short" },
      { text: "CLIENT_SECRET=EtLZZUofWdVKYstNHNqISPfOIuQMvKSLE2gNkHVOGJ9NAjVvf6GLaGk-0limPlUv73LuTmw47Jn1kkEi", why: "nothing names PayPal" },
      { text: "PAYPAL_CLIENT_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** Braintree API private keys (32 hex), next to a Braintree private-key name. */
export const braintreePrivateKey: SecretRule = {
  id: "braintree-private-key",
  kind: "braintree-private-key",
  title: "Braintree API private key",
  severity: "critical",
  confidence: "medium",
  keywords: ["braintree"],
  pattern: new RegExp(`${assignment("braintree[a-z0-9_.-]{0,30}?private[_-]?key")}(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret), hit),
  remediation: "Generate a new API key pair in the Braintree Control Panel (Settings → API → Generate new API key) and delete the old one.",
  docs: TOKEN_DOCS,
  examples: {
    match: [
      { text: "BRAINTREE_PRIVATE_KEY=3454dc5b24192b7a053a2e22200e5f8f", secret: "3454dc5b24192b7a053a2e22200e5f8f" },
      { text: "braintree_private_key: '3454dc5b24192b7a053a2e22200e5f8f'", secret: "3454dc5b24192b7a053a2e22200e5f8f" },
      { text: '"braintreePrivateKey": "85de937e20fedd613a6b66724d29e3f4"', secret: "85de937e20fedd613a6b66724d29e3f4" },
      { text: "ENV BRAINTREE_PRIVATE_KEY 85de937e20fedd613a6b66724d29e3f4", secret: "85de937e20fedd613a6b66724d29e3f4" },
      { text: "config.braintree.private_key = '6cdb1385ca9c4418340fa41c35a2ec63'", secret: "6cdb1385ca9c4418340fa41c35a2ec63" },
    ],
    noMatch: [
      { text: "BRAINTREE_PUBLIC_KEY=2jdpwlyzya6r0eb4", why: "the public key" },
      { text: "BRAINTREE_PRIVATE_KEY=8b1023a3b8bc8b9e72925373d8be2bd", why: "31 hex characters" },
      { text: "PRIVATE_KEY=3454dc5b24192b7a053a2e22200e5f8f", why: "nothing names Braintree" },
      { text: "BRAINTREE_PRIVATE_KEY=use_your_private_key", why: "placeholder" },
      { text: "BRAINTREE_PRIVATE_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};
