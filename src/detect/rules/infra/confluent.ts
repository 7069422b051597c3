import type { SecretRule } from "../../types.js";
import { accept } from "../cloud/shared.js";

/**
 * Confluent Cloud API secrets (64 base64 characters): next to Confluent names, or as the
 * password of a Kafka SASL/PLAIN JAAS line whose username is a 16-character Confluent API key.
 */
export const confluentCloudApiSecret: SecretRule = {
  id: "confluent-cloud-api-secret",
  kind: "confluent-cloud-api-secret",
  title: "Confluent Cloud API secret",
  severity: "critical",
  confidence: "medium",
  keywords: ["confluent", "PlainLoginModule"],
  pattern:
    /(?:(?<![A-Za-z0-9_])(?<name>[A-Za-z0-9_.-]{0,30}?confluent[A-Za-z0-9_.-]{0,20}?secret)\\?["']?(?:[ \t]*(?:=>|:=|=|:)[ \t]*|[ \t]+)\\?["']?|username=\\?["'][A-Z0-9]{16}\\?["'][ \t]+password=\\?["'])(?<secret>[A-Za-z0-9+/]{64})(?![A-Za-z0-9+/=])/i,
  priority: 10,
  check: accept({ shape: /^[A-Za-z0-9+/]{64}$/, entropy: 4.5 }),
  remediation: "Delete the API key in Confluent Cloud (API keys page, or confluent api-key delete) and create a new one for the service account.",
  docs: "https://docs.confluent.io/cloud/current/security/authenticate/workload-identities/service-accounts/api-keys/manage-api-keys.html",
  examples: {
    match: [
      { text: "CONFLUENT_CLOUD_API_SECRET=kdRb9uCPRs+LX+o9GbZ2svk/irBt+aqHfxWCcxU50je+5QQ/wgdHXlFG6/qFvX5G", secret: "kdRb9uCPRs+LX+o9GbZ2svk/irBt+aqHfxWCcxU50je+5QQ/wgdHXlFG6/qFvX5G" },
      {
        text: "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username='G9229ELG9WVDQ9T4' password='36La8VSclfDaY97d/Rx2X8O+/z99OZ0vH4ybOHrGLoDbGZoi0QfUPIvw2BUSovUV';",
        secret: "36La8VSclfDaY97d/Rx2X8O+/z99OZ0vH4ybOHrGLoDbGZoi0QfUPIvw2BUSovUV",
      },
      { text: 'confluent_api_secret = "NZrwy/tDYyR612agpNhnQGw+9kDOTcJPoAKwfkPaXCbcho3NJltBiacWC5CAI3rh"', secret: "NZrwy/tDYyR612agpNhnQGw+9kDOTcJPoAKwfkPaXCbcho3NJltBiacWC5CAI3rh" },
      { text: "KAFKA_JAAS=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"PW8EMGGCV5BCMLPS\" password=\"bbPBy57sYuv8bSDES6245FPK3ndpA1vzipdkiFw5xQPin+u5CKRwl5Bp+VnGkhNm\";", secret: "bbPBy57sYuv8bSDES6245FPK3ndpA1vzipdkiFw5xQPin+u5CKRwl5Bp+VnGkhNm" },
      { text: "export CONFLUENT_KAFKA_API_SECRET='ejSV5yGz6rdW00WMM/lN4K1OPHFvhHNgzqibDU+TSMBHCWqN9PKxFQX6gdxFYw/B'", secret: "ejSV5yGz6rdW00WMM/lN4K1OPHFvhHNgzqibDU+TSMBHCWqN9PKxFQX6gdxFYw/B" },
    ],
    noMatch: [
      { text: "CONFLUENT_CLOUD_API_SECRET=v3ux34vzyMbW3mGWlS8iU8TMtMv5V54qsIBX8/Gfbab2DUgEwoRt5V7G12odaKN", why: "one character short" },
      { text: "PlainLoginModule required username='admin' password='admin-secret';", why: "a local broker's made-up password, not a Confluent key pair" },
      { text: "CONFLUENT_CLOUD_API_SECRET=${CONFLUENT_CLOUD_API_SECRET}", why: "reference" },
      { text: "CONFLUENT_CLOUD_API_KEY=GEDKZ4NZ61MVCSGJ", why: "the key half, not the secret" },
      { text: "CONFLUENT_CLOUD_API_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};
