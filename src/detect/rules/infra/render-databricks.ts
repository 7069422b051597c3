import type { SecretRule } from "../../types.js";
import { accept } from "../cloud/shared.js";

/** Render API keys: `rnd_` and 32 letters and digits. */
export const renderApiKey: SecretRule = {
  id: "render-api-key",
  kind: "render-api-key",
  title: "Render API key",
  severity: "critical",
  confidence: "high",
  keywords: ["rnd_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>rnd_[A-Za-z0-9]{32})(?![A-Za-z0-9])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(4), entropy: 3.5 }),
  remediation: "Revoke the key in the Render dashboard (Account Settings → API Keys) and create a new one.",
  docs: "https://render.com/docs/api#1-create-an-api-key",
  examples: {
    match: [
      { text: "RENDER_API_KEY=rnd_mDU6ZzYtEmiOPftaLotYddbIPWYHnCTR", secret: "rnd_mDU6ZzYtEmiOPftaLotYddbIPWYHnCTR" },
      { text: "curl -H 'Authorization: Bearer rnd_YzpG3i14i9abzUJwLIjll1Jd9Xk66dQp' https://api.render.com/v1/services", secret: "rnd_YzpG3i14i9abzUJwLIjll1Jd9Xk66dQp" },
      { text: 'render_api_key = "rnd_4Fg16v2PWMgKwdFTPDElCwGAxnAhG2kV"', secret: "rnd_4Fg16v2PWMgKwdFTPDElCwGAxnAhG2kV" },
      { text: "api_key: rnd_eWEGzjZtUKE8rMAIqYMMwLBUD1DWpxfq\n", secret: "rnd_eWEGzjZtUKE8rMAIqYMMwLBUD1DWpxfq" },
      { text: "export RENDER_API_KEY='rnd_3hguOpWpWCKvYb5fEmzhDDZpUSdkjY1t'", secret: "rnd_3hguOpWpWCKvYb5fEmzhDDZpUSdkjY1t" },
    ],
    noMatch: [
      { text: "RENDER_API_KEY=rnd_qxg25KiQTlWPWmXXcwRnlrRXDZ3NZTU", why: "one character short" },
      { text: "RENDER_API_KEY=rnd_GzHFLOxwEyTOBCcWIF8RPYhART3gkp0s9", why: "one character long" },
      { text: "RENDER_API_KEY=rnd_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "RENDER_API_KEY=rnd_<api-key>", why: "placeholder" },
      { text: "brand_3MbTla26lzMne6MsPJlXMdaFye5I4KfC", why: "inside a longer word" },
    ],
  },
};

/** Databricks personal access tokens: `dapi`, 32 hex digits, optionally `-` and a digit. */
export const databricksAccessToken: SecretRule = {
  id: "databricks-access-token",
  kind: "databricks-access-token",
  title: "Databricks personal access token",
  severity: "critical",
  confidence: "high",
  keywords: ["dapi"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>dapi[a-f0-9]{32}(?:-[0-9])?)(?![A-Za-z0-9-])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(4, 36) }),
  remediation: "Revoke the token (User Settings → Developer → Access tokens, or the Token Management API) and prefer OAuth machine-to-machine credentials.",
  docs: "https://docs.databricks.com/en/dev-tools/auth/pat.html",
  examples: {
    match: [
      { text: "DATABRICKS_TOKEN=dapi0bbc8465f8981bc311bafea43791b0d0", secret: "dapi0bbc8465f8981bc311bafea43791b0d0" },
      { text: "[DEFAULT]\nhost = https://dbc-1234.cloud.databricks.com\ntoken = dapi1c81bd4d5244d39eccb5be3fd1013965-2\n", secret: "dapi1c81bd4d5244d39eccb5be3fd1013965-2" },
      { text: "Authorization: Bearer dapi4a673fe921ed0cc4f8e99656ae5d523d", secret: "dapi4a673fe921ed0cc4f8e99656ae5d523d" },
      { text: 'spark.conf.set("token", "dapic45dffb28c0dc520376f100398f264f4")', secret: "dapic45dffb28c0dc520376f100398f264f4" },
      { text: "databricks_token: dapief339445e43a7590183226df69f273c5-3", secret: "dapief339445e43a7590183226df69f273c5-3" },
    ],
    noMatch: [
      { text: "DATABRICKS_TOKEN=dapid1c09c23868d02c62118ad1d4f035a2", why: "one digit short" },
      { text: "DATABRICKS_TOKEN=dapidd882ec0b4fdb26b6e8e41f5c07b65e55", why: "one digit long" },
      { text: "DATABRICKS_TOKEN=dapi3MbTla26lzMne6MsPJlXMdaFye5I4KfC", why: "not hex" },
      { text: "DATABRICKS_TOKEN=dapi00000000000000000000000000000000", why: "zero placeholder" },
      { text: "rapidapi392cd16431d1d664fdf08bb49c4f6eb0", why: "inside a longer word" },
    ],
  },
};
