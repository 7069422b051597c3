import type { SecretRule } from "../../types.js";
import { ageSecretKey } from "./age.js";
import { cloudflareApiToken, cloudflareGlobalApiKey, cloudflareOriginCaKey } from "./cloudflare.js";
import { confluentCloudApiSecret } from "./confluent.js";
import { dopplerToken } from "./doppler.js";
import { flyioAccessToken } from "./flyio.js";
import { consulAclToken, nomadAclToken, pulumiAccessToken, terraformCloudApiToken } from "./hashicorp.js";
import { herokuApiKey } from "./heroku.js";
import { auth0ClientSecret, oktaApiToken } from "./identity.js";
import { mongodbAtlasPrivateKey, mongodbAtlasServiceAccountSecret } from "./mongodb-atlas.js";
import { netlifyAccessToken, vercelToken } from "./netlify-vercel.js";
import { onepasswordConnectToken, onepasswordSecretKey, onepasswordServiceAccountToken } from "./onepassword.js";
import { planetscaleOauthToken, planetscalePassword, planetscaleServiceToken } from "./planetscale.js";
import { databricksAccessToken, renderApiKey } from "./render-databricks.js";
import { supabaseAccessToken, supabaseSecretKey } from "./supabase.js";
import { ngrokAuthtoken, tailscaleKey } from "./tunnels.js";
import { vaultBatchToken, vaultRecoveryToken, vaultServiceToken } from "./vault.js";

/** Infrastructure services: Vault and friends, Terraform Cloud, Pulumi, Doppler, 1Password, Cloudflare, PaaS hosts, data platforms, identity, tunnels, age. */
export const INFRA_RULES: readonly SecretRule[] = [
  vaultServiceToken,
  vaultBatchToken,
  vaultRecoveryToken,
  consulAclToken,
  nomadAclToken,
  terraformCloudApiToken,
  pulumiAccessToken,
  dopplerToken,
  onepasswordServiceAccountToken,
  onepasswordConnectToken,
  onepasswordSecretKey,
  cloudflareApiToken,
  cloudflareGlobalApiKey,
  cloudflareOriginCaKey,
  herokuApiKey,
  flyioAccessToken,
  netlifyAccessToken,
  vercelToken,
  supabaseAccessToken,
  supabaseSecretKey,
  planetscaleServiceToken,
  planetscalePassword,
  planetscaleOauthToken,
  renderApiKey,
  databricksAccessToken,
  confluentCloudApiSecret,
  mongodbAtlasPrivateKey,
  mongodbAtlasServiceAccountSecret,
  oktaApiToken,
  auth0ClientSecret,
  tailscaleKey,
  ngrokAuthtoken,
  ageSecretKey,
];
