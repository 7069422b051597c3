import type { SecretRule } from "../../types.js";
import { decodeBase64, keepIf, looksRandom } from "./kit.js";

/**
 * Discord bot tokens: base64 of the bot's user id (a snowflake of 17–20 digits), a timestamp
 * part and an HMAC part, joined by dots. The token has no literal prefix, so the rule runs near
 * the word "discord" (within a few KB after it) or an `Authorization: Bot …` header, and the
 * first part must decode to a snowflake.
 */
export const discordBotToken: SecretRule = {
  id: "discord-bot-token",
  kind: "discord-bot-token",
  title: "Discord bot token",
  severity: "high",
  confidence: "high",
  keywords: ["discord", "bot m", "bot n", "bot o"],
  reach: 4096,
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>[MNO][A-Za-z0-9_-]{22,26}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_.-])/,
  priority: 10,
  check: (hit) => {
    const [id, , hmac] = hit.secret.split(".");
    const decoded = decodeBase64(id!)?.toString("latin1");
    return keepIf(decoded !== undefined && /^[1-9][0-9]{16,19}$/.test(decoded) && looksRandom(hmac!, 3.5), hit);
  },
  remediation: "Reset the token in the Discord developer portal (Applications → the app → Bot → Reset Token); the old one stops working at once.",
  docs: "https://discord.com/developers/docs/topics/oauth2#bots",
  examples: {
    match: [
      { text: "DISCORD_TOKEN=NzMzMzc0MjI2NTAwOTgyOTU2.XG9Hem.pCWh23r4RtK8sJP4HnSZkwJzXZW", secret: "NzMzMzc0MjI2NTAwOTgyOTU2.XG9Hem.pCWh23r4RtK8sJP4HnSZkwJzXZW" },
      { text: 'import discord\nclient = discord.Client(intents=intents)\nclient.run("MTEzMTkxNzIwMjU2MDU4MTAyNw.dVdgoP.rngq9k4GFHY1kz_-v2lwCY3B609Ya3K5O0tkNY")', secret: "MTEzMTkxNzIwMjU2MDU4MTAyNw.dVdgoP.rngq9k4GFHY1kz_-v2lwCY3B609Ya3K5O0tkNY" },
      { text: "const { Client } = require('discord.js');\nclient.login('MTExNTM1ODUxNjM4NzEzNjI0NA.1Vi1oo.WKGSzELxg6H8DL637ra5c-kkfBoG_NSqX2QkxJ');", secret: "MTExNTM1ODUxNjM4NzEzNjI0NA.1Vi1oo.WKGSzELxg6H8DL637ra5c-kkfBoG_NSqX2QkxJ" },
      { text: "curl -H 'Authorization: Bot NzAzMzcyOTg2NDQ0NTYyNzIw.984Mli.j6X049o59vozVOTYe_WcwIWzWrA' https://discord.com/api/v10/users/@me", secret: "NzAzMzcyOTg2NDQ0NTYyNzIw.984Mli.j6X049o59vozVOTYe_WcwIWzWrA" },
      { text: '{"discord": {"token": "MTEzMTkxNzIwMjU2MDU4MTAyNw.dVdgoP.rngq9k4GFHY1kz_-v2lwCY3B609Ya3K5O0tkNY"}}', secret: "MTEzMTkxNzIwMjU2MDU4MTAyNw.dVdgoP.rngq9k4GFHY1kz_-v2lwCY3B609Ya3K5O0tkNY" },
    ],
    noMatch: [
      { text: "DISCORD_TOKEN=MHg1ZjNhOWMyZTcxYjg0ZDA2.Cl2FMQ.ZnCjm1XVW7vRze4b7Cq4se7kKWs", why: "first part does not decode to a user id" },
      { text: "DISCORD_TOKEN=NzMzMzc0MjI2NTAwOTgyOTU2.XG9Hem.pCWh23r4RtK8sJP4HnSZkwJzXZW.extra", why: "a fourth part: not a token" },
      { text: "discord jwt: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJlc2lnbmF0dXJlc2ln", why: "a JWT, not a bot token" },
      { text: "DISCORD_TOKEN=MTk4NjIyNDgzNDcxOTI1MjQ4.Cl2FMQ.xxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "masked HMAC part" },
      { text: "DISCORD_TOKEN=your-bot-token", why: "placeholder" },
    ],
  },
};

