import type { SecretRule } from "../../types.js";
import { accept, assigned } from "./shared.js";

/** Hetzner Cloud API tokens (64 letters and digits) next to `HCLOUD_TOKEN` and Hetzner names. */
export const hetznerCloudApiToken: SecretRule = {
  id: "hetzner-cloud-api-token",
  kind: "hetzner-cloud-api-token",
  title: "Hetzner Cloud API token",
  severity: "critical",
  confidence: "medium",
  keywords: ["hcloud_token", "hcloud-token", "hetzner"],
  pattern: assigned(String.raw`hcloud[_-]token|hetzner[A-Za-z0-9_.-]{0,20}?(?:token|api_?key)`, String.raw`[A-Za-z0-9]{64}`, String.raw`A-Za-z0-9`),
  priority: 10,
  check: accept({ shape: /^[A-Za-z0-9]{64}$/, entropy: 4 }),
  remediation: "Delete the token in the Hetzner Cloud console (the project → Security → API tokens) and create a new one.",
  docs: "https://docs.hetzner.com/cloud/api/getting-started/generating-api-token/",
  examples: {
    match: [
      { text: "HCLOUD_TOKEN=E0NPynsbgQqpPfCVEO8oqR0kpYsHpYXX4vhY344YsXdD73T5lNKBaCvrCVhdOrzs", secret: "E0NPynsbgQqpPfCVEO8oqR0kpYsHpYXX4vhY344YsXdD73T5lNKBaCvrCVhdOrzs" },
      { text: 'provider "hcloud" { token = var.t }\nhcloud_token = "Kll3e9hFLXamG5y2H65AIiSBAkKX8JzRaXp1WrWOvS9dQUPn36UV8rDBOf148vLL"', secret: "Kll3e9hFLXamG5y2H65AIiSBAkKX8JzRaXp1WrWOvS9dQUPn36UV8rDBOf148vLL" },
      { text: "HETZNER_API_TOKEN: XZCkU0mz2Myd2yf1sWXqLA2sibKfT51uhc3RlAFhQnT7UDgn3VFlHsUuPXcM4IC2", secret: "XZCkU0mz2Myd2yf1sWXqLA2sibKfT51uhc3RlAFhQnT7UDgn3VFlHsUuPXcM4IC2" },
      { text: "hcloud-token: 'gdAoxl4cPaTY45fp8i5A7Q3IqVV7BWS1pWFuIKawJLJmVFiryMRLcFhRGHBTGjUp'", secret: "gdAoxl4cPaTY45fp8i5A7Q3IqVV7BWS1pWFuIKawJLJmVFiryMRLcFhRGHBTGjUp" },
      { text: "docker run -e HCLOUD_TOKEN=V5hPbTBubui8Zf0sIT9ckq7KLxMQmN5g71w2rgesh4twPi642bCUpLx9S3zjKjLd hetznercloud/cli", secret: "V5hPbTBubui8Zf0sIT9ckq7KLxMQmN5g71w2rgesh4twPi642bCUpLx9S3zjKjLd" },
    ],
    noMatch: [
      { text: "HCLOUD_TOKEN=sQ0Q59ujZYfvpA7ruwrvI4G02pAL90uSunJfSpCYIYAiTsDPiUxLTs5VfiYpBy9", why: "one character short" },
      { text: "HCLOUD_TOKEN=jprQffMUyir7K1BKRtZz0LDNIuEFoq7HejWV2RKYnzbrYOgFmhOPCgllhfoGQ8TIG", why: "one character long" },
      { text: "HCLOUD_TOKEN=${HCLOUD_TOKEN}", why: "reference" },
      { text: "HCLOUD_TOKEN=477e1835430fa66bad3b3c645bcd538d1dfca6483758bbc3029d0ece1d4d9ca5", why: "hex digest, not a token (too little entropy per character)" },
      { text: "TOKEN=4VlsF9wTPSPItfFx0rizNgEcGEjghLD2qdDO8oRLDnljoQIf9WHnvoIKMSwagpqd", why: "no Hetzner name" },
    ],
  },
};
