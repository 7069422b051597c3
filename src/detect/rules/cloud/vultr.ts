import type { SecretRule } from "../../types.js";
import { accept, assigned } from "./shared.js";

/** Vultr API keys (36 upper-case letters and digits) next to Vultr names. */
export const vultrApiKey: SecretRule = {
  id: "vultr-api-key",
  kind: "vultr-api-key",
  title: "Vultr API key",
  severity: "critical",
  confidence: "medium",
  keywords: ["vultr"],
  pattern: assigned(String.raw`vultr[A-Za-z0-9_.-]{0,20}?(?:api_?key|token|key)`, String.raw`[A-Z0-9]{36}`, String.raw`A-Za-z0-9`),
  priority: 10,
  check: accept({ shape: /^[A-Z0-9]{36}$/, entropy: 3.5 }),
  remediation: "Regenerate the API key in the Vultr portal (Account → API) and restrict it to known IP ranges.",
  docs: "https://docs.vultr.com/platform/other/api-access",
  examples: {
    match: [
      { text: "VULTR_API_KEY=PL3CRGPX8ZXP7CO79G4SYQEW5P5F47U7V673", secret: "PL3CRGPX8ZXP7CO79G4SYQEW5P5F47U7V673" },
      { text: "vultr_api_key: 'N1Z7QAJ27LO79BHH9ZOG01RNJOEEAOV92NDP'", secret: "N1Z7QAJ27LO79BHH9ZOG01RNJOEEAOV92NDP" },
      { text: '# terraform.tfvars\nvultr_api_key = "I99TO6GHJWMBMQC67IFFMC1CMPS8NHMULSLK"', secret: "I99TO6GHJWMBMQC67IFFMC1CMPS8NHMULSLK" },
      { text: "export VULTR_TOKEN=C23V9O4BR1R0JXF18RLSLSLN3PH6K7XB2KU0", secret: "C23V9O4BR1R0JXF18RLSLSLN3PH6K7XB2KU0" },
      { text: '{"VultrApiKey": "CTFKGLTK78XG9MPYK6CONPN3GNI6HRY8O80R"}', secret: "CTFKGLTK78XG9MPYK6CONPN3GNI6HRY8O80R" },
    ],
    noMatch: [
      { text: "VULTR_API_KEY=YB89UTJK3G1411QIZJDU49AUKYYOFMYWTSF", why: "one character short" },
      { text: "VULTR_API_KEY=5l3ixq40rlktjtd9fx3if8cy2unkyzpaeyjh", why: "lower case" },
      { text: "VULTR_API_KEY=<api-key>", why: "placeholder" },
      { text: "VULTR_API_KEY=XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", why: "mask" },
      { text: "API_KEY=1132C02EYHCCWYUT7J6GVZZ80HRQFY3T5BG8", why: "no Vultr name" },
    ],
  },
};
