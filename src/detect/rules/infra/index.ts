import type { SecretRule } from "../../types.js";

/** Infrastructure services: Vault, Terraform Cloud, Pulumi, Doppler, 1Password, Cloudflare, Heroku, Fly.io… */
export const INFRA_RULES: readonly SecretRule[] = [];
