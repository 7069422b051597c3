import type { RuleHit, SecretRule } from "../../types.js";
import { plausible } from "../cloud/shared.js";

const DOCS = "https://developer.hashicorp.com/vault/docs/concepts/tokens";
const REMEDIATION = "Revoke the token (vault token revoke, or revoke its accessor), and have the workload log in through an auth method at run time instead of carrying a token in the image.";

function checkServiceToken(hit: RuleHit, _g: unknown, _c: unknown, line: string): RuleHit | undefined {
  if (hit.secret.startsWith("hvs.")) return plausible(hit.secret.slice(4), 3.5) ? hit : undefined;
  // A pre-1.10 `s.` token looks like many other things: only a Vault name around it makes one.
  return /vault/i.test(line) && plausible(hit.secret.slice(2), 3.5) ? { ...hit, confidence: "medium" } : undefined;
}

/** HashiCorp Vault service tokens: `hvs.` (Vault 1.10+), and the older `s.` + 24 characters next to Vault names. */
export const vaultServiceToken: SecretRule = {
  id: "hashicorp-vault-service-token",
  kind: "hashicorp-vault-service-token",
  title: "HashiCorp Vault service token",
  severity: "critical",
  confidence: "high",
  keywords: ["hvs.", "vault_token", "vault-token"],
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>hvs\.[A-Za-z0-9_-]{24,256}|s\.[A-Za-z0-9]{24})(?![A-Za-z0-9_.-])/,
  priority: 10,
  check: checkServiceToken,
  remediation: REMEDIATION,
  docs: DOCS,
  examples: {
    match: [
      { text: "VAULT_TOKEN=hvs.Tn8EaOrGbOAy3IvUO3aCZzEE", secret: "hvs.Tn8EaOrGbOAy3IvUO3aCZzEE" },
      { text: "curl -H 'X-Vault-Token: hvs.CAESIK12ZUHl35LnXWVBnQUhI9hG2pL2R0VKkOpDwcY8D3rbFldj0mW43fRJc7MHNshNihAvP_lwEsNNp7f24JyKVcuxQYN' https://vault:8200/v1/secret/data/x", secret: "hvs.CAESIK12ZUHl35LnXWVBnQUhI9hG2pL2R0VKkOpDwcY8D3rbFldj0mW43fRJc7MHNshNihAvP_lwEsNNp7f24JyKVcuxQYN" },
      { text: "export VAULT_TOKEN=s.hJl4TqlUgGNjDrJuvHsJSWUb", secret: "s.hJl4TqlUgGNjDrJuvHsJSWUb" },
      { text: 'vault { token = "hvs.gdsZkhyTFOqdHGvzVM2uAXz3" }', secret: "hvs.gdsZkhyTFOqdHGvzVM2uAXz3" },
      { text: "vault login hvs.K0ves79TvIXhi7ChWpbIuhM1", secret: "hvs.K0ves79TvIXhi7ChWpbIuhM1" },
    ],
    noMatch: [
      { text: "VAULT_TOKEN=hvs.fN0AfiopEnXRtXWGjO45", why: "too short" },
      { text: "VAULT_TOKEN=hvs.xxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "config = s.tVZ0twzrZJrKCsFO86QFEUGk", why: "an `s.` string with no Vault name around" },
      { text: "VAULT_TOKEN=root", why: "dev-mode root token id" },
      { text: "VAULT_TOKEN=hvs.<token>", why: "placeholder" },
    ],
  },
};

