import type { RuleHit, SecretRule } from "../../types.js";
import { plausible } from "./shared.js";

const DEVOPS_CONTEXT = /azure|devops|(?:^|[^a-z])ado[_-]|azdo|vsts|visualstudio/i;

function checkPat(hit: RuleHit, _g: unknown, _c: unknown, line: string): RuleHit | undefined {
  if (hit.secret.length === 84) return plausible(hit.secret, 4) ? hit : undefined;
  // The older 52-character base32 tokens carry no signature: only Azure DevOps context makes one.
  return DEVOPS_CONTEXT.test(line) && plausible(hit.secret, 3.5) ? { ...hit, confidence: "medium" } : undefined;
}

/**
 * Azure DevOps personal access tokens: the current 84-character format with its fixed `AZDO`
 * signature at positions 76–79, and the older 52-character lower-case base32 tokens next to
 * Azure DevOps names and URLs.
 */
export const azureDevopsPat: SecretRule = {
  id: "azure-devops-personal-access-token",
  kind: "azure-devops-personal-access-token",
  title: "Azure DevOps personal access token",
  severity: "critical",
  confidence: "high",
  keywords: ["AZDO", "azure_devops", "azure-devops", "azuredevops", "dev.azure.com", "visualstudio.com", "ado_pat", "ado_token", "vsts"],
  pattern: /(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}|[a-z2-7]{52})(?![A-Za-z0-9])/,
  priority: 10,
  check: checkPat,
  remediation: "Revoke the token (User settings → Personal access tokens, or an administrator's PAT revocation API) and prefer Entra ID tokens or service connections.",
  docs: "https://learn.microsoft.com/en-us/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate",
  examples: {
    match: [
      { text: "AZURE_DEVOPS_EXT_PAT=Ja9EQBK3QdIiHGtPsWDITMPevw2GLNJVjeOA56SUPMrXHL5O1DKVXstsb5x7oSiStoQwZ6efdRrcAZDOFlOd", secret: "Ja9EQBK3QdIiHGtPsWDITMPevw2GLNJVjeOA56SUPMrXHL5O1DKVXstsb5x7oSiStoQwZ6efdRrcAZDOFlOd" },
      { text: "PAT = \"j2yrWi3V5J29NqIW4HUsL8rcqTNy9vGjVRT7p5RPm6DSUf71JD4JTttjKzqTT8RAZFvdO36LJb1SAZDOyhfV\"", secret: "j2yrWi3V5J29NqIW4HUsL8rcqTNy9vGjVRT7p5RPm6DSUf71JD4JTttjKzqTT8RAZFvdO36LJb1SAZDOyhfV" },
      { text: "git clone https://build:qxsuowi5657lipnfu24epiy635y3w2jriw5ai6iumeq4y6h46mu3@dev.azure.com/shop/app/_git/app", secret: "qxsuowi5657lipnfu24epiy635y3w2jriw5ai6iumeq4y6h46mu3" },
      { text: "AZURE_DEVOPS_TOKEN=b3qb4h7pkdioih6kvcekvwac3o7d36x2poluadokwgs4mzk3sfyo", secret: "b3qb4h7pkdioih6kvcekvwac3o7d36x2poluadokwgs4mzk3sfyo" },
      { text: "echo 2sveF8Y94Bm0P8QnKFaMKzJAWXYuooxFdxas0zmEiOcVJ5dSN62kUE1n6cyv3WgRdJ2see6LOsVsAZDOLnYK | az devops login --organization https://dev.azure.com/shop", secret: "2sveF8Y94Bm0P8QnKFaMKzJAWXYuooxFdxas0zmEiOcVJ5dSN62kUE1n6cyv3WgRdJ2see6LOsVsAZDOLnYK" },
    ],
    noMatch: [
      { text: "PAT = \"abcdefghijklmnopqrstuvwxyz012345679ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnoAZDOabcd\"", why: "Microsoft's documentation example" },
      { text: "checksum=uhxewnl4eoc5il2hj2fprtenhiqavv36r254hgpg2t6kugkexgsd", why: "52 base32 characters with no Azure DevOps context" },
      { text: "AZURE_DEVOPS_EXT_PAT=O2wSXBbACnzat8fMa7AYvDZiBxEdYxfAYeT1431NltZTzT05ZNbQJarF6qRvaIluOFr6uxXDxIcAZDOwdjm", why: "one character short" },
      { text: "AZURE_DEVOPS_EXT_PAT=qnB85AFACfVhTdn6C8abfzcBIgQayIiUxD0ReYbdt5r06jG6s1R98g6s3RdytmLH9uAk7G5aeVYpe7TT", why: "no AZDO signature" },
      { text: "AZURE_DEVOPS_TOKEN=mfj3pb7652aznu2ouyw3ruwvre7o22xb6ey23zm64fsbr2idywu", why: "legacy token one character short" },
    ],
  },
};
