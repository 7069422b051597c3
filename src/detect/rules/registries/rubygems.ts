import type { SecretRule } from "../../types.js";
import { randomBody } from "../vcs/helpers.js";

/** RubyGems.org API keys: `rubygems_` and 48 hex. */
export const rubygemsApiKey: SecretRule = {
  id: "rubygems-api-key",
  kind: "rubygems-api-key",
  title: "RubyGems API key",
  severity: "critical",
  confidence: "high",
  keywords: ["rubygems_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>rubygems_[0-9a-f]{48})(?![A-Za-z0-9_])/,
  priority: 10,
  check: randomBody(9),
  remediation: "Delete the key (rubygems.org → Settings → API keys → Delete) and check the gems' version history for pushes you did not make.",
  docs: "https://guides.rubygems.org/api-key-scopes/",
  examples: {
    match: [
      { text: "---\n:rubygems_api_key: rubygems_59369ad36763793cd79086b75225e162fa339946fde47064\n", secret: "rubygems_59369ad36763793cd79086b75225e162fa339946fde47064", path: "/root/.gem/credentials" },
      { text: "GEM_HOST_API_KEY=rubygems_bbe3d4f139db46bdafa9288c908e7b28c53917020cce1090", secret: "rubygems_bbe3d4f139db46bdafa9288c908e7b28c53917020cce1090" },
      { text: 'curl -H "Authorization: rubygems_ca724c03a6cc600f3b5f49acf76319e9f3ef6e2fb19c74bf" https://rubygems.org/api/v1/gems', secret: "rubygems_ca724c03a6cc600f3b5f49acf76319e9f3ef6e2fb19c74bf" },
      { text: "  RUBYGEMS_API_KEY: 'rubygems_59369ad36763793cd79086b75225e162fa339946fde47064'", secret: "rubygems_59369ad36763793cd79086b75225e162fa339946fde47064" },
      { text: "|1 GEM_HOST_API_KEY=rubygems_bbe3d4f139db46bdafa9288c908e7b28c53917020cce1090 /bin/sh -c gem push *.gem", secret: "rubygems_bbe3d4f139db46bdafa9288c908e7b28c53917020cce1090" },
    ],
    noMatch: [
      { text: ":rubygems_api_key: rubygems_59369ad36763793cd79086b75225e162fa339946fde4706", why: "47 characters" },
      { text: ":rubygems_api_key: rubygems_59369ad36763793cd79086b75225e162fa339946fde470644", why: "49 characters" },
      { text: ":rubygems_api_key: rubygems_000000000000000000000000000000000000000000000000", why: "filler" },
      { text: ":rubygems_api_key: 59369ad36763793cd79086b75225e162", why: "an older key without the prefix" },
      { text: "rubygems_version=3.5.3", why: "a version setting" },
    ],
  },
};
