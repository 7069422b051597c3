import type { SecretRule } from "../../types.js";
import { accept } from "../cloud/shared.js";

const body = (prefix: string) => accept({ body: (s) => s.slice(prefix.length), entropy: 3.5 });

/** PlanetScale service tokens: `pscale_tkn_` and 32–64 characters. */
export const planetscaleServiceToken: SecretRule = {
  id: "planetscale-service-token",
  kind: "planetscale-service-token",
  title: "PlanetScale service token",
  severity: "critical",
  confidence: "high",
  keywords: ["pscale_tkn_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>pscale_tkn_[A-Za-z0-9_.=-]{32,64})(?![A-Za-z0-9_.=-])/,
  priority: 10,
  check: body("pscale_tkn_"),
  remediation: "Delete the service token in PlanetScale (organization Settings → Service tokens) and create one with only the database access it needs.",
  docs: "https://planetscale.com/docs/concepts/service-tokens",
  examples: {
    match: [
      { text: "PLANETSCALE_SERVICE_TOKEN=pscale_tkn_IbcO7TiPdjlocj2yQ1ybcGpp9ilAoPk5N-FFr7iQNmA", secret: "pscale_tkn_IbcO7TiPdjlocj2yQ1ybcGpp9ilAoPk5N-FFr7iQNmA" },
      { text: "pscale connect db main --service-token pscale_tkn_zUOx0Tg84K4Qe83WdSeUX7Gg8tel3lAIdh-obwYGahw --service-token-id x", secret: "pscale_tkn_zUOx0Tg84K4Qe83WdSeUX7Gg8tel3lAIdh-obwYGahw" },
      { text: "Authorization: tok1:pscale_tkn_T46tVPKv6iVbOJVi1BbvvQ8pwTPdmIG4KH0jtdCej0Y", secret: "pscale_tkn_T46tVPKv6iVbOJVi1BbvvQ8pwTPdmIG4KH0jtdCej0Y" },
      { text: 'service_token = "pscale_tkn_A7u_kjuRidFoZfVHENu4X8ToZn5d9ddcphOcEDG37Ab"', secret: "pscale_tkn_A7u_kjuRidFoZfVHENu4X8ToZn5d9ddcphOcEDG37Ab" },
      { text: "token: pscale_tkn_FWOpjhkeMsal4Ura799KY4E69He7VPiP29yxjRQg\n", secret: "pscale_tkn_FWOpjhkeMsal4Ura799KY4E69He7VPiP29yxjRQg" },
    ],
    noMatch: [
      { text: "PLANETSCALE_SERVICE_TOKEN=pscale_tkn_rTTA2RnP87ExWUYX6f2E", why: "too short" },
      { text: "PLANETSCALE_SERVICE_TOKEN=pscale_tkn_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "PLANETSCALE_SERVICE_TOKEN=pscale_tkn_${TOKEN}", why: "reference" },
      { text: "PLANETSCALE_SERVICE_TOKEN_ID=slipp1f7zsow", why: "the token ID" },
      { text: "xpscale_tkn_CjZTamkml3I0HsVl8-2vnLpPudmx6DMPycz9cF8PcZB", why: "inside a longer word" },
    ],
  },
};

/** PlanetScale database passwords: `pscale_pw_` and 32–64 characters. */
export const planetscalePassword: SecretRule = {
  id: "planetscale-password",
  kind: "planetscale-password",
  title: "PlanetScale database password",
  severity: "critical",
  confidence: "high",
  keywords: ["pscale_pw_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>pscale_pw_[A-Za-z0-9_.=-]{32,64})(?![A-Za-z0-9_.=-])/,
  priority: 10,
  check: body("pscale_pw_"),
  remediation: "Delete the password in PlanetScale (the database → Settings → Passwords) and create a new one for the branch.",
  docs: "https://planetscale.com/docs/concepts/connection-strings",
  examples: {
    match: [
      { text: "DATABASE_URL=mysql://h5w98j0mil1q:pscale_pw_IbcO7TiPdjlocj2yQ1ybcGpp9ilAoPk5N-FFr7iQNmA@aws.connect.psdb.cloud/shop?sslaccept=strict", secret: "pscale_pw_IbcO7TiPdjlocj2yQ1ybcGpp9ilAoPk5N-FFr7iQNmA" },
      { text: "DB_PASSWORD=pscale_pw_zUOx0Tg84K4Qe83WdSeUX7Gg8tel3lAIdh-obwYGahw", secret: "pscale_pw_zUOx0Tg84K4Qe83WdSeUX7Gg8tel3lAIdh-obwYGahw" },
      { text: 'password: "pscale_pw_T46tVPKv6iVbOJVi1BbvvQ8pwTPdmIG4KH0jtdCej0Y"', secret: "pscale_pw_T46tVPKv6iVbOJVi1BbvvQ8pwTPdmIG4KH0jtdCej0Y" },
      { text: "mysql -h aws.connect.psdb.cloud -u x --password=pscale_pw_A7u_kjuRidFoZfVHENu4X8ToZn5d9ddcphOcEDG37Ab shop", secret: "pscale_pw_A7u_kjuRidFoZfVHENu4X8ToZn5d9ddcphOcEDG37Ab" },
      { text: "spring.datasource.password=pscale_pw_oaGkyKYqbHxgjiEb7jvGYUzl0E1TENY8ukhCtRD46dK", secret: "pscale_pw_oaGkyKYqbHxgjiEb7jvGYUzl0E1TENY8ukhCtRD46dK" },
    ],
    noMatch: [
      { text: "DB_PASSWORD=pscale_pw_MWoT8Ngk09vB1z7r", why: "too short" },
      { text: "DB_PASSWORD=pscale_pw_************************************", why: "mask" },
      { text: "DB_PASSWORD=pscale_pw_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "DB_PASSWORD=pscale_pw_<password>", why: "placeholder" },
      { text: "DB_PASSWORD=pscale_pwd_JGWf12W4mxSk57SC9fLFLryWFzsyIAWrzdkNIZAOzDO", why: "other prefix" },
    ],
  },
};

/** PlanetScale OAuth access tokens: `pscale_oauth_` and 32–64 characters. */
export const planetscaleOauthToken: SecretRule = {
  id: "planetscale-oauth-token",
  kind: "planetscale-oauth-token",
  title: "PlanetScale OAuth token",
  severity: "high",
  confidence: "high",
  keywords: ["pscale_oauth_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>pscale_oauth_[A-Za-z0-9_.=-]{32,64})(?![A-Za-z0-9_.=-])/,
  priority: 10,
  check: body("pscale_oauth_"),
  remediation: "Revoke the OAuth application's access in PlanetScale (organization Settings → OAuth applications) and authorise again.",
  docs: "https://planetscale.com/docs/api/reference/getting-started-with-planetscale-api",
  examples: {
    match: [
      { text: '{"access_token":"pscale_oauth_IbcO7TiPdjlocj2yQ1ybcGpp9ilAoPk5N-FFr7iQNmA","token_type":"Bearer"}', secret: "pscale_oauth_IbcO7TiPdjlocj2yQ1ybcGpp9ilAoPk5N-FFr7iQNmA" },
      { text: "PLANETSCALE_OAUTH_TOKEN=pscale_oauth_7xRWyllxlwd602ZXVbSKQ0DOxjfM14WNIdKooON13IR", secret: "pscale_oauth_7xRWyllxlwd602ZXVbSKQ0DOxjfM14WNIdKooON13IR" },
      { text: "Authorization: Bearer pscale_oauth_hgf00UotqWhIpEwKK0fntwYhPK76eToaP8pbbr-yzkS", secret: "pscale_oauth_hgf00UotqWhIpEwKK0fntwYhPK76eToaP8pbbr-yzkS" },
      { text: "token: 'pscale_oauth_eQPGAxQJt72wysGsQYMS1oVU5PU5AMQc4VLyfkHt'", secret: "pscale_oauth_eQPGAxQJt72wysGsQYMS1oVU5PU5AMQc4VLyfkHt" },
      { text: "export PSCALE_TOKEN=pscale_oauth_hjE1lz8QgwmZMM8Qrxe4_wAfQoCGo5Jpw8_NIq-cmNu", secret: "pscale_oauth_hjE1lz8QgwmZMM8Qrxe4_wAfQoCGo5Jpw8_NIq-cmNu" },
    ],
    noMatch: [
      { text: "pscale_oauth_rTTA2RnP87ExWUYX6f2E", why: "too short" },
      { text: "pscale_oauth_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "pscale_oauth_<token>", why: "placeholder" },
      { text: "pscale_oauth_client_id", why: "a name, not a token" },
      { text: "xpscale_oauth_JGWf12W4mxSk57SC9fLFLryWFzsyIAWrzdkNIZAOzDO", why: "inside a longer word" },
    ],
  },
};
