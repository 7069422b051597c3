import type { SecretRule } from "../../types.js";
import { accept, assigned } from "./shared.js";

const DOCS = "https://help.ovhcloud.com/csm/en-gb-api-getting-started-ovhcloud-api?id=kb_article_view&sysparm_article=KB0042784";
/** `OVH_…` variables, and `ovh.conf` sections (`[ovh-eu]`) whose keys follow on the next lines. */
const KEYWORDS = ["ovh_application_secret", "ovh_consumer_key", "[ovh-"];
const REACH = 400;

/** OVHcloud API application secrets (32 letters and digits). */
export const ovhApplicationSecret: SecretRule = {
  id: "ovh-application-secret",
  kind: "ovh-application-secret",
  title: "OVHcloud API application secret",
  severity: "high",
  confidence: "medium",
  keywords: KEYWORDS,
  reach: REACH,
  pattern: assigned(String.raw`application_secret`, String.raw`[A-Za-z0-9]{32}`, String.raw`A-Za-z0-9`),
  priority: 10,
  check: accept({ shape: /^[A-Za-z0-9]{32}$/, entropy: 3.5 }),
  remediation: "Delete the application in the OVHcloud API console (/me/api/application) or revoke its credentials, then create new keys.",
  docs: DOCS,
  examples: {
    match: [
      { text: "OVH_APPLICATION_SECRET=ZInskATReIMk5xiaocl3K1eYM1HqP8jd", secret: "ZInskATReIMk5xiaocl3K1eYM1HqP8jd" },
      { text: "[default]\nendpoint=ovh-eu\n\n[ovh-eu]\napplication_key=ZHqYVbrejeuMJ96Q\napplication_secret=p6yzdUs8cjkcem5wCcO68QD009hQ9trj\nconsumer_key=5JqbW9blGdfBsWj1MjLJNZduqBCrEtvW\n", secret: "p6yzdUs8cjkcem5wCcO68QD009hQ9trj" },
      { text: "export OVH_APPLICATION_SECRET='hxAYKmku4dIg6oYIUccWieUqpjknpm68'", secret: "hxAYKmku4dIg6oYIUccWieUqpjknpm68" },
      { text: "[ovh-ca]\napplication_secret = peQvPQlFzPwfPfVE5CrBJVRS819oEfL2\n", secret: "peQvPQlFzPwfPfVE5CrBJVRS819oEfL2" },
      { text: 'ovh_application_secret: "bu8Tn71XNYwSXCuIi2ZIlquAM7GNocZv"', secret: "bu8Tn71XNYwSXCuIi2ZIlquAM7GNocZv" },
    ],
    noMatch: [
      { text: "OVH_APPLICATION_SECRET=iRASjydBVsS9wXgmFQq3OHMU0jB3IpJ", why: "one character short" },
      { text: "OVH_APPLICATION_SECRET=<application_secret>", why: "placeholder" },
      { text: "[ovh-eu]\napplication_secret=${OVH_APPLICATION_SECRET}\n", why: "reference" },
      { text: "[github]\napplication_secret=jTKqG7bs7y4sKukwXdzVnoJv06dwW8Go\n", why: "not an OVH section" },
      { text: "OVH_APPLICATION_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
    ],
  },
};

/** OVHcloud API consumer keys (32 letters and digits): the token a user validated for an application. */
export const ovhConsumerKey: SecretRule = {
  id: "ovh-consumer-key",
  kind: "ovh-consumer-key",
  title: "OVHcloud API consumer key",
  severity: "high",
  confidence: "medium",
  keywords: KEYWORDS,
  reach: REACH,
  pattern: assigned(String.raw`consumer_key`, String.raw`[A-Za-z0-9]{32}`, String.raw`A-Za-z0-9`),
  priority: 10,
  check: accept({ shape: /^[A-Za-z0-9]{32}$/, entropy: 3.5 }),
  remediation: "Revoke the consumer key (DELETE /me/api/credential/{id}, or delete the application) and request a new one with only the rights needed.",
  docs: DOCS,
  examples: {
    match: [
      { text: "OVH_CONSUMER_KEY=ZInskATReIMk5xiaocl3K1eYM1HqP8jd", secret: "ZInskATReIMk5xiaocl3K1eYM1HqP8jd" },
      { text: "[ovh-eu]\napplication_key=ZHqYVbrejeuMJ96Q\napplication_secret=5JqbW9blGdfBsWj1MjLJNZduqBCrEtvW\nconsumer_key=p6yzdUs8cjkcem5wCcO68QD009hQ9trj\n", secret: "p6yzdUs8cjkcem5wCcO68QD009hQ9trj" },
      { text: "export OVH_CONSUMER_KEY='hxAYKmku4dIg6oYIUccWieUqpjknpm68'", secret: "hxAYKmku4dIg6oYIUccWieUqpjknpm68" },
      { text: "[ovh-us]\nconsumer_key = peQvPQlFzPwfPfVE5CrBJVRS819oEfL2\n", secret: "peQvPQlFzPwfPfVE5CrBJVRS819oEfL2" },
      { text: 'ovh_consumer_key: "bu8Tn71XNYwSXCuIi2ZIlquAM7GNocZv"', secret: "bu8Tn71XNYwSXCuIi2ZIlquAM7GNocZv" },
    ],
    noMatch: [
      { text: "OVH_CONSUMER_KEY=LIi1hdrFNiDbnjzc6cxb1QzXo4Av6TYm1", why: "one character long" },
      { text: "OVH_CONSUMER_KEY=<consumer_key>", why: "placeholder" },
      { text: "[twitter]\nconsumer_key=jTKqG7bs7y4sKukwXdzVnoJv06dwW8Go\n", why: "not an OVH section" },
      { text: "OVH_CONSUMER_KEY=${OVH_CONSUMER_KEY}", why: "reference" },
      { text: "OVH_CONSUMER_KEY=00000000000000000000000000000000", why: "zero placeholder" },
    ],
  },
};
