import type { SecretRule } from "../../types.js";
import { decodeBase64, plausible } from "./shared.js";

/** Azure App Configuration connection strings: `Endpoint=https://….azconfig.io;Id=…;Secret=…`. */
export const azureAppConfigurationConnectionString: SecretRule = {
  id: "azure-app-configuration-connection-string",
  kind: "azure-app-configuration-connection-string",
  title: "Azure App Configuration access key",
  severity: "high",
  confidence: "high",
  keywords: ["azconfig.io"],
  pattern: /Endpoint=https:\/\/[A-Za-z0-9-]{1,64}\.azconfig\.io\/?;Id=[^;\s"']{1,128};(?<name>Secret)=(?<secret>[A-Za-z0-9+/]{40,88}={0,2})(?![A-Za-z0-9+/=])/i,
  priority: 10,
  check: (hit) => ((decodeBase64(hit.secret)?.length ?? 0) >= 30 && plausible(hit.secret, 4) ? hit : undefined),
  remediation: "Regenerate the access key (App Configuration store → Access settings → Regenerate) and prefer Entra ID with a managed identity.",
  docs: "https://learn.microsoft.com/en-us/azure/azure-app-configuration/howto-disable-access-key-authentication",
  examples: {
    match: [
      { text: "APP_CONFIG=Endpoint=https://shop-config.azconfig.io;Id=9w9s-l0-s0:59fEspqCKwvNEsbPG7HJ;Secret=KxQDKM8sXWl6A9JrtwxIzPw9DbsqwCMzWefQEC1XnXk=", secret: "KxQDKM8sXWl6A9JrtwxIzPw9DbsqwCMzWefQEC1XnXk=" },
      { text: '"AppConfig": "Endpoint=https://cfg.azconfig.io;Id=hjfl-l9-s0:YqOd5khU2Ojk45FMiOPW;Secret=G9e0XY46o5SkzxaIX4AYcb6K9/RuF40fVl0M9VmG8w0="', secret: "G9e0XY46o5SkzxaIX4AYcb6K9/RuF40fVl0M9VmG8w0=" },
      { text: "builder.AddAzureAppConfiguration(\"Endpoint=https://prod-cfg.azconfig.io/;Id=roMV;Secret=yDbEHaOHvtsPOkdcWqj94bvAef8zp3bC7usSd5vIzZw=\");", secret: "yDbEHaOHvtsPOkdcWqj94bvAef8zp3bC7usSd5vIzZw=" },
      { text: "ConnectionStrings__AppConfig=Endpoint=https://x1.azconfig.io;Id=03q8-l0-s0:Rmo7QqAX9VyJoGuvtfGx;Secret=aghwWOx26WUi40SBrx2NIV9ervMGdXxKTtXRVtnljnI=", secret: "aghwWOx26WUi40SBrx2NIV9ervMGdXxKTtXRVtnljnI=" },
      { text: "az appconfig kv list --connection-string 'Endpoint=https://cfg2.azconfig.io;Id=cTow-l0-s0:eA4VsKJKUulh6rt6SDpm;Secret=LsHgRSMl/2EuMMyfaskaBkhUi7ACu4cu9C7ViCxFU6M='", secret: "LsHgRSMl/2EuMMyfaskaBkhUi7ACu4cu9C7ViCxFU6M=" },
    ],
    noMatch: [
      { text: "Endpoint=https://cfg.azconfig.io;Id=<id>;Secret=<secret>", why: "placeholder" },
      { text: "Endpoint=https://cfg.azconfig.io;Id=x;Secret=${APPCONFIG_SECRET}", why: "reference" },
      { text: "Endpoint=https://cfg.azconfig.io", why: "endpoint only (managed identity)" },
      { text: "Endpoint=https://cfg.azconfig.io;Id=x;Secret=/lPJKOxM/mDiBc27", why: "too short" },
      { text: "Endpoint=https://cfg.example.com;Id=x;Secret=3vC+6v0qmsacbeoDPLabDerWtaMIf3xxdpUW9DJIUmQ=", why: "not an App Configuration endpoint" },
    ],
  },
};
