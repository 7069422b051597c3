import type { SecretRule } from "../../types.js";
import { accept } from "./shared.js";

/**
 * The fixed part, `<digit>Q~`, is three characters; with the character after it the keywords
 * reach the prefilter's four (the automaton is case-insensitive: 10 × 40 keywords).
 */
const ENTRA_KEYWORDS = [..."0123456789"].flatMap((d) => [..."abcdefghijklmnopqrstuvwxyz0123456789_~.-"].map((c) => `${d}Q~${c}`));

/**
 * Microsoft Entra ID (Azure AD) application client secrets in the current format: three
 * characters, a digit, `Q~`, then 31–34 characters (Microsoft's credential-scanning definition).
 */
export const azureEntraClientSecret: SecretRule = {
  id: "azure-entra-client-secret",
  kind: "azure-entra-client-secret",
  title: "Microsoft Entra ID client secret",
  severity: "critical",
  confidence: "high",
  keywords: ENTRA_KEYWORDS,
  pattern: /(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/,
  priority: 10,
  check: accept({ entropy: 3.5 }),
  remediation: "Delete the secret from the app registration (Certificates & secrets, or az ad app credential delete), add a new one if still needed, and review the service principal's sign-in logs.",
  docs: "https://learn.microsoft.com/en-us/entra/identity-platform/how-to-add-credentials",
  examples: {
    match: [
      { text: "AZURE_CLIENT_SECRET=Kr17Q~RQPO_Jr1nKwiL0ya5FuMW5PzRNuuzPyOdz", secret: "Kr17Q~RQPO_Jr1nKwiL0ya5FuMW5PzRNuuzPyOdz" },
      { text: '"ClientSecret": "41M8Q~YDnwGuAmJdcE7NLfhTbnDvQLFUTGHML"', secret: "41M8Q~YDnwGuAmJdcE7NLfhTbnDvQLFUTGHML" },
      { text: "client_secret: '3.i2Q~NPb8m2uvzIzlt6jemRfkmWtVXUGZScGjD'", secret: "3.i2Q~NPb8m2uvzIzlt6jemRfkmWtVXUGZScGjD" },
      { text: "az login --service-principal -u 0b1c3d5e-7f90-4a2b-8c4d-6e8f0a1b2c3d -p Sbp0Q~vDevKegHq08LYLkkk9XQxgyaobXSFA8g3p --tenant t", secret: "Sbp0Q~vDevKegHq08LYLkkk9XQxgyaobXSFA8g3p" },
      { text: "TenantId=...;AppId=...;AppSecret=gfW5Q~WOBnJEKsX-L2BvoY_Gyb7STiM6Kw~tbq;", secret: "gfW5Q~WOBnJEKsX-L2BvoY_Gyb7STiM6Kw~tbq" },
    ],
    noMatch: [
      { text: "AppSecret=abc8Q~defghijklmnopqrstuvwxyz-_.~0123456;", why: "Microsoft's documentation example" },
      { text: "AZURE_CLIENT_SECRET=ZAi7Q~Epyc3vreNzISdGImJxXvN14kNvK4eP", why: "one character short" },
      { text: "AZURE_CLIENT_SECRET=PQy7Q~pJKzkTaqYvxW52QgDVmkPNdNRoOhQDQwc20", why: "one character long" },
      { text: "AZURE_CLIENT_SECRET=8oXxQ~UT7eCKb088GlybbuJyMYahBEvnKveyvFkG", why: "no digit before Q~" },
      { text: "AZURE_CLIENT_SECRET=abc1Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};