/** HashiCorp Vault batch tokens: `hvb.` and a long encrypted blob. */
export const vaultBatchToken: SecretRule = {
  id: "hashicorp-vault-batch-token",
  kind: "hashicorp-vault-batch-token",
  title: "HashiCorp Vault batch token",
  severity: "high",
  confidence: "high",
  keywords: ["hvb."],
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>hvb\.[A-Za-z0-9_-]{24,1024})(?![A-Za-z0-9_.-])/,
  priority: 10,
  check: (hit) => (plausible(hit.secret.slice(4), 4) ? hit : undefined),
  remediation: "Batch tokens cannot be revoked one by one: revoke their parent token or lease, or wait for the TTL; keep them out of images.",
  docs: DOCS,
  examples: {
    match: [
      { text: "VAULT_TOKEN=hvb.AAAAAQaPIcDgNA4KIjSIopRWr80Cw5LMXo08mxsjyCLrOlYMNjz8bJRk4QN0SVcRKCDN3apFZIqN9BjeFzx96iEnft6iaZJpeoN1ggpG6oYkNomD-cqscZCx8gbwMmivAGPZAVWbMb88zq95GM", secret: "hvb.AAAAAQaPIcDgNA4KIjSIopRWr80Cw5LMXo08mxsjyCLrOlYMNjz8bJRk4QN0SVcRKCDN3apFZIqN9BjeFzx96iEnft6iaZJpeoN1ggpG6oYkNomD-cqscZCx8gbwMmivAGPZAVWbMb88zq95GM" },
      { text: '{"auth": {"client_token": "hvb.AAAAAQOc6GsfvcZgb4GgJSuSULCS0nzM7j7A7TkTRvnF9y5E55BuievPDMSfXVnhPaA07XfbmZs7HU_d5Bk0Sqr1o8OlJ3MDr98Mn6klH_GqbxFBtz0qSaYL3FHW8XIfG63U_xYAtQw0qKTIPBmWWnepuFpZFJJn0dCmV9"}}', secret: "hvb.AAAAAQOc6GsfvcZgb4GgJSuSULCS0nzM7j7A7TkTRvnF9y5E55BuievPDMSfXVnhPaA07XfbmZs7HU_d5Bk0Sqr1o8OlJ3MDr98Mn6klH_GqbxFBtz0qSaYL3FHW8XIfG63U_xYAtQw0qKTIPBmWWnepuFpZFJJn0dCmV9" },
      { text: "X-Vault-Token: hvb.Wk8FktEYopuiAlxXhrdR3Bt9SH0aMn6fz3XESUvdD5ChCiXpIRxkmAzN89QJOa7KVV3IV3P_FopNkbFCb_KZ-QLV5468KmYpmx5iJuIgNlbqmMWNQVkWsd6LLD_AUIQLGA4AgOh5z6", secret: "hvb.Wk8FktEYopuiAlxXhrdR3Bt9SH0aMn6fz3XESUvdD5ChCiXpIRxkmAzN89QJOa7KVV3IV3P_FopNkbFCb_KZ-QLV5468KmYpmx5iJuIgNlbqmMWNQVkWsd6LLD_AUIQLGA4AgOh5z6" },
      { text: "token: hvb.DpZ8H3p55zQu2d4ZYg9KYHUC4XMzWTT6JzHs8nR19hWp9s5OSWIDk2KD9WeDEcscjHQ2DEclGNh2_PNXswQjEnLVCCg6Gu6BASXigE1joUdxv146hyAKfAI6JjuHkWHbOTL-iIb5kSE6x58MmlgVgXmBcOIsyIalMSXaGnYeKsCYE-cVl_FkKLPGuuwn3XARq5rFTENM\n", secret: "hvb.DpZ8H3p55zQu2d4ZYg9KYHUC4XMzWTT6JzHs8nR19hWp9s5OSWIDk2KD9WeDEcscjHQ2DEclGNh2_PNXswQjEnLVCCg6Gu6BASXigE1joUdxv146hyAKfAI6JjuHkWHbOTL-iIb5kSE6x58MmlgVgXmBcOIsyIalMSXaGnYeKsCYE-cVl_FkKLPGuuwn3XARq5rFTENM" },
      { text: "export VAULT_TOKEN='hvb.zMQRu_zYtg2Bpdyqao19IBCZ52OD6yVy1yiQ3qI1rlcPuTQNT2O4Grx83m3GQznqh9NVUjMfexjcoMvvS2CB8nzutUlzkZtAjyHKQ00JUTAnztrDOYSbwbi3DdpaapxkaNjal63wTiQX71crL9VnVH'", secret: "hvb.zMQRu_zYtg2Bpdyqao19IBCZ52OD6yVy1yiQ3qI1rlcPuTQNT2O4Grx83m3GQznqh9NVUjMfexjcoMvvS2CB8nzutUlzkZtAjyHKQ00JUTAnztrDOYSbwbi3DdpaapxkaNjal63wTiQX71crL9VnVH" },
    ],
    noMatch: [
      { text: "VAULT_TOKEN=hvb.CIWTVt0xzs", why: "too short" },
      { text: "VAULT_TOKEN=hvb.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", why: "filler" },
      { text: "VAULT_TOKEN=hvb.<batch-token>", why: "placeholder" },
      { text: "xhvb.67Klh3DPwqySgMMkkGy1c62f3ZfgAvkewClPZwiyFOToHBq4qr8lq39FvQg82NKuLY9LD_VUAeFkEUjBzYHIJt2AEYeUkfKjTGrH1Xv8YcTjtynFOoRTQVqKRkFM6djlhBKbwowJOwaC", why: "inside a longer word" },
      { text: "hvb.JLEZer4-a7YPaToeyGduWuy--AB4C-lsgRvqysvpLzfS30WWdLgFmzFoba6q2vL1hUayQ6d6Qq5Weg0407TDYVXCf-udhfxTdeI7s-mBUO6TFH5fmx_AI-k25368C_icOMvcMXtR8z4W.extra", why: "followed by more dotted parts: not a token" },
    ],
  },
};

