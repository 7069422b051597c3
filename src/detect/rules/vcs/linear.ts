import type { SecretRule } from "../../types.js";
import { randomAlphanumericBody } from "./helpers.js";

/** Linear personal API keys: `lin_api_` and 40 alphanumerics. */
export const linearApiKey: SecretRule = {
  id: "linear-api-key",
  kind: "linear-api-key",
  title: "Linear API key",
  severity: "high",
  confidence: "high",
  keywords: ["lin_api_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>lin_api_[A-Za-z0-9]{40})(?![A-Za-z0-9_])/,
  priority: 10,
  check: randomAlphanumericBody(8),
  remediation: "Revoke the key (Linear → Settings → Account → Security & access → API keys) and create a new one.",
  docs: "https://linear.app/developers/graphql#personal-api-keys",
  examples: {
    match: [
      { text: "LINEAR_API_KEY=lin_api_dRodslivAHdjrjlqMw9bgbiHA5oNpYeBVkT8BD81", secret: "lin_api_dRodslivAHdjrjlqMw9bgbiHA5oNpYeBVkT8BD81" },
      { text: 'curl -H "Authorization: lin_api_5KgmUmnPRrjqY8J6ZavQyeve2phJZo46ENKAGChl" https://api.linear.app/graphql', secret: "lin_api_5KgmUmnPRrjqY8J6ZavQyeve2phJZo46ENKAGChl" },
      { text: "new LinearClient({ apiKey: 'lin_api_RBF0XIps03XZaNEDozKjJ9G14d5r6EZdGYly6wO1' })", secret: "lin_api_RBF0XIps03XZaNEDozKjJ9G14d5r6EZdGYly6wO1" },
      { text: '{"linear": {"token": "lin_api_dRodslivAHdjrjlqMw9bgbiHA5oNpYeBVkT8BD81"}}', secret: "lin_api_dRodslivAHdjrjlqMw9bgbiHA5oNpYeBVkT8BD81" },
      { text: "  LINEAR_TOKEN: lin_api_5KgmUmnPRrjqY8J6ZavQyeve2phJZo46ENKAGChl", secret: "lin_api_5KgmUmnPRrjqY8J6ZavQyeve2phJZo46ENKAGChl" },
    ],
    noMatch: [
      { text: "LINEAR_API_KEY=lin_api_dRodslivAHdjrjlqMw9bgbiHA5oNpYeBVkT8BD8", why: "39 characters" },
      { text: "LINEAR_API_KEY=lin_api_dRodslivAHdjrjlqMw9bgbiHA5oNpYeBVkT8BD81x", why: "41 characters" },
      { text: "LINEAR_API_KEY=lin_api_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "LINEAR_API_KEY=lin_api_<key>", why: "template" },
      { text: "LINEAR_API_KEY=lin_oauth_dRodslivAHdjrjlqMw9bgbiHA5oNpYeBVkT8BD81", why: "another prefix" },
    ],
  },
};
