import type { SecretRule } from "../../types.js";
import { assignment, randomBody } from "./helpers.js";

/** Travis CI API tokens: 22 characters, known by their name (`TRAVIS_TOKEN`, `travis_api_token`…). */
export const travisApiToken: SecretRule = {
  id: "travis-ci-api-token",
  kind: "travis-ci-api-token",
  title: "Travis CI API token",
  severity: "high",
  confidence: "medium",
  keywords: ["travis"],
  pattern: assignment(String.raw`travis[_.-]?(?:ci[_.-]?)?(?:api[_.-]?|access[_.-]?)?token`, "[A-Za-z0-9_-]{22}"),
  priority: 10,
  check: randomBody(0, 3.3),
  remediation: "Regenerate the token (travis-ci.com → Settings → API authentication → Regenerate token) and update what uses it.",
  docs: "https://docs.travis-ci.com/user/triggering-builds/",
  examples: {
    match: [
      { text: "TRAVIS_TOKEN=9S7dKYGDQbZMhDiL2A9atx", secret: "9S7dKYGDQbZMhDiL2A9atx" },
      { text: "travis_api_token: esyT4cBngiO04tQEyIk5y3", secret: "esyT4cBngiO04tQEyIk5y3" },
      { text: '{"TRAVIS_ACCESS_TOKEN": "d7UNH9v3LE5oGdBH6or6qE"}', secret: "d7UNH9v3LE5oGdBH6or6qE" },
      { text: "ENV TRAVIS_CI_TOKEN 9S7dKYGDQbZMhDiL2A9atx", secret: "9S7dKYGDQbZMhDiL2A9atx" },
      { text: "export TRAVIS_TOKEN='esyT4cBngiO04tQEyIk5y3'", secret: "esyT4cBngiO04tQEyIk5y3" },
    ],
    noMatch: [
      { text: "TRAVIS_TOKEN=9S7dKYGDQbZMhDiL2A9at", why: "21 characters" },
      { text: "TRAVIS_TOKEN=9S7dKYGDQbZMhDiL2A9atxx", why: "23 characters" },
      { text: "TRAVIS_TOKEN=$TRAVIS_API_TOKEN", why: "variable reference" },
      { text: "TRAVIS_BUILD_ID=9S7dKYGDQbZMhDiL2A9atx", why: "not a token variable" },
      { text: "TRAVIS_TOKEN=xxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};
