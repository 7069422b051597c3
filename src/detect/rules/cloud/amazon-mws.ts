import type { SecretRule } from "../../types.js";
import { accept } from "./shared.js";

/** Amazon Marketplace Web Service (MWS) auth tokens: `amzn.mws.` and a UUID. */
export const amazonMwsAuthToken: SecretRule = {
  id: "amazon-mws-auth-token",
  kind: "amazon-mws-auth-token",
  title: "Amazon MWS auth token",
  severity: "high",
  confidence: "high",
  keywords: ["amzn.mws."],
  pattern: /(?<![A-Za-z0-9.])(?<secret>amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![A-Za-z0-9-])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(9) }),
  remediation: "Revoke the developer's access in Seller Central (Settings → User Permissions → third-party developers and apps) and authorise again to get a new token.",
  docs: "https://docs.developer.amazonservices.com/en_US/dev_guide/DG_Registering.html",
  examples: {
    match: [
      { text: "MWS_AUTH_TOKEN=amzn.mws.3c5ed631-b27b-4191-b8d7-dd6a904e0efd", secret: "amzn.mws.3c5ed631-b27b-4191-b8d7-dd6a904e0efd" },
      { text: '"MWSAuthToken": "amzn.mws.46f4a0bf-447c-4c1a-b952-5f266363031f"', secret: "amzn.mws.46f4a0bf-447c-4c1a-b952-5f266363031f" },
      { text: "mws_auth_token: amzn.mws.8875b7b5-f3f7-4d80-9fba-8c97793ad3bd", secret: "amzn.mws.8875b7b5-f3f7-4d80-9fba-8c97793ad3bd" },
      { text: "&MWSAuthToken=amzn.mws.86f45064-5680-42a0-914a-f2012086ac70&SellerId=A1B2C3D4E5F6G7", secret: "amzn.mws.86f45064-5680-42a0-914a-f2012086ac70" },
      { text: "client = MWS(token='amzn.mws.5615886f-43fe-4824-93eb-0dc91f15fd63')", secret: "amzn.mws.5615886f-43fe-4824-93eb-0dc91f15fd63" },
    ],
    noMatch: [
      { text: "MWS_AUTH_TOKEN=amzn.mws.00000000-0000-0000-0000-000000000000", why: "zero placeholder" },
      { text: "MWS_AUTH_TOKEN=amzn.mws.2da0dcf5309bea898ce1b67530b5a691", why: "not a UUID" },
      { text: "amzn.mws.21e67e8b-f261-40fc-bbdd-a1926c0bae7c1", why: "one character long" },
      { text: "MWS_AUTH_TOKEN=amzn.mws.<your-token>", why: "placeholder" },
      { text: "amzn.sp.5b9c4fcd-5945-4d9c-a42d-b0358a18dcf4", why: "other prefix" },
    ],
  },
};
