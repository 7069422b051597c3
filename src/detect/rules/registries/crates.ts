import type { SecretRule } from "../../types.js";
import { randomAlphanumericBody } from "../vcs/helpers.js";

/**
 * crates.io API tokens: `cio` and 32 alphanumerics. The prefix is three letters, so the rule runs
 * only where Cargo is named (`cargo login`, `CARGO_REGISTRY_TOKEN`) or in the `token = "cio…"`
 * line `cargo login` writes to credentials.toml.
 */
export const cratesIoToken: SecretRule = {
  id: "crates-io-api-token",
  kind: "crates-io-api-token",
  title: "crates.io API token",
  severity: "critical",
  confidence: "high",
  keywords: ["cargo", "crates", 'token = "cio'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>cio[A-Za-z0-9]{32})(?![A-Za-z0-9_])/,
  priority: 10,
  check: randomAlphanumericBody(3),
  remediation: "Revoke the token (crates.io → Account settings → API Tokens → Revoke) and check the crates' versions for publishes you did not make.",
  docs: "https://doc.rust-lang.org/cargo/reference/publishing.html#before-your-first-publish",
  examples: {
    match: [
      { text: '[registry]\ntoken = "ciodbPQY51DERn36HUpqBbJO0WwgqbomWOL"\n', secret: "ciodbPQY51DERn36HUpqBbJO0WwgqbomWOL", path: "/root/.cargo/credentials.toml" },
      { text: "CARGO_REGISTRY_TOKEN=ciov1dEnQuHVZyHgcwClG7zvglId7WOmNAp", secret: "ciov1dEnQuHVZyHgcwClG7zvglId7WOmNAp" },
      { text: "RUN cargo login ciosRwbqNFe7mbSrQeOWfQhQC9MiKnysXvD && cargo publish", secret: "ciosRwbqNFe7mbSrQeOWfQhQC9MiKnysXvD" },
      { text: "cargo publish --token ciodbPQY51DERn36HUpqBbJO0WwgqbomWOL", secret: "ciodbPQY51DERn36HUpqBbJO0WwgqbomWOL" },
      { text: "  crates_io_token: 'ciov1dEnQuHVZyHgcwClG7zvglId7WOmNAp'", secret: "ciov1dEnQuHVZyHgcwClG7zvglId7WOmNAp" },
    ],
    noMatch: [
      { text: "CARGO_REGISTRY_TOKEN=ciov1dEnQuHVZyHgcwClG7zvglId7WOmNA", why: "31 characters" },
      { text: "CARGO_REGISTRY_TOKEN=ciov1dEnQuHVZyHgcwClG7zvglId7WOmNApp", why: "33 characters" },
      { text: "CARGO_REGISTRY_TOKEN=cioxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "TOKEN=ciov1dEnQuHVZyHgcwClG7zvglId7WOmNAp", why: "no mention of Cargo on the line" },
      { text: "cargo build --features audio,ciovarianceEstimatorForSensorFusion", why: "a word starting with cio" },
    ],
  },
};
