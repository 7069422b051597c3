import type { SecretRule } from "../../types.js";
import { accept } from "../cloud/shared.js";

/**
 * Doppler tokens: `dp.` + type (`pt` personal, `st` service — optionally with its config name,
 * `sa` service account, `ct` CLI, `scim`, `audit`) + 40–44 letters and digits.
 */
export const dopplerToken: SecretRule = {
  id: "doppler-token",
  kind: "doppler-token",
  title: "Doppler token",
  severity: "high",
  confidence: "high",
  keywords: ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."],
  pattern: /(?<![A-Za-z0-9_.-])(?<secret>dp\.(?:pt|ct|sa|scim|audit|st(?:\.[a-z0-9_-]{2,35})?)\.[A-Za-z0-9]{40,44})(?![A-Za-z0-9])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(s.lastIndexOf(".") + 1), entropy: 3.5 }),
  remediation: "Revoke the token in the Doppler dashboard (the project's Access tab for service tokens, or the workplace's token list) and create a new one.",
  docs: "https://docs.doppler.com/reference/auth-token-formats",
  examples: {
    match: [
      { text: "DOPPLER_TOKEN=dp.st.prd.iutom7o8ox3iWCP3SUe7SPf19JzGKF46kn9U5kWMtD5", secret: "dp.st.prd.iutom7o8ox3iWCP3SUe7SPf19JzGKF46kn9U5kWMtD5" },
      { text: "ENV DOPPLER_TOKEN dp.st.RoyQi7b6RQkQ3FWX7Qq0NLqgsc6beeY7fizRzq8Pnzo", secret: "dp.st.RoyQi7b6RQkQ3FWX7Qq0NLqgsc6beeY7fizRzq8Pnzo" },
      { text: "doppler configure set token dp.pt.pmQDKy0HEEwSwdgKBGW4Zh1zrNzJNwuq9EaqE9qIAe6", secret: "dp.pt.pmQDKy0HEEwSwdgKBGW4Zh1zrNzJNwuq9EaqE9qIAe6" },
      { text: "DOPPLER_TOKEN: 'dp.sa.IXcxneniBWvlqmLm1UEe6qe8DjatzDPntwlIaFZxI4v'", secret: "dp.sa.IXcxneniBWvlqmLm1UEe6qe8DjatzDPntwlIaFZxI4v" },
      { text: "Authorization: Bearer dp.ct.ecVOPUGd1mIbA17PZEVtrKtAWB7r5q9T6bgpDKOY", secret: "dp.ct.ecVOPUGd1mIbA17PZEVtrKtAWB7r5q9T6bgpDKOY" },
    ],
    noMatch: [
      { text: "DOPPLER_TOKEN=dp.st.dev.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "DOPPLER_TOKEN=dp.st.dev.afAPpnzEk09MslRy8pE33KZEL1TbOm", why: "too short" },
      { text: "DOPPLER_TOKEN=dp.xx.tV0b9rsQtq3Vkhc6jAWPsfA2pQ52WIifeNWN2BK8ayh", why: "unknown token type" },
      { text: "DOPPLER_TOKEN=dp.st.prd.7k0iBUPJnm2fwQWMjQRzzv5bOsaSeAZbadArEXh2nQx1d", why: "too long" },
      { text: "DOPPLER_TOKEN=${DOPPLER_TOKEN}", why: "reference" },
    ],
  },
};
