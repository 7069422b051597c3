import type { SecretRule } from "../../types.js";
import { opsgenieApiKey, pagerdutyApiKey, pagerdutyIntegrationKey } from "./alerting.js";
import { axiomApiToken, axiomPersonalToken } from "./axiom.js";
import { datadogApiKey, datadogAppKey } from "./datadog.js";
import { dynatraceApiToken } from "./dynatrace.js";
import { elasticApiKey } from "./elastic.js";
import { bugsnagApiKey, rollbarAccessToken } from "./errors.js";
import { GRAFANA_RULES } from "./grafana.js";
import { HONEYCOMB_RULES } from "./honeycomb.js";
import { logglyToken, logzioToken, splunkHecToken, sumologicAccessKey, sumologicHttpSource } from "./logging.js";
import { NEWRELIC_RULES } from "./newrelic.js";
import { algoliaAdminKey, launchdarklyAccessToken, launchdarklySdkKey, mapboxSecretToken, segmentWriteKey } from "./product.js";
import { SENTRY_RULES } from "./sentry.js";

/** Observability and product services: Datadog, New Relic, Sentry, Grafana, Dynatrace, Honeycomb, PagerDuty… */
export const OBSERVABILITY_RULES: readonly SecretRule[] = [
  datadogApiKey,
  datadogAppKey,
  ...NEWRELIC_RULES,
  ...SENTRY_RULES,
  ...GRAFANA_RULES,
  dynatraceApiToken,
  ...HONEYCOMB_RULES,
  splunkHecToken,
  logzioToken,
  logglyToken,
  sumologicAccessKey,
  sumologicHttpSource,
  pagerdutyApiKey,
  pagerdutyIntegrationKey,
  opsgenieApiKey,
  algoliaAdminKey,
  mapboxSecretToken,
  segmentWriteKey,
  launchdarklySdkKey,
  launchdarklyAccessToken,
  rollbarAccessToken,
  bugsnagApiKey,
  elasticApiKey,
  axiomApiToken,
  axiomPersonalToken,
];
