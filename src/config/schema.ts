/** JSON Schema of `.dredge.yaml` (draft-07, as ajv checks it). Unknown keys are errors: a typo must not pass silently. */

const SEVERITY = { enum: ["critical", "high", "medium", "low", "info"] } as const;

/** A rule id or a glob over rule ids (`generic-*`). */
const RULE_PATTERN = { type: "string", minLength: 1, maxLength: 100, pattern: "^[A-Za-z0-9*?{}\\[\\],._#/-]+$" } as const;

const USER_RULE = {
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
    severity: SEVERITY,
    confidence: { enum: ["high", "medium", "low"] },
    remediation: { type: "string", maxLength: 1000 },
    docs: { type: "string", pattern: "^https?://" },
  },
} as const;

const SECONDS = { type: "number", exclusiveMinimum: 0, maximum: 3600 } as const;

const REGISTRY_HOST = {
  type: "object",
  additionalProperties: false,
  properties: {
    insecure: { type: "boolean", description: "plain HTTP, or HTTPS without certificate checks (a local test registry)" },
    timeout: { ...SECONDS, description: "seconds a request may go without progress" },
    connectTimeout: { ...SECONDS, description: "seconds to wait for a connection" },
  },
} as const;

export const CONFIG_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://unpkg.com/dredge/schema/dredge-config-v1.schema.json",
  title: "dredge configuration (.dredge.yaml)",
  type: "object",
  additionalProperties: false,
  properties: {
    fingerprintSalt: { type: "string", minLength: 1, description: "salt of finding fingerprints (baselines compare within one salt)" },
    failOn: { enum: ["critical", "high", "medium", "low", "info", "none"], description: "default of --fail-on: exit 1 on findings at or above it" },
    rules: {
      description: "a list of user secret rules, or { custom: [user rules], disable: [rule ids/globs], enable: [rule ids/globs] }",
      if: { type: "array" },
      then: { type: "array", items: USER_RULE },
      else: {
        type: "object",
        additionalProperties: false,
        properties: {
          custom: { type: "array", items: USER_RULE, description: "user secret rules, run beside the built-in ones" },
          disable: { type: "array", items: RULE_PATTERN, description: "rules whose findings are dropped" },
          enable: { type: "array", items: RULE_PATTERN, description: "rules that report although a disable pattern matches them" },
        },
      },
    },
    allow: {
      type: "array",
      description: "findings the project accepts: every field given must match; each entry needs fingerprint, rule or path",
      items: {
        type: "object",
        additionalProperties: false,
        minProperties: 1,
        properties: {
          fingerprint: { type: "string", pattern: "^[0-9a-f]{16,128}$", description: "a finding's fingerprint (from the JSON report or a baseline)" },
          rule: { ...RULE_PATTERN, description: "a rule id or glob" },
          path: { type: "string", minLength: 1, maxLength: 1000, description: "a glob over the location's path (image path, context path, Dockerfile)" },
          reason: { type: "string", maxLength: 1000, description: "why it is accepted" },
        },
      },
    },
    cacheDir: { type: "string", minLength: 1, description: "cache directory (relative to the config file)" },
    registry: {
      type: "object",
      additionalProperties: false,
      properties: {
        timeout: REGISTRY_HOST.properties.timeout,
        connectTimeout: REGISTRY_HOST.properties.connectTimeout,
        hosts: { type: "object", additionalProperties: REGISTRY_HOST, propertyNames: { pattern: "^[A-Za-z0-9.-]+(:[0-9]+)?$" }, description: "per registry host (host or host:port)" },
      },
    },
  },
} as const;
