import type { RuleHit, SecretRule } from "../../types.js";
import { decodeBase64, plausible } from "./shared.js";

/** `ABSK` + base64 of `BedrockAPIKey-<id>-at-<account>:<secret>`. */
const LONG_TERM_BODY = /^BedrockAPIKey-[A-Za-z0-9]{1,32}-at-[0-9]{12}:(?<secret>[A-Za-z0-9+/]{20,200}={0,2})$/;

function checkLongTerm(hit: RuleHit): RuleHit | undefined {
  const body = decodeBase64(hit.secret.slice(4))?.toString("latin1");
  const m = body ? LONG_TERM_BODY.exec(body) : null;
  return m && plausible(m.groups!.secret!, 4) ? hit : undefined;
}

function checkShortTerm(hit: RuleHit): RuleHit | undefined {
  const url = decodeBase64(hit.secret.slice("bedrock-api-key-".length))?.toString("latin1") ?? "";
  return url.startsWith("bedrock.amazonaws.com/") && /[?&]X-Amz-Signature=[0-9a-f]{64}/.test(url) && /[?&]X-Amz-Credential=/.test(url) ? hit : undefined;
}

/** Amazon Bedrock long-term API keys: IAM service-specific credentials for Bedrock, used as bearer tokens. */
export const awsBedrockApiKey: SecretRule = {
  id: "aws-bedrock-api-key",
  kind: "aws-bedrock-api-key",
  title: "Amazon Bedrock long-term API key",
  severity: "high",
  confidence: "high",
  keywords: ["ABSKQmVkcm9ja0FQSUtleS"],
  pattern: /(?<![A-Za-z0-9+/])(?<secret>ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{40,400}={0,2})(?![A-Za-z0-9+/=])/,
  priority: 10,
  verified: true,
  check: checkLongTerm,
  remediation: "Delete the key in IAM (the user's Security credentials → API keys for Amazon Bedrock, or aws iam delete-service-specific-credential) and prefer short-term keys.",
  docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_bedrock.html",
  examples: {
    match: [
      { text: "AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS1zOXN3LWF0LTYzNDc5Nzg3MTAzMDpTczVWZHpTRXdTT0hEZUJZRDAzMmVtZ3lJR0p6TEZYMDI3WGZjTEFDUWc5SkFhNGxyL2VMSVE9PQ==", secret: "ABSKQmVkcm9ja0FQSUtleS1zOXN3LWF0LTYzNDc5Nzg3MTAzMDpTczVWZHpTRXdTT0hEZUJZRDAzMmVtZ3lJR0p6TEZYMDI3WGZjTEFDUWc5SkFhNGxyL2VMSVE9PQ==" },
      { text: 'client = Bedrock(api_key="ABSKQmVkcm9ja0FQSUtleS14ZDVtLWF0LTMzMTY3Nzc2NzQ0NDowNHRUUm1aV1FmRjhLc1VaWkFVdjJqcjBCdFdubHN6NVZYU25RMmVEUzZtY1pWOUI5WVUwOUE9PQ==")', secret: "ABSKQmVkcm9ja0FQSUtleS14ZDVtLWF0LTMzMTY3Nzc2NzQ0NDowNHRUUm1aV1FmRjhLc1VaWkFVdjJqcjBCdFdubHN6NVZYU25RMmVEUzZtY1pWOUI5WVUwOUE9PQ==" },
      { text: "curl -H 'Authorization: Bearer ABSKQmVkcm9ja0FQSUtleS1hZ2lvLWF0LTE0MjM2OTEyNjI0Mzo0bVA3c1ZZcHphbWZ4WENZMHVqRVVjTUxwSFVmaGFLSXRHYURMdUhINm9tVUVKWm5XR2dlT2c9PQ==' https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse", secret: "ABSKQmVkcm9ja0FQSUtleS1hZ2lvLWF0LTE0MjM2OTEyNjI0Mzo0bVA3c1ZZcHphbWZ4WENZMHVqRVVjTUxwSFVmaGFLSXRHYURMdUhINm9tVUVKWm5XR2dlT2c9PQ==" },
      { text: "bedrock:\n  api_key: ABSKQmVkcm9ja0FQSUtleS1jNHZzLWF0LTg4MjMxOTM5Mjk5Nzp3MEQwc2tmMmhlUXFlaHNnZVVaWCtsTmJVNk5CYXNVdEhlSmYzamxuSWJMSnRTdWZLZldtUnc9PQ==\n", secret: "ABSKQmVkcm9ja0FQSUtleS1jNHZzLWF0LTg4MjMxOTM5Mjk5Nzp3MEQwc2tmMmhlUXFlaHNnZVVaWCtsTmJVNk5CYXNVdEhlSmYzamxuSWJMSnRTdWZLZldtUnc9PQ==" },
      { text: '{"AWS_BEARER_TOKEN_BEDROCK": "ABSKQmVkcm9ja0FQSUtleS11c3VpLWF0LTkxOTQwNjMwOTQwMTpyNEZ5Tzc3aFluTE1FcVJZRFBGZDgxRTdlVEc5b0I4cjU5bU9MM1l4Z0xmMDRlNlBTVGs1Wmc9PQ=="}', secret: "ABSKQmVkcm9ja0FQSUtleS11c3VpLWF0LTkxOTQwNjMwOTQwMTpyNEZ5Tzc3aFluTE1FcVJZRFBGZDgxRTdlVEc5b0I4cjU5bU9MM1l4Z0xmMDRlNlBTVGs1Wmc9PQ==" },
    ],
    noMatch: [
      { text: "AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS0...", why: "elided documentation value" },
      { text: "AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleTpZaU1LZEhDZWIzeHRUVTd4RkEzNkV0REpvOFV5Z2E0RzJHNjAyTnFnRnE1amZ6cWtFSHBNUkVmRFNDTHg=", why: "decodes to no Bedrock key structure" },
      { text: "ABSKQmVkcm9ja0FQSUtleS1xN3J4LTlmM2stenQybS13OHBkLXY0bmMtaDZqcw==", why: "decodes to a made-up test key with no account and secret" },
      { text: "key=xABSKQmVkcm9ja0FQSUtleS05Z3hsLWF0LTA3ODQ4ODc3MDQwNzpMZ0cxK1VlbGdkOG1xU3hac3d5Nm1yc3g5RTN1YWNxVDUyUnZUMFNsUkZ3QVBBTXY2ZWZMaHc9PQ==", why: "inside a longer base64 run" },
      { text: "AWS_BEARER_TOKEN_BEDROCK=<bedrock-api-key>", why: "placeholder" },
    ],
  },
};

