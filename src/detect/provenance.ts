import { createHash } from "node:crypto";
import { PUBLIC_TEST_KEYS } from "./public-test-keys.js";
import { keyStoreDigest } from "./structure/keystore.js";

/**
 * Where a file sits says how much a match in it means. Every file is scanned; a match in a
 * package's test suite, its documentation or its examples is kept, with low confidence and the
 * reason, so the default report shows what a person should act on and counts the rest.
 */
const CONTEXTS: readonly [RegExp, string][] = [
  [/^\/usr\/share\/(?:doc|man|info|gtk-doc|help)\//, "documentation shipped by a system package"],
  [/^\/usr\/lib\/python[0-9.]+\/test\//, "the Python standard library's test suite"],
  [/\/(?:site|dist)-packages\/[^/]+\/(?:.*\/)?(?:tests?|testing|testdata|test_data)\//, "a Python package's test suite"],
  [/\/node_modules\/(?:@[^/]+\/)?[^/]+\/(?:.*\/)?(?:tests?|__tests__|spec|fixtures?|examples?|docs?)\//, "an npm package's tests, examples or docs"],
  [/\/(?:go\/pkg\/mod|vendor)\/.*\/testdata\//, "a Go module's test data"],
  [/\/gems\/[^/]+\/(?:.*\/)?(?:test|spec|examples?)\//, "a Ruby gem's tests or examples"],
  [/\/\.?m2\/repository\/|\/\.gradle\/caches\//, "a dependency cache (published artifacts)"],
  [/\/(?:testdata|test_data|__tests__|__fixtures__|fixtures?|testcases)\//, "test data"],
  [/\/(?:tests?|spec)\/(?:.*\/)?(?:data|certs?|keys?|fixtures?|ssl|resources)\//, "test data"],
  [/^\/usr\/(?:local\/)?(?:share|lib|lib64)\/[^/]+\/(?:.*\/)?(?:examples?|samples?|demos?)\//, "example files shipped by a package"],
];

/** Why a file's matches are held back (low confidence), or undefined when they stand. */
export function pathContext(path: string): string | undefined {
  for (const [re, reason] of CONTEXTS) if (re.test(path)) return reason;
  return undefined;
}

/** The hash a public test key is listed under: SHA-256 of its base64/armour characters only. */
export function publicKeyHash(secret: string): string {
  const body = secret.replace(/\\n/g, "").replace(/-----[A-Z0-9 ]+-----/g, "").replace(/[^A-Za-z0-9+/=]/g, "");
  return createHash("sha256").update(body).digest("hex");
}

/** The project whose published test suite holds this key, when it is one of the listed keys. */
export function publicTestKey(secret: string): string | undefined {
  // A key store stands in findings as its kind and the SHA-256 of its bytes: listed by that hash.
  const store = keyStoreDigest(secret);
  if (store) return PUBLIC_TEST_KEYS.get(store);
  if (!secret.includes("-----BEGIN") && !secret.includes("PuTTY-User-Key-File")) return undefined;
  return PUBLIC_TEST_KEYS.get(publicKeyHash(secret));
}

/** The reason a file hit is held back: a published test key anywhere, or any match in a test/docs/example path. */
export function heldBackReason(path: string, secret: string, knownPublicKey?: string): string | undefined {
  const key = knownPublicKey ?? publicTestKey(secret);
  if (key) return `a published test key (${key})`;
  const ctx = pathContext(path);
  return ctx ? `in ${ctx}` : undefined;
}
