import type { SecretRule } from "../../types.js";
import { keepIf, looksRandom } from "../messaging/kit.js";

/** Anthropic API keys: `sk-ant-api03-` + 93 characters + `AA`. */
export const anthropicApiKey: SecretRule = {
  id: "anthropic-api-key",
  kind: "anthropic-api-key",
  title: "Anthropic API key",
  severity: "high",
  confidence: "high",
  keywords: ["sk-ant-api"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-api0[0-9]-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(13, -2), 3.5), hit),
  remediation: "Delete the key in the Claude Console (Settings → API keys) and create a new one; review usage for the exposure window.",
  docs: "https://docs.anthropic.com/en/api/getting-started",
  examples: {
    match: [
      { text: "ANTHROPIC_API_KEY=sk-ant-api03-QXwNK7UkxsqBeeFsDqLJfu2EFS_J2iB0KMuGby0DkGTxW6CsGdnRnzs-vSffWIKacQDel_H3OFhbV3rG3RyoqnSLKWc2rAA", secret: "sk-ant-api03-QXwNK7UkxsqBeeFsDqLJfu2EFS_J2iB0KMuGby0DkGTxW6CsGdnRnzs-vSffWIKacQDel_H3OFhbV3rG3RyoqnSLKWc2rAA" },
      { text: "client = anthropic.Anthropic(api_key='sk-ant-api03-QXwNK7UkxsqBeeFsDqLJfu2EFS_J2iB0KMuGby0DkGTxW6CsGdnRnzs-vSffWIKacQDel_H3OFhbV3rG3RyoqnSLKWc2rAA')", secret: "sk-ant-api03-QXwNK7UkxsqBeeFsDqLJfu2EFS_J2iB0KMuGby0DkGTxW6CsGdnRnzs-vSffWIKacQDel_H3OFhbV3rG3RyoqnSLKWc2rAA" },
      { text: "curl https://api.anthropic.com/v1/messages -H 'x-api-key: sk-ant-api03-gmLdl5zJS0mFJaW7l8xws5zWLVk1-3rlDkMytgT2nirpbv81Cc15deXFze-aQo9SMeJOKsyAlgZ8M9rPCl8Q2GrVZ9niBAA'", secret: "sk-ant-api03-gmLdl5zJS0mFJaW7l8xws5zWLVk1-3rlDkMytgT2nirpbv81Cc15deXFze-aQo9SMeJOKsyAlgZ8M9rPCl8Q2GrVZ9niBAA" },
      { text: '{"env": {"ANTHROPIC_API_KEY": "sk-ant-api03-gmLdl5zJS0mFJaW7l8xws5zWLVk1-3rlDkMytgT2nirpbv81Cc15deXFze-aQo9SMeJOKsyAlgZ8M9rPCl8Q2GrVZ9niBAA"}}', secret: "sk-ant-api03-gmLdl5zJS0mFJaW7l8xws5zWLVk1-3rlDkMytgT2nirpbv81Cc15deXFze-aQo9SMeJOKsyAlgZ8M9rPCl8Q2GrVZ9niBAA" },
      { text: "  anthropic_key: sk-ant-api03-qWDbe6_SyZFzwi5_wrQ5G-s_kKtnkVHeeYRQtrV7jVzps-jY9mLeu457V63XCIN6n2Qk1_soKchaCL6mAj8xP1yaq1TKDAA", secret: "sk-ant-api03-qWDbe6_SyZFzwi5_wrQ5G-s_kKtnkVHeeYRQtrV7jVzps-jY9mLeu457V63XCIN6n2Qk1_soKchaCL6mAj8xP1yaq1TKDAA" },
    ],
    noMatch: [
      { text: "ANTHROPIC_API_KEY=sk-ant-api03-QXwNK7UkxsqBeeFsDqLJfu2EFS_J2iB0KMuGby0DkGTxW6CsGdnRnzs-vSffWIKacQDel_H3OFhbV3rG3RyoqnSLKWc2rAB", why: "does not end in AA" },
      { text: "ANTHROPIC_API_KEY=sk-ant-api03-2LMu3Z9MUu6HBjrrSGVF6fIS9VP4T6ZhtYqHYEcS2-nyegjpvlwu_htcd6aZAA", why: "too short" },
      { text: "ANTHROPIC_API_KEY=sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxAA", why: "mask" },
      { text: "ANTHROPIC_API_KEY=sk-ant-...", why: "elided" },
      { text: "ANTHROPIC_API_KEY=sk-ant-admin01-QXwNK7UkxsqBeeFsDqLJfu2EFS_J2iB0KMuGby0DkGTxW6CsGdnRnzs-vSffWIKacQDel_H3OFhbV3rG3RyoqnSLKWc2rAA", why: "admin key: its own kind" },
    ],
  },
};

