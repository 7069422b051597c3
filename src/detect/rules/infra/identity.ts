import type { SecretRule } from "../../types.js";
import { accept, assigned } from "../cloud/shared.js";

/** Okta API tokens (`00` and 40 characters) next to Okta names or after `SSWS`. */
export const oktaApiToken: SecretRule = {
  id: "okta-api-token",
  kind: "okta-api-token",
  title: "Okta API token",
  severity: "critical",
  confidence: "medium",
  keywords: ["okta", "SSWS"],
  pattern:
    /(?:(?<![A-Za-z0-9_])(?<name>[A-Za-z0-9_.-]{0,30}?okta[A-Za-z0-9_.-]{0,20}?(?:token|api_?key))\\?["']?(?:[ \t]*(?:=>|:=|=|:)[ \t]*|[ \t]+)\\?["']?|\bSSWS[ \t]+)(?<secret>00[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])/i,
  priority: 10,
  check: accept({ shape: /^00[A-Za-z0-9_-]{40}$/, body: (s) => s.slice(2), entropy: 3.5 }),
  remediation: "Revoke the token in the Okta Admin Console (Security → API → Tokens) and move the integration to an OAuth service app.",
  docs: "https://developer.okta.com/docs/guides/create-an-api-token/main/",
  examples: {
    match: [
      { text: "OKTA_API_TOKEN=004TMqbKrb4Hrb-Va-l6_TjQGO2Jfyn8xEhGPTErP2", secret: "004TMqbKrb4Hrb-Va-l6_TjQGO2Jfyn8xEhGPTErP2" },
      { text: "curl -H 'Authorization: SSWS 00sCZiHaI-EiHIVQuNfvKhZrvIs7BsenZNNCaLf3HD' https://shop.okta.com/api/v1/users", secret: "00sCZiHaI-EiHIVQuNfvKhZrvIs7BsenZNNCaLf3HD" },
      { text: "env:\n  OKTA_CLIENT_TOKEN: '00_xAgiclUt_2OmX3eyoodhT1m6qlxKGG6h9lnALfy'", secret: "00_xAgiclUt_2OmX3eyoodhT1m6qlxKGG6h9lnALfy" },
      { text: 'provider "okta" {}\nokta_api_token = "002BMCeYqQLcyQw48nwQyMsRo1ZgGwne68WVwL9aeq"', secret: "002BMCeYqQLcyQw48nwQyMsRo1ZgGwne68WVwL9aeq" },
      { text: "export OKTA_TOKEN=00NVqLJ43DKtzXxjhRJ1DtmpPFTtUUcwNYnojSUSv7", secret: "00NVqLJ43DKtzXxjhRJ1DtmpPFTtUUcwNYnojSUSv7" },
    ],
    noMatch: [
      { text: "OKTA_API_TOKEN=00fvJQExg3fQbsoY2259svDzhPj5lYLKwnpRr2Jhk", why: "one character short" },
      { text: "OKTA_API_TOKEN=01kxqJAUKQnXVbMO6vu8HLS90JMVjyoa9i_oRbeknw", why: "does not start with 00" },
      { text: "Authorization: SSWS ${OKTA_API_TOKEN}", why: "reference" },
      { text: "OKTA_API_TOKEN=00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "OKTA_CLIENT_ID=0oaCTSWDt4kedQQYkLvb", why: "a client ID" },
    ],
  },
};

/** Auth0 application client secrets (64 URL-safe characters) next to Auth0 names. */
export const auth0ClientSecret: SecretRule = {
  id: "auth0-client-secret",
  kind: "auth0-client-secret",
  title: "Auth0 client secret",
  severity: "high",
  confidence: "medium",
  keywords: ["auth0"],
  pattern: assigned(String.raw`auth0[A-Za-z0-9_.-]{0,20}?client_?secret`, String.raw`[A-Za-z0-9_-]{64}`),
  priority: 10,
  check: accept({ shape: /^[A-Za-z0-9_-]{64}$/, entropy: 4 }),
  remediation: "Rotate the secret (Auth0 Dashboard → Applications → the app → Settings → Rotate, or the Management API) and update the app.",
  docs: "https://auth0.com/docs/get-started/applications/rotate-client-secret",
  examples: {
    match: [
      { text: "AUTH0_CLIENT_SECRET=wUwWCX1_SZIRVyyqyQ6aC2LEhVYBoAuqsZ8OlEmbeZDzPIEriPV0wwJiv0bPQF29", secret: "wUwWCX1_SZIRVyyqyQ6aC2LEhVYBoAuqsZ8OlEmbeZDzPIEriPV0wwJiv0bPQF29" },
      { text: "auth0_client_secret: '0XETR9G1UmAXTv9hpcVdI0ysjSwhgB5otCivhUhaz4OnToMsQkoaKkKqs_xjLQmg'", secret: "0XETR9G1UmAXTv9hpcVdI0ysjSwhgB5otCivhUhaz4OnToMsQkoaKkKqs_xjLQmg" },
      { text: '{"Auth0ClientSecret": "eGU30zsfsoUtukbkqzdurU3-cnIQ_ops6O-8TWimiLr-wyG0IHlVS084oyEor7LZ"}', secret: "eGU30zsfsoUtukbkqzdurU3-cnIQ_ops6O-8TWimiLr-wyG0IHlVS084oyEor7LZ" },
      { text: "export AUTH0_CLIENT_SECRET=BndiLUirvoustgkLZKfRRY48nMxucUIRuPLdN48rbfAiDgDmKbLvu1q3XjYqfsqR", secret: "BndiLUirvoustgkLZKfRRY48nMxucUIRuPLdN48rbfAiDgDmKbLvu1q3XjYqfsqR" },
      { text: 'provider "auth0" {}\nauth0_client_secret = "dxo3D5s1Ij9zGMUrKGjpf2Q5UVoH_jfHq2Es7ZP_ljwu5Nw7V-5685qrm5Y3zD8o"', secret: "dxo3D5s1Ij9zGMUrKGjpf2Q5UVoH_jfHq2Es7ZP_ljwu5Nw7V-5685qrm5Y3zD8o" },
    ],
    noMatch: [
      { text: "AUTH0_CLIENT_SECRET=d3ZL1Riccb7PHGxA2LTDgHcL2mkAWw3RWnGKQmKc3oIB5A86l3iumkxHzwVSkED", why: "one character short" },
      { text: "AUTH0_CLIENT_ID=Y2kJfhVh0P24Or0pxMsuRj37bePSb5GH", why: "the client ID" },
      { text: "AUTH0_CLIENT_SECRET=${AUTH0_CLIENT_SECRET}", why: "reference" },
      { text: "AUTH0_CLIENT_SECRET=YOUR_CLIENT_SECRET", why: "placeholder" },
      { text: "CLIENT_SECRET=iCuG5RJ8w3Kh5Q2wIrHVKzDwNGPwgWqya4fn7RzLxBGRWKGjgf8U_ItUGFmswYMt", why: "no Auth0 name" },
    ],
  },
};
