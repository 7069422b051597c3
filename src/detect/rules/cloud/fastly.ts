import type { SecretRule } from "../../types.js";
import { accept, assigned } from "./shared.js";

/** Fastly API tokens (32 URL-safe characters) next to Fastly names or in a `Fastly-Key` header. */
export const fastlyApiToken: SecretRule = {
  id: "fastly-api-token",
  kind: "fastly-api-token",
  title: "Fastly API token",
  severity: "critical",
  confidence: "medium",
  keywords: ["fastly"],
  pattern: assigned(String.raw`fastly[A-Za-z0-9_.-]{0,20}?(?:token|key)|fastly-key`, String.raw`[A-Za-z0-9_-]{32}`),
  priority: 10,
  check: accept({ shape: /^[A-Za-z0-9_-]{32}$/, entropy: 3.5 }),
  remediation: "Delete the token in the Fastly web interface (Account → API tokens) or with DELETE /tokens/{id}, and create a new, narrowly scoped one.",
  docs: "https://www.fastly.com/documentation/guides/account-info/account-management/using-api-tokens/",
  examples: {
    match: [
      { text: "FASTLY_API_TOKEN=nG00JRrfBeseXDWUAsMemNemc68dQAzq", secret: "nG00JRrfBeseXDWUAsMemNemc68dQAzq" },
      { text: "curl -H 'Fastly-Key: A4IObHG13aesd9DuhgSmG8fcLwOA-V9m' https://api.fastly.com/service", secret: "A4IObHG13aesd9DuhgSmG8fcLwOA-V9m" },
      { text: 'provider "fastly" {}\nfastly_api_key = "oz32eSfT2Y6zQzFmAvIk9z9EJscSpLk3"', secret: "oz32eSfT2Y6zQzFmAvIk9z9EJscSpLk3" },
      { text: "FASTLY_KEY: '1IDBfXmcw0bWI2r06Zgf2XibA8Z3y49b'", secret: "1IDBfXmcw0bWI2r06Zgf2XibA8Z3y49b" },
      { text: "export FASTLY_API_TOKEN=8DcmXCwj4SQyvzM2yUMOgiVdiILCNicM", secret: "8DcmXCwj4SQyvzM2yUMOgiVdiILCNicM" },
    ],
    noMatch: [
      { text: "FASTLY_API_TOKEN=M3IXt3NomJMqVu0xTxzQMrITIqn7aE1", why: "one character short" },
      { text: "FASTLY_API_TOKEN=hROIBPlMZtfB48tkDsp084I3HfDqeY7TE", why: "one character long" },
      { text: "FASTLY_API_TOKEN=${FASTLY_API_TOKEN}", why: "reference" },
      { text: "FASTLY_SERVICE_ID=XLrRQdG11lq1tzKHpbxTI2", why: "a service ID, not a token" },
      { text: "FASTLY_API_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};
