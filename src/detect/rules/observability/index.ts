import type { SecretRule } from "../../types.js";

/** Observability: Datadog, New Relic, Sentry, Grafana… */
export const OBSERVABILITY_RULES: readonly SecretRule[] = [];