/** Fake short-term keys (base64 of a presigned URL for `bedrock.amazonaws.com`). */
const SHORT_A = "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbiZYLUFtei1BbGdvcml0aG09QVdTNC1ITUFDLVNIQTI1NiZYLUFtei1DcmVkZW50aWFsPUFTSUFWTTVaT0hCSFBNRUJMQzdPJTJGMjAyNjAzMDElMkZ1cy1lYXN0LTElMkZiZWRyb2NrJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9MjAyNjAzMDFUMTAxNTAwWiZYLUFtei1FeHBpcmVzPTQzMjAwJlgtQW16LVNlY3VyaXR5LVRva2VuPUlRb0piM0pwWjJsdVgyVmpFMUdvbmRjdG5kWWxUWVpYZzR4OVVxdkMxYUU4T2FUQ2hUdTd5bEF0dDJvTVRoaUl6SmQyNVdWS0V5a3NBQ1JBOHd4VDBZdEl4cjhadHRuT3FZbUE1NjBiWWZ4Zjd3b1l5VnhIYmRJZUZrWnYyQmRzVGpneTIyeTBXZElBU2pKR0cxUTdBSUR3YVBmV3MxV1lta1BsaWtvWHBZSEZ2QW9GRFdKY0FBU1ZnQTl4V20wd3dPQVhLaVBlOXU4QWZ0YjZXRFkxSVlmanNYQlg2UHBqRFhraUxyeUl4UjUyN2RMVXp4cFJ4WmM0T1gwZ3AzdGJBczduQXFmMGthdTZiZzU3M0tRVkJ1RWNRUzRpSDFIWlZ6RFNaSkZkbjJES1RKTW56TllBZXRvUG8wR3Z2JlgtQW16LVNpZ25hdHVyZT1lMWRkYTcwN2EyMjhhNTQyZWY3M2IyNmM0Y2YxMjMyODY1ZWM4YjViNzQwOTk3MGZlYTI2NjVhNTU1ZTU4Y2ViJlgtQW16LVNpZ25lZEhlYWRlcnM9aG9zdCZWZXJzaW9uPTE=";
const SHORT_B = "bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbiZYLUFtei1BbGdvcml0aG09QVdTNC1ITUFDLVNIQTI1NiZYLUFtei1DcmVkZW50aWFsPUFTSUE3VkxUUlEzVzZITUxDS0JSJTJGMjAyNjAzMDElMkZ1cy1lYXN0LTElMkZiZWRyb2NrJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9MjAyNjAzMDFUMTAxNTAwWiZYLUFtei1FeHBpcmVzPTQzMjAwJlgtQW16LVNlY3VyaXR5LVRva2VuPUlRb0piM0pwWjJsdVgyVmpFMklkbXR5c0k4bHhBaXh1Njk2aTlhVnJTVGZPa0tvZ1ZpeUNMWksyZHVMeHBtQWM3bWE3bG1MeUZNT01IWkNWUjJ0WndiSnYzdWxMVGV1UmZPajhWUEN2NmkzQ1BjekNmSUd6TWdWcEpEMUtyMWZVVUF6eHl6bjRldzIwQlZ3dkRQSDd5bVRzU0FTNnpZOUNsb3N1cFlXYkJhYVF5bEU2VWViVE5kNGdOVHFYZFlqYVFSMXJtVjZFbGhDcXVIRFkyQlJXUEFTUmYwUXhDdEFaQUlhTk84UlNzMWhmT0E3UTFzalBDc2lyRzg0eGVvek9wbDAzWWZURGxITW0ybkZJNG55V0h6QUFEUGd3UzNmcEFBN1B3ZkV1ZXR6SmhRbnV3bm1CdDU3SElEbE45JlgtQW16LVNpZ25hdHVyZT02NTA5ZTJlYjYzMDg3ZWY4OTc0OTU3YmZiYzc0ZGJlOWQxYjg1MzAyNThmMjNiMmZkYjljMjEzNzBhMzcxNmU0JlgtQW16LVNpZ25lZEhlYWRlcnM9aG9zdCZWZXJzaW9uPTE=";

