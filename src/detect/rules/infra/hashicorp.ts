import type { SecretRule } from "../../types.js";
import { accept, assigned, plausible } from "../cloud/shared.js";

const UUID = String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`;
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Consul ACL tokens (a UUID secret ID) next to Consul names (`CONSUL_HTTP_TOKEN`, `X-Consul-Token`). */
export const consulAclToken: SecretRule = {
  id: "hashicorp-consul-acl-token",
  kind: "hashicorp-consul-acl-token",
  title: "HashiCorp Consul ACL token",
  severity: "high",
  confidence: "medium",
  keywords: ["consul"],
  pattern: assigned(String.raw`consul[A-Za-z0-9_.-]{0,20}?token`, UUID, String.raw`A-Za-z0-9-`),
  priority: 10,
  check: accept({ shape: UUID_SHAPE }),
  remediation: "Delete the token (consul acl token delete -id …), create a new one with a narrower policy, and deliver it at run time.",
  docs: "https://developer.hashicorp.com/consul/docs/security/acl/tokens",
  examples: {
    match: [
      { text: "CONSUL_HTTP_TOKEN=83a2262f-9037-4641-a959-d8d9e9bd1ad3", secret: "83a2262f-9037-4641-a959-d8d9e9bd1ad3" },
      { text: "curl -H 'X-Consul-Token: c33ac504-710a-49b4-bb85-d1e7362af0c8' http://consul:8500/v1/kv/app", secret: "c33ac504-710a-49b4-bb85-d1e7362af0c8" },
      { text: 'consul_token = "4a6d09d8-0d3d-476a-84e3-5b08bd33f049"', secret: "4a6d09d8-0d3d-476a-84e3-5b08bd33f049" },
      { text: "export CONSUL_TOKEN='a1dd84b5-5396-4a34-b4d7-b91a1ffe09fa'", secret: "a1dd84b5-5396-4a34-b4d7-b91a1ffe09fa" },
      { text: "consul-acl-token: 3a56533e-0d35-41ac-a19f-ce5238729197", secret: "3a56533e-0d35-41ac-a19f-ce5238729197" },
    ],
    noMatch: [
      { text: "CONSUL_HTTP_TOKEN=00000000-0000-0000-0000-000000000002", why: "the built-in anonymous token ID" },
      { text: "CONSUL_HTTP_TOKEN=11542567-92F1-4E97-AC7D-03F948975A06", why: "upper case: not how Consul writes them" },
      { text: "CONSUL_HTTP_TOKEN=${CONSUL_HTTP_TOKEN}", why: "reference" },
      { text: "CONSUL_HTTP_TOKEN_FILE=/run/secrets/consul", why: "a path to the token" },
      { text: "SERVICE_ID=c3065539-be04-416c-aedd-d7de050bd4d5", why: "no Consul name" },
    ],
  },
};

/** Nomad ACL tokens (a UUID secret ID) next to Nomad names (`NOMAD_TOKEN`, `X-Nomad-Token`). */
export const nomadAclToken: SecretRule = {
  id: "hashicorp-nomad-acl-token",
  kind: "hashicorp-nomad-acl-token",
  title: "HashiCorp Nomad ACL token",
  severity: "high",
  confidence: "medium",
  keywords: ["nomad"],
  pattern: assigned(String.raw`nomad[A-Za-z0-9_.-]{0,20}?token`, UUID, String.raw`A-Za-z0-9-`),
  priority: 10,
  check: (hit) => (UUID_SHAPE.test(hit.secret) && plausible(hit.secret) ? hit : undefined),
  remediation: "Delete the token (nomad acl token delete <accessor>), create a new one with a narrower policy, and use workload identity where possible.",
  docs: "https://developer.hashicorp.com/nomad/docs/secure/acl/tokens",
  examples: {
    match: [
      { text: "NOMAD_TOKEN=83a2262f-9037-4641-a959-d8d9e9bd1ad3", secret: "83a2262f-9037-4641-a959-d8d9e9bd1ad3" },
      { text: "curl --header 'X-Nomad-Token: c33ac504-710a-49b4-bb85-d1e7362af0c8' http://nomad:4646/v1/jobs", secret: "c33ac504-710a-49b4-bb85-d1e7362af0c8" },
      { text: 'nomad_token = "4a6d09d8-0d3d-476a-84e3-5b08bd33f049"', secret: "4a6d09d8-0d3d-476a-84e3-5b08bd33f049" },
      { text: "export NOMAD_TOKEN=a1dd84b5-5396-4a34-b4d7-b91a1ffe09fa", secret: "a1dd84b5-5396-4a34-b4d7-b91a1ffe09fa" },
      { text: "nomad-bootstrap-token: 3a56533e-0d35-41ac-a19f-ce5238729197", secret: "3a56533e-0d35-41ac-a19f-ce5238729197" },
    ],
    noMatch: [
      { text: "NOMAD_TOKEN=f08c8f5fb5b6769fa4a3ba358c66608a", why: "not a UUID" },
      { text: "NOMAD_TOKEN=C23F9B18-1F7F-4789-AF26-63816510EF0E", why: "upper case" },
      { text: "NOMAD_TOKEN=<secret-id>", why: "placeholder" },
      { text: "NOMAD_TOKEN=11111111-1111-1111-1111-111111111111", why: "placeholder" },
      { text: "ALLOC_ID=344b5c94-9a7b-40ad-a597-d0acefaa885f", why: "no Nomad name" },
    ],
  },
};

/** HCP Terraform / Terraform Enterprise API tokens: 14 characters, `.atlasv1.`, 60–70 characters. */
export const terraformCloudApiToken: SecretRule = {
  id: "terraform-cloud-api-token",
  kind: "terraform-cloud-api-token",
  title: "HCP Terraform (Terraform Cloud) API token",
  severity: "critical",
  confidence: "high",
  keywords: ["atlasv1"],
  pattern: /(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(23), entropy: 4 }),
  remediation: "Delete the token in HCP Terraform (User settings → Tokens, or the team/organization API token page) and run terraform login again.",
  docs: "https://developer.hashicorp.com/terraform/cloud-docs/users-teams-organizations/api-tokens",
  examples: {
    match: [
      { text: "TF_TOKEN_app_terraform_io=ZT8AWqjVkHg1de.atlasv1.TVD04SrPfn5Wblap4C1e6hEgLf9-hGxpio-OWkuHRvN1JIKqR2-JSAp36iexzWdC8CO", secret: "ZT8AWqjVkHg1de.atlasv1.TVD04SrPfn5Wblap4C1e6hEgLf9-hGxpio-OWkuHRvN1JIKqR2-JSAp36iexzWdC8CO" },
      { text: '{"credentials": {"app.terraform.io": {"token": "fUE4sdq2bg2ho6.atlasv1.Hh3TZ6EcLGcoY0qGcJDE4AahMgnUw3X9t12tiJEhwa25ICTu_zzvxj0FQfNuWOPiunj"}}}', secret: "fUE4sdq2bg2ho6.atlasv1.Hh3TZ6EcLGcoY0qGcJDE4AahMgnUw3X9t12tiJEhwa25ICTu_zzvxj0FQfNuWOPiunj" },
      { text: 'credentials "app.terraform.io" { token = "DgW0x3vRYmxpBZ.atlasv1.S7Bmsv8kgXVsbGLmo4CzTcGTV6fEE8fWtp6wi3NXfL1hel5SJ7iz6ZS7ynziT9X1" }', secret: "DgW0x3vRYmxpBZ.atlasv1.S7Bmsv8kgXVsbGLmo4CzTcGTV6fEE8fWtp6wi3NXfL1hel5SJ7iz6ZS7ynziT9X1" },
      { text: "ATLAS_TOKEN=dL5brFWYeNVdWt.atlasv1.jzXi9i8RFI-7c39GupRXpPFjqizWSy8-0K3kriUkipOIxmLnrWRN1YmMNveuHFBLxlh", secret: "dL5brFWYeNVdWt.atlasv1.jzXi9i8RFI-7c39GupRXpPFjqizWSy8-0K3kriUkipOIxmLnrWRN1YmMNveuHFBLxlh" },
      { text: "curl -H 'Authorization: Bearer gFWXtkeC0c2oP4.atlasv1.hBC5DgcCSsfhYzywcq2muZLO8Lm0K2uTJQUuddC11TOxm01nlHt44JPz7jWy-5D9UcW' https://app.terraform.io/api/v2/account/details", secret: "gFWXtkeC0c2oP4.atlasv1.hBC5DgcCSsfhYzywcq2muZLO8Lm0K2uTJQUuddC11TOxm01nlHt44JPz7jWy-5D9UcW" },
    ],
    noMatch: [
      { text: "TF_TOKEN_app_terraform_io=afaZyFi6VhkEI.atlasv1.5jRgy5lKRdxZraZC7oZYFp3F8DwgrGN9aVj0MFlEAHgGPumNw9ut0e7ybmq8WaZJZWx", why: "first part one character short" },
      { text: "TF_TOKEN_app_terraform_io=0kTg07xwyjY0KB.atlasv1.VbZELVebO9L58Raj6h7MOH24h0gbgEMxQekVK1Ul", why: "last part too short" },
      { text: "TF_TOKEN_app_terraform_io=xxxxxxxxxxxxxx.atlasv1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "TF_TOKEN_app_terraform_io=WVF1RRRFW6ALcj.atlasv2.mkFCU41q0PR0ACEReIiOC4xyLwvq-LmSK8kPlbD3iB5uR3GA5vcLwQ4BawNelKBWg4p", why: "other marker" },
      { text: "see https://app.terraform.io/app/settings/tokens (atlasv1 tokens)", why: "prose" },
    ],
  },
};

/** Pulumi Cloud access tokens: `pul-` and 40 hex digits. */
export const pulumiAccessToken: SecretRule = {
  id: "pulumi-access-token",
  kind: "pulumi-access-token",
  title: "Pulumi Cloud access token",
  severity: "critical",
  confidence: "high",
  keywords: ["pul-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>pul-[a-f0-9]{40})(?![A-Za-z0-9])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(4) }),
  remediation: "Delete the token in Pulumi Cloud (Settings → Access Tokens) and give CI an OIDC-issued token instead of a stored one.",
  docs: "https://www.pulumi.com/docs/pulumi-cloud/access-management/access-tokens/",
  examples: {
    match: [
      { text: "PULUMI_ACCESS_TOKEN=pul-536bd1631294b328110d4f1ddc8bbbdef30159da", secret: "pul-536bd1631294b328110d4f1ddc8bbbdef30159da" },
      { text: '{"accessTokens": {"https://api.pulumi.com": "pul-b2a6612b0f159e012b197886897f6a7abcbfa630"}}', secret: "pul-b2a6612b0f159e012b197886897f6a7abcbfa630" },
      { text: "pulumi login --token pul-761cb565df64e1ca5bb7dcf5ccf14e5895ee4f3e", secret: "pul-761cb565df64e1ca5bb7dcf5ccf14e5895ee4f3e" },
      { text: "env:\n  PULUMI_ACCESS_TOKEN: pul-1de9adfa6c3e51de42a170094b6392a96e11ee01\n", secret: "pul-1de9adfa6c3e51de42a170094b6392a96e11ee01" },
      { text: "export PULUMI_ACCESS_TOKEN='pul-8c38aabca8b2a1b78650bdf880db5ffe3991f8f7'", secret: "pul-8c38aabca8b2a1b78650bdf880db5ffe3991f8f7" },
    ],
    noMatch: [
      { text: "PULUMI_ACCESS_TOKEN=pul-cb531411c52866519a6abab3893099fe8cd1f69", why: "one digit short" },
      { text: "PULUMI_ACCESS_TOKEN=pul-c80ecbf65cd837445e383885d0016f8576e33d673", why: "one digit long" },
      { text: "PULUMI_ACCESS_TOKEN=pul-xlMugH8JDMPudBZdvgYo21jitMZnA22wDWJPTH9a", why: "not hex" },
      { text: "PULUMI_ACCESS_TOKEN=pul-0000000000000000000000000000000000000000", why: "zero placeholder" },
      { text: "git-pul-720e4aac70e69839314c62cdda0460906bf7ae25", why: "inside a longer word" },
    ],
  },
};
