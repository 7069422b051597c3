import type { SecretRule } from "../../types.js";
import { keepIf, looksRandom } from "./kit.js";

/**
 * Telegram bot tokens from @BotFather: `<bot id>:AA<33 characters>`. The keywords are the bot
 * id's last digit followed by `:AA`, so they fire only on that shape.
 */
export const telegramBotToken: SecretRule = {
  id: "telegram-bot-token",
  kind: "telegram-bot-token",
  title: "Telegram bot token",
  severity: "high",
  confidence: "high",
  keywords: ["0:aa", "1:aa", "2:aa", "3:aa", "4:aa", "5:aa", "6:aa", "7:aa", "8:aa", "9:aa"],
  pattern: /(?:(?<=bot)|(?<![A-Za-z0-9_:-]))(?<secret>[0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(hit.secret.indexOf(":") + 3), 3.5), hit),
  remediation: "Revoke the token with @BotFather (/revoke, or /token for a new one) and update the bot.",
  docs: "https://core.telegram.org/bots/features#botfather",
  examples: {
    match: [
      { text: "TELEGRAM_BOT_TOKEN=9363174419:AAhcJGiPB6GYGTTKS5YLFZSuPWjkIQvGTvo", secret: "9363174419:AAhcJGiPB6GYGTTKS5YLFZSuPWjkIQvGTvo" },
      { text: "curl https://api.telegram.org/bot9363174419:AAhcJGiPB6GYGTTKS5YLFZSuPWjkIQvGTvo/sendMessage -d chat_id=42", secret: "9363174419:AAhcJGiPB6GYGTTKS5YLFZSuPWjkIQvGTvo" },
      { text: 'bot = telebot.TeleBot("880018690:AAkBEbw7S7eKpL5E2xs8di3L13erBURQ5nn")', secret: "880018690:AAkBEbw7S7eKpL5E2xs8di3L13erBURQ5nn" },
      { text: "  token: '880018690:AAkBEbw7S7eKpL5E2xs8di3L13erBURQ5nn'", secret: "880018690:AAkBEbw7S7eKpL5E2xs8di3L13erBURQ5nn" },
      { text: '{"telegram":{"token":"2406118605:AA0Sf8t6qSTQQ8lr5q1VIXG3ZEh92Rdmkk6"}}', secret: "2406118605:AA0Sf8t6qSTQQ8lr5q1VIXG3ZEh92Rdmkk6" },
    ],
    noMatch: [
      { text: "TELEGRAM_BOT_TOKEN=123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "9363174419:AAqJ1mTdtOvvJmAw6RKJo8", why: "too short" },
      { text: "9363174419:ABhcJGiPB6GYGTTKS5YLFZSuPWjkIQvGTvo", why: "not the AA marker" },
      { text: "121461431736:AAhcJGiPB6GYGTTKS5YLFZSuPWjkIQvGTvo", why: "bot id too long" },
      { text: "9363174419:AAhcJGiPB6GYGTTKS5YLFZSuPWjkIQvGTvoAAAA", why: "body too long" },
    ],
  },
};