/** Anthropic Admin API keys: `sk-ant-admin01-` + 93 characters + `AA`; manage the organization. */
export const anthropicAdminKey: SecretRule = {
  id: "anthropic-admin-key",
  kind: "anthropic-admin-key",
  title: "Anthropic Admin API key",
  severity: "critical",
  confidence: "high",
  keywords: ["sk-ant-admin"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>sk-ant-admin0[0-9]-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(15, -2), 3.5), hit),
  remediation: "Delete the admin key in the Claude Console (Settings → Admin keys) and review the organization's members and keys.",
  docs: "https://docs.anthropic.com/en/api/administration-api",
  examples: {
    match: [
      { text: "ANTHROPIC_ADMIN_KEY=sk-ant-admin01-QXwNK7UkxsqBeeFsDqLJfu2EFS_J2iB0KMuGby0DkGTxW6CsGdnRnzs-vSffWIKacQDel_H3OFhbV3rG3RyoqnSLKWc2rAA", secret: "sk-ant-admin01-QXwNK7UkxsqBeeFsDqLJfu2EFS_J2iB0KMuGby0DkGTxW6CsGdnRnzs-vSffWIKacQDel_H3OFhbV3rG3RyoqnSLKWc2rAA" },
      { text: "curl https://api.anthropic.com/v1/organizations/users -H 'x-api-key: sk-ant-admin01-QXwNK7UkxsqBeeFsDqLJfu2EFS_J2iB0KMuGby0DkGTxW6CsGdnRnzs-vSffWIKacQDel_H3OFhbV3rG3RyoqnSLKWc2rAA'", secret: "sk-ant-admin01-QXwNK7UkxsqBeeFsDqLJfu2EFS_J2iB0KMuGby0DkGTxW6CsGdnRnzs-vSffWIKacQDel_H3OFhbV3rG3RyoqnSLKWc2rAA" },
      { text: '"adminKey": "sk-ant-admin01-gmLdl5zJS0mFJaW7l8xws5zWLVk1-3rlDkMytgT2nirpbv81Cc15deXFze-aQo9SMeJOKsyAlgZ8M9rPCl8Q2GrVZ9niBAA"', secret: "sk-ant-admin01-gmLdl5zJS0mFJaW7l8xws5zWLVk1-3rlDkMytgT2nirpbv81Cc15deXFze-aQo9SMeJOKsyAlgZ8M9rPCl8Q2GrVZ9niBAA" },
      { text: "admin_key = 'sk-ant-admin01-gmLdl5zJS0mFJaW7l8xws5zWLVk1-3rlDkMytgT2nirpbv81Cc15deXFze-aQo9SMeJOKsyAlgZ8M9rPCl8Q2GrVZ9niBAA'", secret: "sk-ant-admin01-gmLdl5zJS0mFJaW7l8xws5zWLVk1-3rlDkMytgT2nirpbv81Cc15deXFze-aQo9SMeJOKsyAlgZ8M9rPCl8Q2GrVZ9niBAA" },
      { text: "  key: sk-ant-admin01-qWDbe6_SyZFzwi5_wrQ5G-s_kKtnkVHeeYRQtrV7jVzps-jY9mLeu457V63XCIN6n2Qk1_soKchaCL6mAj8xP1yaq1TKDAA", secret: "sk-ant-admin01-qWDbe6_SyZFzwi5_wrQ5G-s_kKtnkVHeeYRQtrV7jVzps-jY9mLeu457V63XCIN6n2Qk1_soKchaCL6mAj8xP1yaq1TKDAA" },
    ],
    noMatch: [
      { text: "ANTHROPIC_ADMIN_KEY=sk-ant-admin01-QXwNK7UkxsqBeeFsDqLJfu2EFS_J2iB0KMuGby0DkGTxW6CsGdnRnzs-vSffWIKacQDel_H3OFhbV3rG3RyoqnSLKWc2rA", why: "truncated" },
      { text: "ANTHROPIC_ADMIN_KEY=sk-ant-admin01-fjVVZfdNVao0KXu5vc_WdT1Sp88cLG5ZRYzTAElrAA", why: "too short" },
      { text: "ANTHROPIC_ADMIN_KEY=sk-ant-admin01-...", why: "elided" },
      { text: "ANTHROPIC_ADMIN_KEY=sk-ant-adminXX-QXwNK7UkxsqBeeFsDqLJfu2EFS_J2iB0KMuGby0DkGTxW6CsGdnRnzs-vSffWIKacQDel_H3OFhbV3rG3RyoqnSLKWc2rAA", why: "no version number" },
      { text: "ANTHROPIC_ADMIN_KEY=sk-ant-admin01-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxAA", why: "mask" },
    ],
  },
};
