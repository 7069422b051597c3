import type { SecretRule } from "../../types.js";
import { awsCredentialsFile, botoConfigSecret, s3cfgSecret } from "./aws-files.js";
import { dockerConfigAuth, dockerConfigIdentityToken } from "./docker-config.js";
import { dotenvSecret } from "./dotenv.js";
import { gitCredentials } from "./git-credentials.js";
import { htpasswdHash } from "./htpasswd.js";
import { kubeconfigClientKey, kubeconfigPassword, kubeconfigToken } from "./kubeconfig.js";
import { mavenSettingsPassword } from "./maven.js";
import { netrcPassword } from "./netrc.js";
import { npmrcAuth } from "./npmrc.js";
import { cargoCredentialsToken, composerAuthSecret, gemCredentials, ghCliOauthToken, terraformCliToken } from "./package-tools.js";
import { pgpassPassword } from "./pgpass.js";
import { pypircPassword } from "./pypirc.js";
import { rcloneConfigSecret } from "./rclone.js";
import { sshPrivateKeyFile } from "./ssh-identity.js";
import { terraformStateSecretAttribute, terraformStateSensitiveOutput } from "./tfstate.js";
import { wordpressConfigSecret } from "./wp-config.js";

/** Sensitive files recognised by name and structure (.npmrc, .netrc, .env, kubeconfig…). */
export const FILE_RULES: readonly SecretRule[] = [
  netrcPassword,
  npmrcAuth,
  dotenvSecret,
  pypircPassword,
  dockerConfigAuth,
  dockerConfigIdentityToken,
  awsCredentialsFile,
  botoConfigSecret,
  s3cfgSecret,
  gitCredentials,
  kubeconfigClientKey,
  kubeconfigToken,
  kubeconfigPassword,
  terraformStateSensitiveOutput,
  terraformStateSecretAttribute,
  pgpassPassword,
  htpasswdHash,
  mavenSettingsPassword,
  wordpressConfigSecret,
  rcloneConfigSecret,
  sshPrivateKeyFile,
  composerAuthSecret,
  gemCredentials,
  cargoCredentialsToken,
  terraformCliToken,
  ghCliOauthToken,
];