/** Discord webhook URLs: anyone with the URL can post to the channel as the webhook. */
export const discordWebhook: SecretRule = {
  id: "discord-webhook-url",
  kind: "discord-webhook-url",
  title: "Discord webhook URL",
  severity: "high",
  confidence: "high",
  keywords: ["discord.com/api/", "discordapp.com/api/"],
  pattern: /(?<secret>https:\/\/(?:(?:ptb|canary)\.)?discord(?:app)?\.com\/api\/(?:v[0-9]{1,2}\/)?webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{60,80})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(hit.secret.lastIndexOf("/") + 1), 3.5), hit),
  remediation: "Delete the webhook (channel settings → Integrations → Webhooks) and create a new one.",
  docs: "https://support.discord.com/hc/en-us/articles/228383668-Intro-to-Webhooks",
  examples: {
    match: [
      { text: "DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/1239728383415060465/N_dPwA2NcfXOS8qoctwzqlCzI92G9uMcNhT1bDLsSKZ2Ylzue1stLJ9-8BxVAqLtjTeW", secret: "https://discord.com/api/webhooks/1239728383415060465/N_dPwA2NcfXOS8qoctwzqlCzI92G9uMcNhT1bDLsSKZ2Ylzue1stLJ9-8BxVAqLtjTeW" },
      { text: '"webhook": "https://discordapp.com/api/webhooks/180282080139069768/h7F6mi6AzT78_ojyjPle0khAmAg2LzrS3ooMWz0nAjnnpEsQZpsY8YQiX-QHKxSNBGJa"', secret: "https://discordapp.com/api/webhooks/180282080139069768/h7F6mi6AzT78_ojyjPle0khAmAg2LzrS3ooMWz0nAjnnpEsQZpsY8YQiX-QHKxSNBGJa" },
      { text: "curl -H 'Content-Type: application/json' -d '{\"content\":\"deployed\"}' https://discord.com/api/webhooks/1239728383415060465/N_dPwA2NcfXOS8qoctwzqlCzI92G9uMcNhT1bDLsSKZ2Ylzue1stLJ9-8BxVAqLtjTeW", secret: "https://discord.com/api/webhooks/1239728383415060465/N_dPwA2NcfXOS8qoctwzqlCzI92G9uMcNhT1bDLsSKZ2Ylzue1stLJ9-8BxVAqLtjTeW" },
      { text: "url = 'https://ptb.discord.com/api/v10/webhooks/1916870083364741518/qSVC_hQ6Rca_C3mbOtqvm2dGa_umXB_-6oLI0mE6zzY3F_C9Q7IxhPfDBJRXD5LdR_mF?wait=true'", secret: "https://ptb.discord.com/api/v10/webhooks/1916870083364741518/qSVC_hQ6Rca_C3mbOtqvm2dGa_umXB_-6oLI0mE6zzY3F_C9Q7IxhPfDBJRXD5LdR_mF" },
      { text: "  discord_hook: https://canary.discord.com/api/webhooks/1916870083364741518/qSVC_hQ6Rca_C3mbOtqvm2dGa_umXB_-6oLI0mE6zzY3F_C9Q7IxhPfDBJRXD5LdR_mF", secret: "https://canary.discord.com/api/webhooks/1916870083364741518/qSVC_hQ6Rca_C3mbOtqvm2dGa_umXB_-6oLI0mE6zzY3F_C9Q7IxhPfDBJRXD5LdR_mF" },
    ],
    noMatch: [
      { text: "https://discord.com/api/webhooks/123456789012345678/XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", why: "documentation placeholder" },
      { text: "https://discord.com/api/webhooks/{webhook.id}/{webhook.token}", why: "route template" },
      { text: "https://discord.com/api/webhooks/1239728383415060465/dvjvKAj1sBeV7LdVgGqAaCX2XRccqN", why: "token part too short" },
      { text: "https://discord.com/api/channels/1239728383415060465/N_dPwA2NcfXOS8qoctwzqlCzI92G9uMcNhT1bDLsSKZ2Ylzue1stLJ9-8BxVAqLtjTeW", why: "not a webhook route" },
      { text: "https://discord.com/api/webhooks/1239728383415060465", why: "no token part" },
    ],
  },
};
