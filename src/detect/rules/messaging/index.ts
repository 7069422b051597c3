import type { SecretRule } from "../../types.js";
import { brevoApiKey, brevoSmtpKey } from "./brevo.js";
import { mattermostWebhook, rocketChatWebhook } from "./chat-webhooks.js";
import { discordBotToken, discordWebhook } from "./discord.js";
import { mailchimpApiKey, mandrillApiKey } from "./mailchimp.js";
import { mailgunApiKey, mailgunWebhookSigningKey } from "./mailgun.js";
import { mailjetSecretKey } from "./mailjet.js";
import { postmarkApiToken } from "./postmark.js";
import { resendApiKey } from "./resend.js";
import { sendgridApiKey } from "./sendgrid.js";
import { SLACK_RULES } from "./slack.js";
import { messagebirdAccessKey, pusherAppSecret, vonageApiSecret } from "./sms.js";
import { intercomAccessToken, zendeskApiToken } from "./support.js";
import { powerAutomateWebhook, teamsWebhook } from "./teams.js";
import { telegramBotToken } from "./telegram.js";
import { twilioApiKey, twilioApiSecret, twilioAuthToken } from "./twilio.js";

/** Chat, mail, SMS and support APIs: Slack, Discord, Telegram, Teams, Twilio, SendGrid, Mailgun, Mailchimp… */
export const MESSAGING_RULES: readonly SecretRule[] = [
  ...SLACK_RULES,
  discordBotToken,
  discordWebhook,
  telegramBotToken,
  teamsWebhook,
  powerAutomateWebhook,
  mattermostWebhook,
  rocketChatWebhook,
  twilioApiKey,
  twilioApiSecret,
  twilioAuthToken,
  sendgridApiKey,
  mailgunApiKey,
  mailgunWebhookSigningKey,
  mailchimpApiKey,
  mandrillApiKey,
  postmarkApiToken,
  brevoApiKey,
  brevoSmtpKey,
  mailjetSecretKey,
  resendApiKey,
  intercomAccessToken,
  zendeskApiToken,
  vonageApiSecret,
  messagebirdAccessKey,
  pusherAppSecret,
];