/** HashiCorp Vault recovery tokens (`hvr.`): usable while Vault runs in recovery mode. */
export const vaultRecoveryToken: SecretRule = {
  id: "hashicorp-vault-recovery-token",
  kind: "hashicorp-vault-recovery-token",
  title: "HashiCorp Vault recovery token",
  severity: "critical",
  confidence: "high",
  keywords: ["hvr."],
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>hvr\.[A-Za-z0-9_-]{24,256})(?![A-Za-z0-9_.-])/,
  priority: 10,
  check: (hit) => (plausible(hit.secret.slice(4), 3.5) ? hit : undefined),
  remediation: "Recovery tokens live only while Vault is in recovery mode: leave recovery mode, and regenerate any recovery credentials that produced it.",
  docs: "https://developer.hashicorp.com/vault/docs/concepts/recovery-mode",
  examples: {
    match: [
      { text: "VAULT_TOKEN=hvr.Tn8EaOrGbOAy3IvUO3aCZzEE", secret: "hvr.Tn8EaOrGbOAy3IvUO3aCZzEE" },
      { text: "X-Vault-Token: hvr.KAnJVoZu1Fa2DhH5efuDf1iL", secret: "hvr.KAnJVoZu1Fa2DhH5efuDf1iL" },
      { text: '{"token": "hvr.hJl4TqlUgGNjDrJuvHsJSWUb"}', secret: "hvr.hJl4TqlUgGNjDrJuvHsJSWUb" },
      { text: "recovery_token: hvr.ogQC2HJW5l1cfrmON6-E2cmNUBYeok", secret: "hvr.ogQC2HJW5l1cfrmON6-E2cmNUBYeok" },
      { text: "vault login -method=token hvr.K0ves79TvIXhi7ChWpbIuhM1", secret: "hvr.K0ves79TvIXhi7ChWpbIuhM1" },
    ],
    noMatch: [
      { text: "hvr.9o9EahC6oIatAIMJjJD4Rty", why: "too short" },
      { text: "hvr.xxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "hvr.<recovery-token>", why: "placeholder" },
      { text: "chvr.tVZ0twzrZJrKCsFO86QFEUGk", why: "inside a longer word" },
      { text: "hvr.Wwn88OvbjddTgxkISjfnVMk1.json", why: "a file name" },
    ],
  },
};
