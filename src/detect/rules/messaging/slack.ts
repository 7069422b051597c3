import { isPlaceholder } from "../../placeholders.js";
import type { RuleHit, SecretRule } from "../../types.js";

const REVOKE = "Revoke the token (api.slack.com/apps → the app → OAuth & Permissions, or the auth.revoke method) and reinstall the app to issue a new one.";
const DOCS = "https://api.slack.com/authentication/token-types";

/** Drops masked and placeholder tokens: the part after the type prefix must not be a placeholder or a run of x. */
function realToken(hit: RuleHit): RuleHit | undefined {
  const body = hit.secret.split("-").slice(1).join("");
  return isPlaceholder(body) || /x{8,}/i.test(hit.secret) ? undefined : hit;
}

/** Slack bot tokens: `xoxb-<team id>-<bot user id>-<24 random>`. */
export const slackBotToken: SecretRule = {
  id: "slack-bot-token",
  kind: "slack-bot-token",
  title: "Slack bot token",
  severity: "critical",
  confidence: "high",
  keywords: ["xoxb-"],
  pattern: /(?<![A-Za-z0-9.])(?<secret>xoxb-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{24,34})(?![A-Za-z0-9-])/,
  priority: 10,
  check: realToken,
  remediation: REVOKE,
  docs: DOCS,
  examples: {
    match: [
      { text: "SLACK_BOT_TOKEN=xoxb-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", secret: "xoxb-1234567890123-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx" },
      { text: 'slack:\n  token: "xoxb-083139508652-4626152691739-P02Ux4vIUXkJrBBSbrlaHOgd"', secret: "xoxb-083139508652-4626152691739-P02Ux4vIUXkJrBBSbrlaHOgd" },
      { text: 'app = App(token="xoxb-083139508652-4626152691739-P02Ux4vIUXkJrBBSbrlaHOgd")', secret: "xoxb-083139508652-4626152691739-P02Ux4vIUXkJrBBSbrlaHOgd" },
      { text: "curl -H 'Authorization: Bearer xoxb-46559665376-151926509482-k3sZVjptBdwaKPR3PjqTdtcf' https://slack.com/api/auth.test", secret: "xoxb-46559665376-151926509482-k3sZVjptBdwaKPR3PjqTdtcf" },
      { text: '{"bot_token":"xoxb-46559665376-151926509482-k3sZVjptBdwaKPR3PjqTdtcf"}', secret: "xoxb-46559665376-151926509482-k3sZVjptBdwaKPR3PjqTdtcf" },
    ],
    noMatch: [
      { text: "xoxb-xxxxxxxxxxxx-xxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx", why: "placeholder" },
      { text: "xoxb-123", why: "too short" },
      { text: "xoxb-your-token-here", why: "placeholder words" },
      { text: "fooxoxb-1234567890123-1234567890123-AbCdEfGhIjKl", why: "inside a word" },
      { text: "xoxb-083139508652-4626152691739-zJ1TKj4QoWVs", why: "random part too short" },
    ],
  },
};

