import type { SecretRule } from "../../types.js";
import { assignment, keepIf, looksRandom } from "./kit.js";

const DOCS = "https://www.twilio.com/docs/iam/api-keys";

/** Twilio API key SIDs (`SK` + 32 hex) on a line that names Twilio: the key half of an API key pair. */
export const twilioApiKey: SecretRule = {
  id: "twilio-api-key",
  kind: "twilio-api-key",
  title: "Twilio API key SID",
  severity: "high",
  confidence: "medium",
  keywords: ["twilio"],
  reach: 256,
  pattern: /(?<![A-Za-z0-9])(?<secret>SK[0-9a-f]{32})(?![A-Za-z0-9])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(2)), hit),
  remediation: "Delete the API key in the Twilio Console (Account → API keys & tokens) and create a new one; its secret goes with it.",
  docs: DOCS,
  examples: {
    match: [
      { text: "TWILIO_API_KEY=SKe9670fe7a101cedeba279a547712f388", secret: "SKe9670fe7a101cedeba279a547712f388" },
      { text: 'client = twilio.NewRestClientWithParams(twilio.ClientParams{Username: "SKe9670fe7a101cedeba279a547712f388", Password: secret})', secret: "SKe9670fe7a101cedeba279a547712f388" },
      { text: "twilio:\n  api_key: SKc62b119049199b918c6f2852caca97e3", secret: "SKc62b119049199b918c6f2852caca97e3" },
      { text: '{"twilioApiKey": "SKc62b119049199b918c6f2852caca97e3"}', secret: "SKc62b119049199b918c6f2852caca97e3" },
      { text: "export TWILIO_API_KEY_SID='SK79c8dbc46b8814ae76132449144bdd73'", secret: "SK79c8dbc46b8814ae76132449144bdd73" },
    ],
    noMatch: [
      { text: "TWILIO_ACCOUNT_SID=ACc5bd207e546677e65fbcf390df9c7616", why: "an account SID identifies, it does not authenticate" },
      { text: "TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "TWILIO_API_KEY=SK081c927815e54877c23b7df897e74b8", why: "one character short" },
      { text: "API_KEY=SKe9670fe7a101cedeba279a547712f388", why: "nothing names Twilio" },
      { text: "TWILIO_API_KEY=SK015CA0C1107F663668BC5D9BFD304824", why: "upper-case hex is not Twilio's" },
    ],
  },
};

/** The secret of a Twilio API key pair (32 alphanumerics), next to a name saying so. */
export const twilioApiSecret: SecretRule = {
  id: "twilio-api-secret",
  kind: "twilio-api-secret",
  title: "Twilio API key secret",
  severity: "critical",
  confidence: "medium",
  keywords: ["twilio"],
  pattern: new RegExp(`${assignment("twilio[a-z0-9_.-]{0,30}?secret")}(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret, 3.5), hit),
  remediation: "Delete the API key in the Twilio Console (Account → API keys & tokens) and create a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "TWILIO_API_SECRET=cv3OoOrwafQqbjYNxbifRHsK39wG80Go", secret: "cv3OoOrwafQqbjYNxbifRHsK39wG80Go" },
      { text: 'twilio_api_secret: "cv3OoOrwafQqbjYNxbifRHsK39wG80Go"', secret: "cv3OoOrwafQqbjYNxbifRHsK39wG80Go" },
      { text: '{"TWILIO_SECRET": "I9bKIaEygpb4YPb7uaDhYnnuRI4xLuZb"}', secret: "I9bKIaEygpb4YPb7uaDhYnnuRI4xLuZb" },
      { text: "ENV TWILIO_API_SECRET I9bKIaEygpb4YPb7uaDhYnnuRI4xLuZb", secret: "I9bKIaEygpb4YPb7uaDhYnnuRI4xLuZb" },
      { text: "config.twilio.apiSecret = '5CMEs14u4zpfkwWPQcsQuHPKSC8hM34u';", secret: "5CMEs14u4zpfkwWPQcsQuHPKSC8hM34u" },
    ],
    noMatch: [
      { text: "TWILIO_API_SECRET=${TWILIO_API_SECRET}", why: "reference" },
      { text: "TWILIO_API_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "TWILIO_API_SECRET=YFBVHbLIyYSOO3lJ5nt6pBJrA6cWnUa", why: "31 characters" },
      { text: "API_SECRET=cv3OoOrwafQqbjYNxbifRHsK39wG80Go", why: "nothing names Twilio" },
      { text: "TWILIO_API_SECRET=your_api_secret_goes_here_123456", why: "placeholder words" },
    ],
  },
};

/** Twilio auth tokens (32 hex): the account's master credential. */
export const twilioAuthToken: SecretRule = {
  id: "twilio-auth-token",
  kind: "twilio-auth-token",
  title: "Twilio auth token",
  severity: "critical",
  confidence: "medium",
  keywords: ["twilio"],
  pattern: new RegExp(`${assignment("twilio[a-z0-9_.-]{0,30}?(?:auth_?token|token)")}(?<secret>[0-9a-f]{32})(?![A-Za-z0-9])`, "i"),
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret), hit),
  remediation: "Rotate the auth token in the Twilio Console (Account → API keys & tokens → request a secondary token, promote it) and move integrations to API keys.",
  docs: "https://www.twilio.com/docs/iam/api/authtoken",
  examples: {
    match: [
      { text: "TWILIO_AUTH_TOKEN=e9670fe7a101cedeba279a547712f388", secret: "e9670fe7a101cedeba279a547712f388" },
      { text: "twilio_auth_token: 'e9670fe7a101cedeba279a547712f388'", secret: "e9670fe7a101cedeba279a547712f388" },
      { text: '"twilioAuthToken": "c62b119049199b918c6f2852caca97e3",', secret: "c62b119049199b918c6f2852caca97e3" },
      { text: "heroku config:set TWILIO_AUTH_TOKEN=c62b119049199b918c6f2852caca97e3", secret: "c62b119049199b918c6f2852caca97e3" },
      { text: "os.environ['TWILIO_TOKEN'] = '79c8dbc46b8814ae76132449144bdd73'", secret: "79c8dbc46b8814ae76132449144bdd73" },
    ],
    noMatch: [
      { text: "TWILIO_AUTH_TOKEN=your_auth_token", why: "placeholder" },
      { text: "TWILIO_AUTH_TOKEN=c0376a0961bb163f27b2c82d011b8ec", why: "31 hex characters" },
      { text: "TWILIO_AUTH_TOKEN=[AuthToken]", why: "template" },
      { text: "AUTH_TOKEN=e9670fe7a101cedeba279a547712f388", why: "nothing names Twilio" },
      { text: "TWILIO_AUTH_TOKEN=00000000000000000000000000000000", why: "zeros" },
    ],
  },
};
