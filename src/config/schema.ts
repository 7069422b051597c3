/** JSON Schema of `.dredge.yaml` (draft 2020-12 subset ajv checks). Unknown keys are errors: a typo must not pass silently. */
export const CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    fingerprintSalt: { type: "string", minLength: 1, description: "salt of finding fingerprints (baselines compare within one salt)" },
    rules: {
      type: "array",
      description: "user secret rules, run beside the built-in ones",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["id", "regex"],
        properties: {
          id: { type: "string", pattern: "^[a-z0-9][a-z0-9._-]*$", maxLength: 64 },
          title: { type: "string", maxLength: 200 },
          kind: { type: "string", pattern: "^[a-z0-9][a-z0-9._-]*$", maxLength: 64 },
          regex: { type: "string", minLength: 1, maxLength: 4096, description: "RE2 syntax; a group named `secret` marks the value, else the whole match" },
          keywords: { type: "array", items: { type: "string", minLength: 3, maxLength: 64 }, maxItems: 64 },
          entropy: { type: "number", minimum: 0, maximum: 8, description: "least Shannon entropy (bits per character) of the value" },
          minLength: { type: "integer", minimum: 1 },
          paths: { type: "string", minLength: 1, description: "RE2 regex: only files whose image path matches" },
          excludePaths: { type: "string", minLength: 1, description: "RE2 regex: never files whose path matches" },
          allow: { type: "array", items: { type: "string" }, description: "values that are never reported (known fakes)" },
          severity: { enum: ["critical", "high", "medium", "low", "info"] },
          confidence: { enum: ["high", "medium", "low"] },
          remediation: { type: "string", maxLength: 1000 },
          docs: { type: "string", pattern: "^https?://" },
        },
      },
    },
  },
} as const;