/** Slack user tokens: `xoxp-<team>-<user>-<id>-<32 hex>` (also legacy tester tokens). */
export const slackUserToken: SecretRule = {
  id: "slack-user-token",
  kind: "slack-user-token",
  title: "Slack user token",
  severity: "critical",
  confidence: "high",
  keywords: ["xoxp-"],
  pattern: /(?<![A-Za-z0-9.])(?<secret>xoxp-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[0-9a-f]{32})(?![A-Za-z0-9-])/,
  priority: 10,
  check: realToken,
  remediation: REVOKE,
  docs: DOCS,
  examples: {
    match: [
      { text: "token: xoxp-2956120384-2956120385-3108452019-7f3c9a1b2d4e6f8091a2b3c4d5e6f708", secret: "xoxp-2956120384-2956120385-3108452019-7f3c9a1b2d4e6f8091a2b3c4d5e6f708" },
      { text: "SLACK_USER_TOKEN=xoxp-9674335222-23677663679-7259838341765-43ff809f8a15fd40b43df99c13f36bb6", secret: "xoxp-9674335222-23677663679-7259838341765-43ff809f8a15fd40b43df99c13f36bb6" },
      { text: "export SLACK_TOKEN='xoxp-9674335222-23677663679-7259838341765-43ff809f8a15fd40b43df99c13f36bb6'", secret: "xoxp-9674335222-23677663679-7259838341765-43ff809f8a15fd40b43df99c13f36bb6" },
      { text: "https://slack.com/api/users.list?token=xoxp-96079676539-182836136405-264901528034-cbadc017d8818f0ed25f3e9103437803&limit=1", secret: "xoxp-96079676539-182836136405-264901528034-cbadc017d8818f0ed25f3e9103437803" },
      { text: '"user_token" => "xoxp-96079676539-182836136405-264901528034-cbadc017d8818f0ed25f3e9103437803",', secret: "xoxp-96079676539-182836136405-264901528034-cbadc017d8818f0ed25f3e9103437803" },
    ],
    noMatch: [
      { text: "xoxp-12345-67890-1928471-abcdefg", why: "Slack's documentation example (short ids, short body)" },
      { text: "xoxp-9674335222-23677663679-7259838341765-728154615815e4baca78e44f898b140", why: "31 hex characters" },
      { text: "xoxp-9674335222-23677663679-7259838341765-17559A1E9EAB386169E58116CA3B8F1F", why: "upper-case hex is not Slack's" },
      { text: "xoxp-xxxxxxxxxx-xxxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "xoxq-9674335222-23677663679-7259838341765-43ff809f8a15fd40b43df99c13f36bb6", why: "unknown token type" },
    ],
  },
};

/** Slack app-level tokens: `xapp-1-<app id>-<number>-<64 hex>`. */
export const slackAppToken: SecretRule = {
  id: "slack-app-token",
  kind: "slack-app-token",
  title: "Slack app-level token",
  severity: "high",
  confidence: "high",
  keywords: ["xapp-"],
  pattern: /(?<![A-Za-z0-9.])(?<secret>xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[a-f0-9]{64})(?![A-Za-z0-9-])/,
  priority: 10,
  check: realToken,
  remediation: "Revoke the app-level token in the app's settings (Basic Information → App-Level Tokens) and generate a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "xapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", secret: "xapp-1-A0123456789-1234567890123-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" },
      { text: "SLACK_APP_TOKEN=xapp-1-AF574KVU6MP-4626152691739-c351cf671a928210ee3902d9df6d2772f74e579ad3eeb81ae02a3498e95695f6", secret: "xapp-1-AF574KVU6MP-4626152691739-c351cf671a928210ee3902d9df6d2772f74e579ad3eeb81ae02a3498e95695f6" },
      { text: 'socket_mode: { appToken: "xapp-1-AF574KVU6MP-4626152691739-c351cf671a928210ee3902d9df6d2772f74e579ad3eeb81ae02a3498e95695f6" }', secret: "xapp-1-AF574KVU6MP-4626152691739-c351cf671a928210ee3902d9df6d2772f74e579ad3eeb81ae02a3498e95695f6" },
      { text: "  app_token: xapp-1-A0W5WV5X29V-3376405699615-e42ae2cdcfb4c98b391aa7b725b06528d2cf44fd876073918079179da38dd674", secret: "xapp-1-A0W5WV5X29V-3376405699615-e42ae2cdcfb4c98b391aa7b725b06528d2cf44fd876073918079179da38dd674" },
      { text: "ENV SLACK_APP_TOKEN xapp-1-A0W5WV5X29V-3376405699615-e42ae2cdcfb4c98b391aa7b725b06528d2cf44fd876073918079179da38dd674", secret: "xapp-1-A0W5WV5X29V-3376405699615-e42ae2cdcfb4c98b391aa7b725b06528d2cf44fd876073918079179da38dd674" },
    ],
    noMatch: [
      { text: "xapp-1-AF574KVU6MP-4626152691739-d837ebbc2e9fed744c7d205d0ae77bb100214e29f12db6f226d82ad51f55019", why: "63 hex characters" },
      { text: "xapp-1-AF574KVU6MP-4626152691739", why: "no secret part" },
      { text: "xapp-1-xxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "SLACK_APP_TOKEN=xapp-your-app-token", why: "placeholder" },
      { text: "myxapp-1-AF574KVU6MP-4626152691739-c351cf671a928210ee3902d9df6d2772f74e579ad3eeb81ae02a3498e95695f6", why: "inside a word" },
    ],
  },
};

