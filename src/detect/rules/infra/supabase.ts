import type { SecretRule } from "../../types.js";
import { accept } from "../cloud/shared.js";

/** Supabase personal access tokens (management API): `sbp_` and 40 hex digits. */
export const supabaseAccessToken: SecretRule = {
  id: "supabase-access-token",
  kind: "supabase-access-token",
  title: "Supabase personal access token",
  severity: "critical",
  confidence: "high",
  keywords: ["sbp_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>sbp_[a-f0-9]{40})(?![A-Za-z0-9])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(4) }),
  remediation: "Revoke the token in the Supabase dashboard (Account → Access Tokens) and create a new one.",
  docs: "https://supabase.com/docs/reference/cli/supabase-login",
  examples: {
    match: [
      { text: "SUPABASE_ACCESS_TOKEN=sbp_9818e39dffdfe2f89c8f4daa4587c49b5a43ecd2", secret: "sbp_9818e39dffdfe2f89c8f4daa4587c49b5a43ecd2" },
      { text: "supabase login --token sbp_db259d1d4f19f0e9c1ec99bf8867eaee5eaa9c73", secret: "sbp_db259d1d4f19f0e9c1ec99bf8867eaee5eaa9c73" },
      { text: "Authorization: Bearer sbp_6f56fcf3e875f85334e602e1766c3c3665981b69", secret: "sbp_6f56fcf3e875f85334e602e1766c3c3665981b69" },
      { text: 'access_token = "sbp_0ee30259b775d119f08d329dff0423435533d2e9"', secret: "sbp_0ee30259b775d119f08d329dff0423435533d2e9" },
      { text: "env:\n  SUPABASE_ACCESS_TOKEN: sbp_d1d10183d2e2e3db704f59f0b079c7ddfef4dee8", secret: "sbp_d1d10183d2e2e3db704f59f0b079c7ddfef4dee8" },
    ],
    noMatch: [
      { text: "SUPABASE_ACCESS_TOKEN=sbp_ab2cfe031cd846d46d727f5fb886ab84d5a329b", why: "one digit short" },
      { text: "SUPABASE_ACCESS_TOKEN=sbp_a7bfae9b4e22cd1e2f0fa69c15aafc8c9d986d73f", why: "one digit long" },
      { text: "SUPABASE_ACCESS_TOKEN=sbp_LsH7LqTVwQWe7NN1sN6FDlXcaeTlYLoeyslrcKGu", why: "not hex" },
      { text: "SUPABASE_ACCESS_TOKEN=sbp_0000000000000000000000000000000000000000", why: "zero placeholder" },
      { text: "SUPABASE_ACCESS_TOKEN=sbp_<token>", why: "placeholder" },
    ],
  },
};

/** Supabase secret API keys (`sb_secret_`): full access to the project's data, bypassing row-level security. */
export const supabaseSecretKey: SecretRule = {
  id: "supabase-secret-key",
  kind: "supabase-secret-key",
  title: "Supabase secret API key",
  severity: "critical",
  confidence: "high",
  keywords: ["sb_secret_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>sb_secret_[A-Za-z0-9_-]{24,80})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(10), entropy: 3.5 }),
  remediation: "Delete the secret key in the project's API Keys settings and create a new one; it was never meant to leave the server.",
  docs: "https://supabase.com/docs/guides/api/api-keys",
  examples: {
    match: [
      { text: "SUPABASE_SECRET_KEY=sb_secret_j-BVrLKt9j6ev8ylEN4e3Z_AIZJz3tM", secret: "sb_secret_j-BVrLKt9j6ev8ylEN4e3Z_AIZJz3tM" },
      { text: "createClient(url, 'sb_secret_Fylg3f9pCcU7zlDXSG40QSQ2AKzMJKb')", secret: "sb_secret_Fylg3f9pCcU7zlDXSG40QSQ2AKzMJKb" },
      { text: "apikey: sb_secret_BwSnbDWKcdOaQiEvsLiCUUpQ42iy90syfXMtEmVh", secret: "sb_secret_BwSnbDWKcdOaQiEvsLiCUUpQ42iy90syfXMtEmVh" },
      { text: '"serviceKey": "sb_secret_syHIsl6eTX9L5l3EHu1ScvxLEYscRMj"', secret: "sb_secret_syHIsl6eTX9L5l3EHu1ScvxLEYscRMj" },
      { text: "export SUPABASE_SECRET_KEY=sb_secret_Nkbp4x0PZKgfvJl5s4lV1RSTU9UUVyR", secret: "sb_secret_Nkbp4x0PZKgfvJl5s4lV1RSTU9UUVyR" },
    ],
    noMatch: [
      { text: "SUPABASE_PUBLISHABLE_KEY=sb_publishable_JE395YaupFKGM6BQOYiIvtdFSfgB1vw", why: "the publishable key is meant to be public" },
      { text: "SUPABASE_SECRET_KEY=sb_secret_...", why: "elided" },
      { text: "SUPABASE_SECRET_KEY=sb_secret_gaeAcbFXKI", why: "too short" },
      { text: "SUPABASE_SECRET_KEY=sb_secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "SUPABASE_SECRET_KEY=sb_secret_your_secret_key_here_123456", why: "placeholder words" },
    ],
  },
};
