import type { SecretRule } from "../../types.js";
import { slackToken, slackWebhook } from "./slack.js";

/** Chat and mail: Slack, Discord, Telegram, Twilio, SendGrid, Mailgun, Mailchimp… */
export const MESSAGING_RULES: readonly SecretRule[] = [slackToken, slackWebhook];
