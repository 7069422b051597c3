import type { SecretRule } from "../../types.js";
import { isBase64OfLength, plausible } from "./shared.js";

/** Shared access keys of Service Bus, Event Hubs, Relay and IoT Hub connection strings. */
export const azureSharedAccessKey: SecretRule = {
  id: "azure-shared-access-key",
  kind: "azure-shared-access-key",
  title: "Azure Service Bus / Event Hubs / IoT Hub shared access key",
  severity: "high",
  confidence: "high",
  keywords: ["SharedAccessKey="],
  pattern: /(?<![A-Za-z0-9_])(?<name>SharedAccessKey)=(?<secret>[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/i,
  priority: 10,
  check: (hit) => (isBase64OfLength(hit.secret, 32) && plausible(hit.secret, 4) ? hit : undefined),
  remediation: "Regenerate the key of that shared access policy (namespace or hub → Shared access policies → Regenerate, or az servicebus namespace authorization-rule keys renew) and prefer Entra ID auth.",
  docs: "https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas",
  examples: {
    match: [
      { text: "SERVICEBUS_CONNECTION=Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=v0NYbavXnTzoXYcOiY0Vmpy3+xiwuPaj/6i+gHPqYTI=", secret: "v0NYbavXnTzoXYcOiY0Vmpy3+xiwuPaj/6i+gHPqYTI=" },
      { text: '"EventHub": "Endpoint=sb://ingest.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=mQNZxmzPFnSkdc9EoQ4+3AcmYv6ovkgVKqIYB1t79KE=;EntityPath=clicks"', secret: "mQNZxmzPFnSkdc9EoQ4+3AcmYv6ovkgVKqIYB1t79KE=" },
      { text: "IOTHUB_CONNECTION_STRING=HostName=plant.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=1ehmIBrl3YrJLsE+U8bWzAYIVdrZpGjI8AzuaLre8CQ=", secret: "1ehmIBrl3YrJLsE+U8bWzAYIVdrZpGjI8AzuaLre8CQ=" },
      { text: "HostName=plant.azure-devices.net;DeviceId=sensor-7;SharedAccessKey=55MDmWnOyStWyR8KxCq2pnPt/SPyCMv9bGyjQRVf7gU=", secret: "55MDmWnOyStWyR8KxCq2pnPt/SPyCMv9bGyjQRVf7gU=" },
      { text: "connection: 'Endpoint=sb://relay1.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=reQtihwXDHzY0fcoTZ+2kzL/JpKIwWDTlOYbrrqfQmE=;EntityPath=hc1'", secret: "reQtihwXDHzY0fcoTZ+2kzL/JpKIwWDTlOYbrrqfQmE=" },
    ],
    noMatch: [
      { text: "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>", why: "placeholder" },
      { text: "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${SB_KEY}", why: "reference" },
      { text: "SharedAccessKey=uGMg59DY46IagNmmqGz4QCM7ALBIGPol2WEVyRy9GuuMWAmFbhtz9BE6ymSinsRuZAfmWNy/WFOHiHljlC91+Q==", why: "wrong length" },
      { text: "SharedAccessKeyName=RootManageSharedAccessKey", why: "the key name, not the key" },
      { text: "SharedAccessKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", why: "filler" },
    ],
  },
};