/** Amazon Bedrock short-term API keys: a presigned SigV4 URL, valid up to 12 hours. */
export const awsBedrockShortTermApiKey: SecretRule = {
  id: "aws-bedrock-short-term-api-key",
  kind: "aws-bedrock-short-term-api-key",
  title: "Amazon Bedrock short-term API key",
  severity: "medium",
  confidence: "high",
  keywords: ["bedrock-api-key-"],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>bedrock-api-key-[A-Za-z0-9+/]{200,8192}={0,2})(?![A-Za-z0-9+/=])/,
  priority: 10,
  verified: true,
  check: checkShortTerm,
  remediation: "It expires within 12 hours of issue; to cut it off sooner, revoke the active sessions of the role or user that generated it.",
  docs: "https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html",
  examples: {
    match: [
      { text: `AWS_BEARER_TOKEN_BEDROCK=${SHORT_A}`, secret: SHORT_A },
      { text: `token = "${SHORT_B}"`, secret: SHORT_B },
      { text: `Authorization: Bearer ${SHORT_A}`, secret: SHORT_A },
      { text: `- name: AWS_BEARER_TOKEN_BEDROCK\n  value: ${SHORT_B}\n`, secret: SHORT_B },
      { text: `export AWS_BEARER_TOKEN_BEDROCK='${SHORT_A}'`, secret: SHORT_A },
    ],
    noMatch: [
      { text: "AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249...", why: "elided documentation value" },
      { text: "bedrock-api-key-TTCSherwjnlHdpLBIShDDrd4Au2YvlkAmom1yyxSYPt1ZIK2M+4TtWhNoq5thBRBR6dunaBQNn3WVV0SsWaxtgIl9bPN7gESErish/saIYPVjGKggjgLHBghytPJ8c2LPGCghxkfNeWd39wMrERRTDELThlj3SMI6hU38N++P0irVhl7A/QD4sTrelx+sePuM0MCMj7dMEzKHvWInsrOh8KqZlsvJep4g8NIykSq3qgX5P/L2CSgJy9hg1oQ4D7tTUe8r/GsQKA/xUseQb/OAZOvwCfkXt9EwYV2n+GNgFMQ", why: "does not decode to a presigned Bedrock URL" },
      { text: "AWS_BEARER_TOKEN_BEDROCK=${BEDROCK_KEY}", why: "reference" },
      { text: "bedrock-api-key-generator==1.0.2", why: "package name" },
      { text: "pip install aws-bedrock-token-generator # makes bedrock-api-key-… tokens", why: "prose" },
    ],
  },
};
