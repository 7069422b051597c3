import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "../messaging/kit.js";

/**
 * Adyen API keys (`AQE…`: two base64 parts and a short tail joined by `-`), next to an Adyen
 * name. `AQE` alone is too short to prefilter on.
 */
export const adyenApiKey: SecretRule = {
  id: "adyen-api-key",
  kind: "adyen-api-key",
  title: "Adyen API key",
  severity: "critical",
  confidence: "medium",
  keywords: ["adyen"],
  pattern: new RegExp(`${assignment("adyen")}(?<secret>AQE[A-Za-z0-9+/]{40,200}={0,2}-[A-Za-z0-9+/]{20,80}={0,2}(?:-[^\\s"'\\\\]{4,40})?)`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(3, 43), 3.5), hit),
  remediation: "Generate a new API key for the API credential in the Adyen Customer Area (Developers → API credentials), deploy it, then revoke the old one.",
  docs: "https://docs.adyen.com/development-resources/api-credentials/#generate-api-key",
  examples: {
    match: [
      { text: "ADYEN_API_KEY=AQEHO6tCvvrjATyLGy57/Q5YYDay89BZrExTD6njjpNR+X4MxwN/D1YKtkErnJa4Aq/9Ydi59X1NmtkpNRyyT/f3k=-efTDywWinBKfCVcSGvOESTw5a83zlLNjfVc3hD3+y4R=-rHz7vmVdS6LzfL1eUNNW", secret: "AQEHO6tCvvrjATyLGy57/Q5YYDay89BZrExTD6njjpNR+X4MxwN/D1YKtkErnJa4Aq/9Ydi59X1NmtkpNRyyT/f3k=-efTDywWinBKfCVcSGvOESTw5a83zlLNjfVc3hD3+y4R=-rHz7vmVdS6LzfL1eUNNW" },
      { text: "  adyen_api_key: AQEHO6tCvvrjATyLGy57/Q5YYDay89BZrExTD6njjpNR+X4MxwN/D1YKtkErnJa4Aq/9Ydi59X1NmtkpNRyyT/f3k=-efTDywWinBKfCVcSGvOESTw5a83zlLNjfVc3hD3+y4R=-rHz7vmVdS6LzfL1eUNNW", secret: "AQEHO6tCvvrjATyLGy57/Q5YYDay89BZrExTD6njjpNR+X4MxwN/D1YKtkErnJa4Aq/9Ydi59X1NmtkpNRyyT/f3k=-efTDywWinBKfCVcSGvOESTw5a83zlLNjfVc3hD3+y4R=-rHz7vmVdS6LzfL1eUNNW" },
      { text: '"adyenApiKey": "AQE5KRVMl2EzoeLULjdAokFe1r2cEaErY5aWEuZXxT714Dz3WfAdIlNPLOjPgwfQuM78liAwhLM6Z/TeFmS4fN0av=-gsDiVQyBgg7DfEGYdwLUstC7UJAxEBDRTbgRhKJocFo="', secret: "AQE5KRVMl2EzoeLULjdAokFe1r2cEaErY5aWEuZXxT714Dz3WfAdIlNPLOjPgwfQuM78liAwhLM6Z/TeFmS4fN0av=-gsDiVQyBgg7DfEGYdwLUstC7UJAxEBDRTbgRhKJocFo=" },
      { text: "ENV ADYEN_API_KEY AQE5KRVMl2EzoeLULjdAokFe1r2cEaErY5aWEuZXxT714Dz3WfAdIlNPLOjPgwfQuM78liAwhLM6Z/TeFmS4fN0av=-gsDiVQyBgg7DfEGYdwLUstC7UJAxEBDRTbgRhKJocFo=", secret: "AQE5KRVMl2EzoeLULjdAokFe1r2cEaErY5aWEuZXxT714Dz3WfAdIlNPLOjPgwfQuM78liAwhLM6Z/TeFmS4fN0av=-gsDiVQyBgg7DfEGYdwLUstC7UJAxEBDRTbgRhKJocFo=" },
      { text: "config.adyen.apiKey = 'AQE1Kxf8KiUdqbXzWc1fX1w5w6do5eG5bbgGTm2x6//kRiF/4jc7ALxLzjalWYr1CGi5+k//bTKxE8xRvbYyWlMpn=-g1ExxmOUSaq2TVR2Mx0EXXs+nvNFlE33iBodRrA42Ur=-L6prPEBqr4hH';", secret: "AQE1Kxf8KiUdqbXzWc1fX1w5w6do5eG5bbgGTm2x6//kRiF/4jc7ALxLzjalWYr1CGi5+k//bTKxE8xRvbYyWlMpn=-g1ExxmOUSaq2TVR2Mx0EXXs+nvNFlE33iBodRrA42Ur=-L6prPEBqr4hH" },
    ],
    noMatch: [
      { text: "ADYEN_API_KEY=YOUR_API_KEY", why: "placeholder" },
      { text: "ADYEN_API_KEY=AQE2KA9pYlYOJOrFvzvqxmw", why: "one short part" },
      { text: "API_KEY=AQEHO6tCvvrjATyLGy57/Q5YYDay89BZrExTD6njjpNR+X4MxwN/D1YKtkErnJa4Aq/9Ydi59X1NmtkpNRyyT/f3k=-efTDywWinBKfCVcSGvOESTw5a83zlLNjfVc3hD3+y4R=-rHz7vmVdS6LzfL1eUNNW", why: "nothing names Adyen" },
      { text: "ADYEN_CLIENT_KEY=live_2DKC2AO8506V820F7FUQXZ161FFDUUGH", why: "client key: public, used in the browser" },
      { text: "ADYEN_MERCHANT_ACCOUNT=AcmeShopECOM", why: "account name" },
    ],
  },
};
