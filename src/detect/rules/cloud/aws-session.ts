import type { RuleHit, SecretRule } from "../../types.js";
import { plausible } from "./shared.js";

/**
 * How STS session tokens begin: base64 of a small binary header naming the issuer
 * (`\x17\n\x06er/aws`, `!\n\torigin_ec`, and two older forms).
 */
const STS_PREFIXES = ["FwoGZXIvYXdzE", "IQoJb3JpZ2luX2Vj", "FQoGZXIvYXdzE", "AQoDYXdzE"];

function checkSessionToken(hit: RuleHit, groups: Record<string, string | undefined>): RuleHit | undefined {
  const token = decodeURIComponent(hit.secret);
  const prefixed = STS_PREFIXES.some((p) => token.startsWith(p));
  if (prefixed) return plausible(token.slice(16), 4) ? hit : undefined;
  // Without the STS header only an AWS-named variable holding a long random value counts.
  if (!groups.name || !/aws|amz/i.test(groups.name) || token.length < 150) return undefined;
  return plausible(token, 4.5) ? { ...hit, confidence: "medium" } : undefined;
}

/** AWS temporary credentials: the session token that goes with an `ASIA…` key (STS, SSO, instance roles). */
export const awsSessionToken: SecretRule = {
  id: "aws-session-token",
  kind: "aws-session-token",
  title: "AWS session token",
  severity: "high",
  confidence: "high",
  keywords: ["session_token", "sessiontoken", "session-token", "security-token", "security_token", ...STS_PREFIXES],
  pattern:
    /(?:(?<![A-Za-z0-9_])(?<name>[A-Za-z0-9_.-]{0,40}?(?:session_?token|session-token|security-token|security_?token))\\?["']?(?:[ \t]*(?:=>|:=|=|:)[ \t]*|[ \t]+)\\?["']?)?(?<![A-Za-z0-9/+%])(?<secret>(?:[A-Za-z0-9/+]|%2[BF]|%3D){100,4096}(?:={1,2}|(?:%3D){1,2})?)(?![A-Za-z0-9/+=%])/i,
  priority: 10,
  check: checkSessionToken,
  remediation:
    "Revoke the role's active sessions (IAM → role → Revoke active sessions, which denies tokens issued before now) and find out where temporary credentials were written into the build.",
  docs: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html",
  examples: {
    match: [
      { text: "[default]\naws_access_key_id = ASIAY34FZKBOKMUTVV7A\naws_session_token = IQoJb3JpZ2luX2Vj08VYinc+F8vejkVjtJk/+JCgx02bg57TaCtnu37c/BOr1wghL33bOwxKrTmXVk/x63ttt9osUojtYcaBc5EEhj7rnvv1PWKYb4VJ6Kw/Gj7Pxt6Kd4WXffVZ1N+9Oz1Ly5tdeccbD3GNcFlFyWGIiWZjobxjaXYS27gfZOoSE3OWReNNk6OYTvTjAxjqkcmSw6vGmH8Cit1P54jpQHykmbi2E5T5n+OqNYf1w+xY2ush4jdj6zkaUQWJx97M2/9hrZs4nkBfLJ7nMe2UFEON23SS3k6daPRiCtD9VQPaMOdl8/TzOkwJLmPxmhUmYbOb9OtnmkL1Kdwtt2OIud/2uGieXTQFycHM3XI7A2R78OVZhsqXBxkvnnRkihcAawziX1miEeIv0/jiquPvT2s/1pZ/jA5mz5dJC4xClcVF0+Cn52thSEeXfQHzCweH7HHfQe0PiwDUdEgaGdR7iiOQG1rPpDM+10dIB1qYBRwlTgd1O0LueiakAHXe0zYKCf9CfEK/ueec9/42vrhIxu/PkJ+Z8J4Fq2isOamW20fQHZU0Du+c5W0+VN2ha4av4FiBjgwpFNazrsKBWjEN9ZH538xKj2nYSSom/lCzP2xtRNKl\n", secret: "IQoJb3JpZ2luX2Vj08VYinc+F8vejkVjtJk/+JCgx02bg57TaCtnu37c/BOr1wghL33bOwxKrTmXVk/x63ttt9osUojtYcaBc5EEhj7rnvv1PWKYb4VJ6Kw/Gj7Pxt6Kd4WXffVZ1N+9Oz1Ly5tdeccbD3GNcFlFyWGIiWZjobxjaXYS27gfZOoSE3OWReNNk6OYTvTjAxjqkcmSw6vGmH8Cit1P54jpQHykmbi2E5T5n+OqNYf1w+xY2ush4jdj6zkaUQWJx97M2/9hrZs4nkBfLJ7nMe2UFEON23SS3k6daPRiCtD9VQPaMOdl8/TzOkwJLmPxmhUmYbOb9OtnmkL1Kdwtt2OIud/2uGieXTQFycHM3XI7A2R78OVZhsqXBxkvnnRkihcAawziX1miEeIv0/jiquPvT2s/1pZ/jA5mz5dJC4xClcVF0+Cn52thSEeXfQHzCweH7HHfQe0PiwDUdEgaGdR7iiOQG1rPpDM+10dIB1qYBRwlTgd1O0LueiakAHXe0zYKCf9CfEK/ueec9/42vrhIxu/PkJ+Z8J4Fq2isOamW20fQHZU0Du+c5W0+VN2ha4av4FiBjgwpFNazrsKBWjEN9ZH538xKj2nYSSom/lCzP2xtRNKl" },
      { text: 'export AWS_SESSION_TOKEN="FwoGZXIvYXdzE4+1ew7noGtca48GiEQWx3/aAGiFMV6QrYFPfh2oRR/ec4AXUqwbi/45L0mChJGsEAhEt7Bx9/sUNnQMbF0BQ283nMjfYl5CvgDlcHXLzOn2I51QTA0TncbnN+ilcNtHz8bjPFSQGfHHYTz4UlrQnHwkrdPXLbaDWDZ/wtvwU6MqMO+despe2HcOrD+ReZCIlpZuYNC+biF2EJgy+N013mpUHM1VENQRxjWnKg1FnL4BydYn8TcIu3v6h2SZi6F2X4Sd1KxlVVHrHRNiZ6sj6/t5ijc3T5FChFZKK8XHA/S5scWVPCkB9X6rfL8793VObcyd/qnwN8y"', secret: "FwoGZXIvYXdzE4+1ew7noGtca48GiEQWx3/aAGiFMV6QrYFPfh2oRR/ec4AXUqwbi/45L0mChJGsEAhEt7Bx9/sUNnQMbF0BQ283nMjfYl5CvgDlcHXLzOn2I51QTA0TncbnN+ilcNtHz8bjPFSQGfHHYTz4UlrQnHwkrdPXLbaDWDZ/wtvwU6MqMO+despe2HcOrD+ReZCIlpZuYNC+biF2EJgy+N013mpUHM1VENQRxjWnKg1FnL4BydYn8TcIu3v6h2SZi6F2X4Sd1KxlVVHrHRNiZ6sj6/t5ijc3T5FChFZKK8XHA/S5scWVPCkB9X6rfL8793VObcyd/qnwN8y" },
      { text: '    "SessionToken": "IQoJb3JpZ2luX2VjbhC0Hya1a0DWYPPitVlTUHfDaohTm3nMwDVVw3nxbHYoRVX7oNKMdCcWtnuB8o0jS9QshF4DjVn0kpage/3nyDgbMXX+NSkLiEjdtNEWFOyTF4p01+Jgjaz3fSddgXaU5+Ix5YJqmF++aEwNqn3wsYzi+imkfzhLNePMXWs6f6NN009UbBfjlxOV7I4566bWHEeRMiLef1++TzQAsqbayj9PGbK4Evjxj8ADxWZXIPWeNRGpu//qq3tXeUg/rT2Sx9ThRxZb9dV1YtBPuHniz3YOHdQvHuQcmAPjF0GQhSsQ2QqEAjw1Dp9KuZiG2TsHaEbw7BKGqQHfcedBeZrKrUdhOXcYpeBG/pTF3BmTPEHdWkxuXaQkVdHq9VJh39ky7jiX1bpAJLNhnkmot+bZNKhic2ie3ee2b5pbSVC3xa0GJGIYviXy8wm9IMBI9Wqw8DRQxGHb4TEaMKCPVqmTn124/v7+zq0s47sOEoJeyWC141sTyDqfsgb3PgObkY1f9N7LJMPDKwjaYeRP5ta1zzsGLXiWHAnLrD24UkXc7WZV2/FvRMHPEKaUzZT3N24Q+IDL2HNVfOFep5mzqzntNuc5ooXqNhZJlbbCrQlMDChkLJYercvIaZYNYJb+HxNPb3h3IljXrc9ImiNS/mcddDQ+YZ+MPUKo6IQeV3+iLUeVch7rrdHyaijB3Zsx",', secret: "IQoJb3JpZ2luX2VjbhC0Hya1a0DWYPPitVlTUHfDaohTm3nMwDVVw3nxbHYoRVX7oNKMdCcWtnuB8o0jS9QshF4DjVn0kpage/3nyDgbMXX+NSkLiEjdtNEWFOyTF4p01+Jgjaz3fSddgXaU5+Ix5YJqmF++aEwNqn3wsYzi+imkfzhLNePMXWs6f6NN009UbBfjlxOV7I4566bWHEeRMiLef1++TzQAsqbayj9PGbK4Evjxj8ADxWZXIPWeNRGpu//qq3tXeUg/rT2Sx9ThRxZb9dV1YtBPuHniz3YOHdQvHuQcmAPjF0GQhSsQ2QqEAjw1Dp9KuZiG2TsHaEbw7BKGqQHfcedBeZrKrUdhOXcYpeBG/pTF3BmTPEHdWkxuXaQkVdHq9VJh39ky7jiX1bpAJLNhnkmot+bZNKhic2ie3ee2b5pbSVC3xa0GJGIYviXy8wm9IMBI9Wqw8DRQxGHb4TEaMKCPVqmTn124/v7+zq0s47sOEoJeyWC141sTyDqfsgb3PgObkY1f9N7LJMPDKwjaYeRP5ta1zzsGLXiWHAnLrD24UkXc7WZV2/FvRMHPEKaUzZT3N24Q+IDL2HNVfOFep5mzqzntNuc5ooXqNhZJlbbCrQlMDChkLJYercvIaZYNYJb+HxNPb3h3IljXrc9ImiNS/mcddDQ+YZ+MPUKo6IQeV3+iLUeVch7rrdHyaijB3Zsx" },
      {
        text: "curl 'https://shop.s3.amazonaws.com/a.tgz?X-Amz-Credential=ASIAY34FZKBOKMUTVV7A%2F20260301%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=IQoJb3JpZ2luX2VjiC1euHFTtVZVAjQsEO1oKljhLdy7nVFcsGmkEdAzJP2mGmRqYJfQRYPRT0GHot1UJtGglAOt8wIYORI82MpuVM0fx9kSiCAOG5FJeOL5MsPYmRUTng6SXpZv5XkH6pLHFVgaUbGuaHkp%2FpK1QpGS9RSqId08hm9hyz1SudTMGf1sbi2MiHgBHOeHEP0TctQtOeISis49b6Z4DTmrP8h35OaSXVRyXHefLC4rUz0ToSpdBwgivMwGVmmxXwcSO8El5i97PhYNOqS2xtORmT8xZ5C2aEE1y2vzVA7dzaYtSRJiOVxxXoVRVRm1v5KVW0HnHbyFPcm6jxi7675EH2Gh15HVYKONw4IaGnp4eexRJ0vTSM9AeseITNutq9fa7fBI2zv6OFttcgCQfwAUB%3D&X-Amz-Signature=30db2b9363f38fe5f9c67f04e97ff2c27aab2aec4b03abc8a2bfc4e5e66be865'",
        secret: "IQoJb3JpZ2luX2VjiC1euHFTtVZVAjQsEO1oKljhLdy7nVFcsGmkEdAzJP2mGmRqYJfQRYPRT0GHot1UJtGglAOt8wIYORI82MpuVM0fx9kSiCAOG5FJeOL5MsPYmRUTng6SXpZv5XkH6pLHFVgaUbGuaHkp%2FpK1QpGS9RSqId08hm9hyz1SudTMGf1sbi2MiHgBHOeHEP0TctQtOeISis49b6Z4DTmrP8h35OaSXVRyXHefLC4rUz0ToSpdBwgivMwGVmmxXwcSO8El5i97PhYNOqS2xtORmT8xZ5C2aEE1y2vzVA7dzaYtSRJiOVxxXoVRVRm1v5KVW0HnHbyFPcm6jxi7675EH2Gh15HVYKONw4IaGnp4eexRJ0vTSM9AeseITNutq9fa7fBI2zv6OFttcgCQfwAUB%3D",
      },
      { text: "ENV AWS_SESSION_TOKEN=nB6GVY7cCjx9ahMgNo+5cx6lRDeksZCqsccI2byMUObG1gqdKfm7KfNEkoxEK1qjzWIvv/6681WTv3pMRlIv1q7Pv/L7x/C3qZUhL65fCVRkocadVy9/Yok1LMlzNzk/pEDvyxrQaidXWhbsBpWktXgF+ezudSJB+QNx4w98DmH/E1L3JB7gXc66riFqBJlJfio0aRFIRuq7MlDPkBBZRegK3Z2jZxzYqoIuPj2vkEf7epXLtqULzSdapeWi8ez6gtX0wfiSE9Mlz4Nq5sTz5LkIcmYbDDM0NdAAk5+iA3YKlvUTsE0OJhVFM9RHKyYwKl4k8uj0Kqem4xbCi0MjpsMmH/KsQ6PN/NviMYp02oYKz6gmEy47JfsWurbNQYLy+MpKSgIdYXybBi4tKsYzn52amR+IgZ/jyrby", secret: "nB6GVY7cCjx9ahMgNo+5cx6lRDeksZCqsccI2byMUObG1gqdKfm7KfNEkoxEK1qjzWIvv/6681WTv3pMRlIv1q7Pv/L7x/C3qZUhL65fCVRkocadVy9/Yok1LMlzNzk/pEDvyxrQaidXWhbsBpWktXgF+ezudSJB+QNx4w98DmH/E1L3JB7gXc66riFqBJlJfio0aRFIRuq7MlDPkBBZRegK3Z2jZxzYqoIuPj2vkEf7epXLtqULzSdapeWi8ez6gtX0wfiSE9Mlz4Nq5sTz5LkIcmYbDDM0NdAAk5+iA3YKlvUTsE0OJhVFM9RHKyYwKl4k8uj0Kqem4xbCi0MjpsMmH/KsQ6PN/NviMYp02oYKz6gmEy47JfsWurbNQYLy+MpKSgIdYXybBi4tKsYzn52amR+IgZ/jyrby" },
    ],
    noMatch: [
      { text: "aws_session_token = FwoGZXIvYXdzEYby5TPu+YCZiqv+ozCxoR3GPD2X0p6r16tNNdzIdNF0N5zwcFWq/6BRrXEXP", why: "far too short for a session token" },
      { text: '"SessionToken": "wRCVibux7qRdTomGcTMacU04Tsyc7FeeRYWgZf3JEyoEgJg9sdcltvzfqzMeREjxLZLRrgxCAJT/SdUB18cOcFEk0FUofHpdYlUsbXYyqyyf4nFj37h25RZMKpbwsr/Bf1IEiYArN9I8ZhqVPy8VmLiuq/6w5OZaNJXTu0A4443c0AwY0VpIWqb4naYBwhlExuXIwfdWx47P0wTQaB1VB3VN65PsjpxSJDNEucsmTQcuUIfI9WR1MgkwiQ5xN9dgdrzqFa5iYLft2vXo05ditD33E8qJsi8GA4RNqhlagbul"', why: "no STS header and no AWS name: some other service's session token" },
      { text: "aws_session_token = <your-session-token>", why: "placeholder" },
      { text: "AWS_SESSION_TOKEN=${AWS_SESSION_TOKEN}", why: "reference" },
      { text: `aws_session_token = FwoGZXIvYXdzE${"A".repeat(300)}`, why: "filler body" },
      { text: "blob=xFwoGZXIvYXdzEuoZ8ZUqS5hPw3Rm+B7OEu1CLRWn/i9yRuULpTJivzSB0PwE2MNtyB296KkcEPKGxRjampPxCREAGxe5793bukhWNobiYH4/2j0SONACt+TAlOORT4YXJJhLu4f07QS6VxJvkq3YdFcIaBH5AkGb8ww71G4L6zeuPluhxeMPJhAMsz+/ERzQakXRIaN8Ec13OpAc6KH4Te6XkVplRak9ptuq1EviNEDqJlwcfXCm86s8XBzWFqsq/UEyobvc7s+YdgcRcu9s5aLrMskZ+ZaDUerGbAQort3UUJhHQtiSwyiG54uXu2Doo4hHRhVZDqR0z77AUw3oVjq", why: "inside a longer base64 run" },
    ],
  },
};
