import type { RuleHit, SecretRule } from "../../types.js";
import { accept, assigned, plausible } from "./shared.js";

const DOCS = "https://www.backblaze.com/docs/cloud-storage-application-keys";
const REMEDIATION = "Delete the application key in the Backblaze web console (App Keys) or with b2 key delete, and create a new one restricted to the buckets it needs.";
const B2_CONTEXT = /b2|backblaze|application_?key|applicationkey/i;

/** Backblaze B2 application keys: `K`, a three-digit cluster number, 27 base64 characters. */
export const backblazeB2ApplicationKey: SecretRule = {
  id: "backblaze-b2-application-key",
  kind: "backblaze-b2-application-key",
  title: "Backblaze B2 application key",
  severity: "critical",
  confidence: "high",
  keywords: ["K001", "K002", "K003", "K004", "K005", "K006", "K007", "K008", "K009"],
  pattern: /(?<![A-Za-z0-9+/])(?<secret>K00[1-9][A-Za-z0-9+/]{27})(?![A-Za-z0-9+/=])/,
  priority: 10,
  check: (hit: RuleHit, _g, _c, line: string) => {
    if (!plausible(hit.secret.slice(4), 3.5)) return undefined;
    // Without B2 words around, a K00n-prefixed 31-character base64 run is only probably a key.
    return B2_CONTEXT.test(line) ? hit : { ...hit, confidence: "medium" };
  },
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "B2_APPLICATION_KEY=K005rlJzyrTaW5GNo32QZJjZ4Z6e4ot", secret: "K005rlJzyrTaW5GNo32QZJjZ4Z6e4ot" },
      { text: "b2 authorize-account 00565e26867593cd5c01d87a6 K005i2Pj0MkPe5DrBaXbjYa3bwfW5XE", secret: "K005i2Pj0MkPe5DrBaXbjYa3bwfW5XE" },
      { text: '"applicationKey": "K004isCaXYN0fVIvACjxMyuNcgyQEke"', secret: "K004isCaXYN0fVIvACjxMyuNcgyQEke" },
      { text: "[b2]\ntype = b2\naccount = 00498bcca093caccf4517c089\nkey = K004LvIKiRzxEK4kjnY6Q2x4YeVbSZ4\n", secret: "K004LvIKiRzxEK4kjnY6Q2x4YeVbSZ4" },
      { text: "B2_KEY: 'K001BYqvGOwHqlodrJ0v75jZ+WmR9fT'", secret: "K001BYqvGOwHqlodrJ0v75jZ+WmR9fT" },
    ],
    noMatch: [
      { text: "B2_APPLICATION_KEY=K005N5QA7bHTpZy34LE2GyI1Tk3lpd", why: "one character short" },
      { text: "B2_APPLICATION_KEY=K005eDI9WN8ND3exOnWTw5q5GMcf1UTQ", why: "one character long" },
      { text: "B2_APPLICATION_KEY=K000oLrrGgNWey7ErR2rT8UNfPMlU7e", why: "no cluster zero" },
      { text: "B2_APPLICATION_KEY=K005xxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "blob=UHCd9RikpaK0053OiSWKElOST8M7V3nBIJwNBjNz6", why: "inside a longer base64 run" },
    ],
  },
};

/** Backblaze B2 application key IDs next to their usual names: an identifier (the key is the secret half). */
export const backblazeB2ApplicationKeyId: SecretRule = {
  id: "backblaze-b2-application-key-id",
  kind: "backblaze-b2-application-key-id",
  title: "Backblaze B2 application key ID",
  severity: "low",
  confidence: "medium",
  keywords: ["b2_application_key_id", "b2_key_id", "applicationkeyid", "b2_account_id", "backblaze"],
  pattern: assigned(String.raw`b2_application_key_id|b2_key_id|applicationKeyId|b2_account_id|backblaze[A-Za-z0-9_.-]{0,20}?key_?id`, String.raw`[0-9a-f]{25}|[0-9a-f]{12}`, String.raw`A-Za-z0-9`),
  priority: 10,
  check: accept({ shape: /^(?:[0-9a-f]{25}|[0-9a-f]{12})$/, entropy: 2.5 }),
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "B2_APPLICATION_KEY_ID=005d83e4c89c83040e7b1c339", secret: "005d83e4c89c83040e7b1c339" },
      { text: '"applicationKeyId": "0043872767835e47455673de2"', secret: "0043872767835e47455673de2" },
      { text: "B2_ACCOUNT_ID=98d0c94cebf9", secret: "98d0c94cebf9" },
      { text: "export B2_KEY_ID='0012dfe21707ac84db37406eb'", secret: "0012dfe21707ac84db37406eb" },
      { text: "backblaze_key_id: 005a4ee4de86c6012d7d508a9", secret: "005a4ee4de86c6012d7d508a9" },
    ],
    noMatch: [
      { text: "B2_APPLICATION_KEY_ID=0051e5e561027bd2797f7d82", why: "one digit short" },
      { text: "B2_APPLICATION_KEY_ID=xncglpqreiSIyuaoZYMEQ13dR", why: "not hex" },
      { text: "B2_APPLICATION_KEY_ID=<key-id>", why: "placeholder" },
      { text: "B2_APPLICATION_KEY_ID=0000000000000000000000000", why: "zero placeholder" },
      { text: "KEY_ID=005835eb2871ddd09e26d5c8e", why: "no B2 name" },
    ],
  },
};
