import type { SecretRule } from "../types.js";
import { awsAccessKeyId, awsSecretAccessKey } from "./aws.js";
import { connectionStringPassword } from "./connection-string.js";
import { dotenvSecret } from "./dotenv.js";
import { githubToken } from "./github.js";
import { netrcPassword } from "./netrc.js";
import { npmToken } from "./npm.js";
import { npmrcAuth } from "./npmrc.js";
import { privateKey } from "./private-key.js";
import { slackToken, slackWebhook } from "./slack.js";
import { stripeKey } from "./stripe.js";
import { urlCredentials } from "./url-credentials.js";

/** Every built-in secret rule, in one explicit list (no registration by import). */
export const BUILTIN_RULES: readonly SecretRule[] = [
  awsAccessKeyId,
  awsSecretAccessKey,
  githubToken,
  npmToken,
  stripeKey,
  slackToken,
  slackWebhook,
  privateKey,
  netrcPassword,
  npmrcAuth,
  dotenvSecret,
  connectionStringPassword,
  urlCredentials,
];