/** Expiring access tokens: configuration tokens and rotated user/bot tokens (`xoxe.xoxp-1-…`, `xoxe.xoxb-1-…`). */
export const slackExpiringAccessToken: SecretRule = {
  id: "slack-expiring-access-token",
  kind: "slack-expiring-access-token",
  title: "Slack configuration or rotating access token",
  severity: "high",
  confidence: "high",
  keywords: ["xoxe.xox"],
  pattern: /(?<![A-Za-z0-9.])(?<secret>xoxe\.xox[bp]-1-[A-Za-z0-9]{100,250})(?![A-Za-z0-9-])/,
  priority: 10,
  check: realToken,
  remediation: "Revoke the token (auth.revoke, or regenerate the configuration token at api.slack.com/apps) and refresh a new one.",
  docs: "https://api.slack.com/authentication/rotation",
  examples: {
    match: [
      { text: "SLACK_CONFIG_TOKEN=xoxe.xoxp-1-Mi0yLTEnfSThPfZz40DmaOHg1RPu2kmw0PNePHNFklvqTyyBNyHZQ1ZxA3XnGeMeQVtIUr3w9kfCiCFMR9xQ03DypZbBBb3QsMgwMUXzTK9LnwTuTGabx9jFG1epPcllDPY4m9IiqjxHVJYNJTV", secret: "xoxe.xoxp-1-Mi0yLTEnfSThPfZz40DmaOHg1RPu2kmw0PNePHNFklvqTyyBNyHZQ1ZxA3XnGeMeQVtIUr3w9kfCiCFMR9xQ03DypZbBBb3QsMgwMUXzTK9LnwTuTGabx9jFG1epPcllDPY4m9IiqjxHVJYNJTV" },
      { text: '{"access_token": "xoxe.xoxb-1-MS0yLTEC2Zcp0OPfCoq9cAfO5KMm1XTBhjd1qODKJKXAzRjPLVa49GVJMHaAelOMIscNQfph6bnMTNwqiB9G0vCuhYxHYWa1AJ6DNmthiPFTembV3ytBr7UsV295tOUX2sq8OJ8muQdUpCyudXV"}', secret: "xoxe.xoxb-1-MS0yLTEC2Zcp0OPfCoq9cAfO5KMm1XTBhjd1qODKJKXAzRjPLVa49GVJMHaAelOMIscNQfph6bnMTNwqiB9G0vCuhYxHYWa1AJ6DNmthiPFTembV3ytBr7UsV295tOUX2sq8OJ8muQdUpCyudXV" },
      { text: "slack manifest --token xoxe.xoxp-1-Mi0yLTEnfSThPfZz40DmaOHg1RPu2kmw0PNePHNFklvqTyyBNyHZQ1ZxA3XnGeMeQVtIUr3w9kfCiCFMR9xQ03DypZbBBb3QsMgwMUXzTK9LnwTuTGabx9jFG1epPcllDPY4m9IiqjxHVJYNJTV create", secret: "xoxe.xoxp-1-Mi0yLTEnfSThPfZz40DmaOHg1RPu2kmw0PNePHNFklvqTyyBNyHZQ1ZxA3XnGeMeQVtIUr3w9kfCiCFMR9xQ03DypZbBBb3QsMgwMUXzTK9LnwTuTGabx9jFG1epPcllDPY4m9IiqjxHVJYNJTV" },
      { text: "token = 'xoxe.xoxb-1-MS0yLTEC2Zcp0OPfCoq9cAfO5KMm1XTBhjd1qODKJKXAzRjPLVa49GVJMHaAelOMIscNQfph6bnMTNwqiB9G0vCuhYxHYWa1AJ6DNmthiPFTembV3ytBr7UsV295tOUX2sq8OJ8muQdUpCyudXV'", secret: "xoxe.xoxb-1-MS0yLTEC2Zcp0OPfCoq9cAfO5KMm1XTBhjd1qODKJKXAzRjPLVa49GVJMHaAelOMIscNQfph6bnMTNwqiB9G0vCuhYxHYWa1AJ6DNmthiPFTembV3ytBr7UsV295tOUX2sq8OJ8muQdUpCyudXV" },
      { text: "  accessToken: xoxe.xoxp-1-Mi0yLTEKtC6rldLWMgDp2DbWgg9sStVS93y7Xjk8TKHAJsd5mq1JxamPUxdibadzOszB3sWZDUAMKaG39EqwgxcIK23YljcfdTOI1VkpOPdMYnAkFwXydIuncVAXaVk", secret: "xoxe.xoxp-1-Mi0yLTEKtC6rldLWMgDp2DbWgg9sStVS93y7Xjk8TKHAJsd5mq1JxamPUxdibadzOszB3sWZDUAMKaG39EqwgxcIK23YljcfdTOI1VkpOPdMYnAkFwXydIuncVAXaVk" },
    ],
    noMatch: [
      { text: "xoxe.xoxp-1-Mi0yLTEXzPQXT4pziT847D28No9EDstI8RscJr7KWJIA8jj", why: "far too short" },
      { text: "xoxe.xoxp-1-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "xoxe.xoxq-1-Mi0yLTEnfSThPfZz40DmaOHg1RPu2kmw0PNePHNFklvqTyyBNyHZQ1ZxA3XnGeMeQVtIUr3w9kfCiCFMR9xQ03DypZbBBb3QsMgwMUXzTK9LnwTuTGabx9jFG1epPcllDPY4m9IiqjxHVJYNJTV", why: "unknown inner token type" },
      { text: "xoxe.xoxp-2-Mi0yLTEnfSThPfZz40DmaOHg1RPu2kmw0PNePHNFklvqTyyBNyHZQ1ZxA3XnGeMeQVtIUr3w9kfCiCFMR9xQ03DypZbBBb3QsMgwMUXzTK9LnwTuTGabx9jFG1epPcllDPY4m9IiqjxHVJYNJTV", why: "unknown version" },
      { text: "SLACK_CONFIG_TOKEN=xoxe.xoxp-1-...", why: "elided in documentation" },
    ],
  },
};

/** Refresh tokens of configuration tokens and of apps with token rotation: `xoxe-1-…`. */
export const slackRefreshToken: SecretRule = {
  id: "slack-refresh-token",
  kind: "slack-refresh-token",
  title: "Slack refresh token",
  severity: "high",
  confidence: "high",
  keywords: ["xoxe-1-"],
  pattern: /(?<![A-Za-z0-9.])(?<secret>xoxe-1-[A-Za-z0-9]{100,250})(?![A-Za-z0-9-])/,
  priority: 10,
  check: realToken,
  remediation: "Revoke the app's tokens (auth.revoke, or regenerate the configuration token at api.slack.com/apps); a refresh token mints new access tokens until then.",
  docs: "https://api.slack.com/authentication/rotation",
  examples: {
    match: [
      { text: "SLACK_REFRESH_TOKEN=xoxe-1-My0xLTEnfSThPfZz40DmaOHg1RPu2kmw0PNePHNFklvqTyyBNyHZQ1ZxA3XnGeMeQVtIUr3w9kfCiCFMR9xQ03DypZbBBb3QsMgwMUXzTK9LnwTuTGabx9jFG1epPcllDPY4m9IiqjxHVJYNJTV", secret: "xoxe-1-My0xLTEnfSThPfZz40DmaOHg1RPu2kmw0PNePHNFklvqTyyBNyHZQ1ZxA3XnGeMeQVtIUr3w9kfCiCFMR9xQ03DypZbBBb3QsMgwMUXzTK9LnwTuTGabx9jFG1epPcllDPY4m9IiqjxHVJYNJTV" },
      { text: '"refresh_token": "xoxe-1-My0xLTEnfSThPfZz40DmaOHg1RPu2kmw0PNePHNFklvqTyyBNyHZQ1ZxA3XnGeMeQVtIUr3w9kfCiCFMR9xQ03DypZbBBb3QsMgwMUXzTK9LnwTuTGabx9jFG1epPcllDPY4m9IiqjxHVJYNJTV",', secret: "xoxe-1-My0xLTEnfSThPfZz40DmaOHg1RPu2kmw0PNePHNFklvqTyyBNyHZQ1ZxA3XnGeMeQVtIUr3w9kfCiCFMR9xQ03DypZbBBb3QsMgwMUXzTK9LnwTuTGabx9jFG1epPcllDPY4m9IiqjxHVJYNJTV" },
      { text: "refresh: xoxe-1-My0xLTE9GKCM41DgTUw6VMMp3kS48UOlO0FsSSMQX0z9xoG1A0TFbjjeruX2ws7bGEQW8PTFgMIc4lLPMrOYJqkPq7RYjOA7erDNcNnauvzBGiANWRTtjZmOOBBxRCqHjyig4NITe", secret: "xoxe-1-My0xLTE9GKCM41DgTUw6VMMp3kS48UOlO0FsSSMQX0z9xoG1A0TFbjjeruX2ws7bGEQW8PTFgMIc4lLPMrOYJqkPq7RYjOA7erDNcNnauvzBGiANWRTtjZmOOBBxRCqHjyig4NITe" },
      { text: "curl -d refresh_token=xoxe-1-My0xLTE9GKCM41DgTUw6VMMp3kS48UOlO0FsSSMQX0z9xoG1A0TFbjjeruX2ws7bGEQW8PTFgMIc4lLPMrOYJqkPq7RYjOA7erDNcNnauvzBGiANWRTtjZmOOBBxRCqHjyig4NITe -d grant_type=refresh_token https://slack.com/api/tooling.tokens.rotate", secret: "xoxe-1-My0xLTE9GKCM41DgTUw6VMMp3kS48UOlO0FsSSMQX0z9xoG1A0TFbjjeruX2ws7bGEQW8PTFgMIc4lLPMrOYJqkPq7RYjOA7erDNcNnauvzBGiANWRTtjZmOOBBxRCqHjyig4NITe" },
      { text: "rt='xoxe-1-My0xLTEDAnEW4Bn4sM5hIprKekQbKf17pbQyf2jgN3dtoNNIVFZIKjjghaPGaj8cqbHbXcI33aR7flWp5MJrIxuM0qzChF6PshZ5ILfwjCvVTDL3hvpYrYp6SEPbohbEoehLdk5uZmN1wjNRP3g9pUIg80rja'", secret: "xoxe-1-My0xLTEDAnEW4Bn4sM5hIprKekQbKf17pbQyf2jgN3dtoNNIVFZIKjjghaPGaj8cqbHbXcI33aR7flWp5MJrIxuM0qzChF6PshZ5ILfwjCvVTDL3hvpYrYp6SEPbohbEoehLdk5uZmN1wjNRP3g9pUIg80rja" },
    ],
    noMatch: [
      { text: "xoxe-1-My0xLTEYa3PRlfcM0TG7uuJ6cLccwR9bfqzDk", why: "far too short" },
      { text: "xoxe-2-My0xLTEnfSThPfZz40DmaOHg1RPu2kmw0PNePHNFklvqTyyBNyHZQ1ZxA3XnGeMeQVtIUr3w9kfCiCFMR9xQ03DypZbBBb3QsMgwMUXzTK9LnwTuTGabx9jFG1epPcllDPY4m9IiqjxHVJYNJTV", why: "unknown version" },
      { text: "xoxe-1-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "SLACK_REFRESH_TOKEN=xoxe-1-<refresh-token>", why: "placeholder" },
      { text: "axoxe-1-My0xLTEnfSThPfZz40DmaOHg1RPu2kmw0PNePHNFklvqTyyBNyHZQ1ZxA3XnGeMeQVtIUr3w9kfCiCFMR9xQ03DypZbBBb3QsMgwMUXzTK9LnwTuTGabx9jFG1epPcllDPY4m9IiqjxHVJYNJTV", why: "inside a word" },
    ],
  },
};

/** Tokens of the retired workspace apps: access `xoxa-` (`xoxa-2-…`) and refresh `xoxr-`. */
export const slackWorkspaceToken: SecretRule = {
  id: "slack-workspace-token",
  kind: "slack-workspace-token",
  title: "Slack workspace-app token (legacy)",
  severity: "high",
  confidence: "high",
  keywords: ["xoxa-", "xoxr-"],
  pattern: /(?<![A-Za-z0-9.])(?<secret>xox[ar]-(?:2-)?[0-9]{8,14}-[0-9A-Za-z-]{8,160})(?![0-9A-Za-z-])/,
  priority: 10,
  check: realToken,
  remediation: REVOKE,
  docs: DOCS,
  examples: {
    match: [
      { text: '"xoxa-2956120384-2956120385-R4nd0mStr1ng"', secret: "xoxa-2956120384-2956120385-R4nd0mStr1ng" },
      { text: "SLACK_TOKEN=xoxa-2-36692239437-752410926559-151926509482-53a8b8a94b410854555605b844ddef25f86d4583300d8ff2a47293ce99aae972", secret: "xoxa-2-36692239437-752410926559-151926509482-53a8b8a94b410854555605b844ddef25f86d4583300d8ff2a47293ce99aae972" },
      { text: "refresh_token: xoxr-36692239437-420681574073-6Ap4S1HD3oVTcot8OOr8MuaSAeQ8RG", secret: "xoxr-36692239437-420681574073-6Ap4S1HD3oVTcot8OOr8MuaSAeQ8RG" },
      { text: "client.token = 'xoxa-2-36692239437-752410926559-151926509482-53a8b8a94b410854555605b844ddef25f86d4583300d8ff2a47293ce99aae972'", secret: "xoxa-2-36692239437-752410926559-151926509482-53a8b8a94b410854555605b844ddef25f86d4583300d8ff2a47293ce99aae972" },
      { text: "--slack-token=xoxr-36692239437-420681574073-6Ap4S1HD3oVTcot8OOr8MuaSAeQ8RG \\", secret: "xoxr-36692239437-420681574073-6Ap4S1HD3oVTcot8OOr8MuaSAeQ8RG" },
    ],
    noMatch: [
      { text: "xoxa-2-xxxxxxxxxxx-xxxxxxxxxxxx-xxxxxxxxxxxx", why: "mask" },
      { text: "xoxa-31915", why: "too short" },
      { text: "xoxr-your-refresh-token", why: "placeholder words" },
      { text: "xoxz-36692239437-420681574073-6Ap4S1HD3oVTcot8OOr8MuaSAeQ8RG", why: "unknown token type" },
      { text: "bxoxa-36692239437-420681574073-6Ap4S1HD3oVTcot8OOr8MuaSAeQ8RG", why: "inside a word" },
    ],
  },
};

/** Session tokens of Slack's own clients: legacy `xoxs-` and web-client `xoxc-` (used with the `d` cookie). */
export const slackSessionToken: SecretRule = {
  id: "slack-session-token",
  kind: "slack-session-token",
  title: "Slack session token",
  severity: "high",
  confidence: "high",
  keywords: ["xoxs-", "xoxc-"],
  pattern: /(?<![A-Za-z0-9.])(?<secret>xox[sc]-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[0-9a-f]{10,64})(?![A-Za-z0-9-])/,
  priority: 10,
  check: realToken,
  remediation: "Sign the user out of all sessions (account settings, or an admin's session reset) so the session token dies, and change the password if it was captured with the cookie.",
  docs: "https://slack.com/help/articles/214613347-Sign-out-of-Slack",
  examples: {
    match: [
      { text: "xoxs-1234567890-1234567890-1234567890-abcdef1234", secret: "xoxs-1234567890-1234567890-1234567890-abcdef1234" },
      { text: "SLACK_TOKEN=xoxc-9674335222-752410926559-7259838341765-53a8b8a94b410854555605b844ddef25f86d4583300d8ff2a47293ce99aae972", secret: "xoxc-9674335222-752410926559-7259838341765-53a8b8a94b410854555605b844ddef25f86d4583300d8ff2a47293ce99aae972" },
      { text: "wee-slack: slack_api_token = xoxs-9674335222-420681574073-182836136405-7db5f7d2938266a4ad08768b0fa2f1cfa9ef3672ec9eabdedb7215fe17df6067", secret: "xoxs-9674335222-420681574073-182836136405-7db5f7d2938266a4ad08768b0fa2f1cfa9ef3672ec9eabdedb7215fe17df6067" },
      { text: '{"token":"xoxc-9674335222-752410926559-7259838341765-53a8b8a94b410854555605b844ddef25f86d4583300d8ff2a47293ce99aae972","cookie":"d=x"}', secret: "xoxc-9674335222-752410926559-7259838341765-53a8b8a94b410854555605b844ddef25f86d4583300d8ff2a47293ce99aae972" },
      { text: "curl -F token=xoxs-9674335222-420681574073-182836136405-7db5f7d2938266a4ad08768b0fa2f1cfa9ef3672ec9eabdedb7215fe17df6067 https://slack.com/api/rtm.connect", secret: "xoxs-9674335222-420681574073-182836136405-7db5f7d2938266a4ad08768b0fa2f1cfa9ef3672ec9eabdedb7215fe17df6067" },
    ],
    noMatch: [
      { text: "xoxc-6981808421...a4946e748e", why: "elided in a log line" },
      { text: "xoxs-xxxxxxxxxx-xxxxxxxxxx-xxxxxxxxxx-xxxxxxxxxx", why: "mask" },
      { text: "xoxc-9674335222-752410926559-7259838341765-77ccf4d5", why: "random part too short" },
      { text: "xoxd-9674335222-752410926559-7259838341765-53a8b8a94b410854555605b844ddef25f86d4583300d8ff2a47293ce99aae972", why: "unknown token type" },
      { text: "SLACK_TOKEN=xoxc-your-session-token", why: "placeholder" },
    ],
  },
};

/** Slack incoming webhooks: anyone with the URL can post to the channel. */
export const slackWebhook: SecretRule = {
  id: "slack-webhook-url",
  kind: "slack-webhook-url",
  title: "Slack incoming webhook URL",
  severity: "high",
  confidence: "high",
  keywords: ["hooks.slack.com/services/"],
  pattern: /(?<secret>https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,14}\/[A-Za-z0-9]{20,32})(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit) => (/x{8,}/i.test(hit.secret) ? undefined : hit),
  remediation: "Remove the webhook in the Slack app's Incoming Webhooks page and create a new one.",
  docs: "https://api.slack.com/messaging/webhooks",
  examples: {
    match: [
      { text: "SLACK_WEBHOOK=https://hooks.slack.com/services/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", secret: "https://hooks.slack.com/services/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" },
      { text: '"url": "https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF12/AbCdEfGhIjKlMnOpQrStUvWx"', secret: "https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF12/AbCdEfGhIjKlMnOpQrStUvWx" },
      { text: "curl -X POST https://hooks.slack.com/services/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", secret: "https://hooks.slack.com/services/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" },
      { text: "hook=https://hooks.slack.com/services/TABCDEFGH/BABCDEFGH/0123456789abcdefABCDEFGH;", secret: "https://hooks.slack.com/services/TABCDEFGH/BABCDEFGH/0123456789abcdefABCDEFGH" },
      { text: "  webhook_url: https://hooks.slack.com/services/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", secret: "https://hooks.slack.com/services/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" },
    ],
    noMatch: [
      { text: "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", why: "documentation placeholder" },
      { text: "https://hooks.slack.com/services/", why: "no path" },
      { text: "https://hooks.slack.com/services/T024BE7LD/B01J2K3L4M5/short", why: "secret part too short" },
      { text: "http://hooks.slack.com/services/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", why: "not https" },
      { text: "https://hooks.slack.com/apps/T024BE7LD/B01J2K3L4M5/q8Wz3nR5tY7uI9oP1aS3dF5g", why: "not a webhook path" },
    ],
  },
};

/** Workflow Builder webhooks (`/workflows/…` and the newer `/triggers/…`): anyone with the URL can start the workflow. */
export const slackWorkflowWebhook: SecretRule = {
  id: "slack-workflow-webhook-url",
  kind: "slack-workflow-webhook-url",
  title: "Slack workflow webhook URL",
  severity: "medium",
  confidence: "high",
  keywords: ["hooks.slack.com/workflows/", "hooks.slack.com/triggers/"],
  pattern: /(?<secret>https:\/\/hooks\.slack\.com\/(?:workflows|triggers)\/[TE][A-Z0-9]{6,12}\/[A-Z0-9]{6,14}\/(?:[0-9]{6,20}\/)?[A-Za-z0-9]{20,32})(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit) => (/x{8,}/i.test(hit.secret) ? undefined : hit),
  remediation: "Turn off or delete the workflow's webhook step in Workflow Builder and publish a new one.",
  docs: "https://slack.com/help/articles/360041352714-Build-a-workflow--Create-a-workflow-that-starts-outside-of-Slack",
  examples: {
    match: [
      { text: "https://hooks.slack.com/workflows/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", secret: "https://hooks.slack.com/workflows/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" },
      { text: "WORKFLOW_URL=https://hooks.slack.com/workflows/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", secret: "https://hooks.slack.com/workflows/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" },
      { text: "curl -X POST -d @event.json https://hooks.slack.com/triggers/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", secret: "https://hooks.slack.com/triggers/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" },
      { text: '{"trigger": "https://hooks.slack.com/triggers/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"}', secret: "https://hooks.slack.com/triggers/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" },
      { text: "  url: https://hooks.slack.com/workflows/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", secret: "https://hooks.slack.com/workflows/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" },
    ],
    noMatch: [
      { text: "https://hooks.slack.com/workflows/T00000000/A00000000/XXXXXXXXXXXXXXXXXXXXXXXX", why: "documentation placeholder" },
      { text: "https://hooks.slack.com/triggers/", why: "no path" },
      { text: "https://hooks.slack.com/triggers/TR33QFLUG/3376405699615/short", why: "secret part too short" },
      { text: "http://hooks.slack.com/triggers/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", why: "not https" },
      { text: "https://hooks.slack.com/triggers/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", why: "not a team or enterprise id" },
    ],
  },
};

/** Every Slack rule, one per credential kind. */
export const SLACK_RULES: readonly SecretRule[] = [
  slackBotToken,
  slackUserToken,
  slackAppToken,
  slackExpiringAccessToken,
  slackRefreshToken,
  slackWorkspaceToken,
  slackSessionToken,
  slackWebhook,
  slackWorkflowWebhook,
];
