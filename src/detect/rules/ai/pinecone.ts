import type { SecretRule } from "../../types.js";
import { keepIf, looksRandom } from "../messaging/kit.js";

/** Pinecone API keys: `pcsk_` + a short public label + `_` + the unique key. */
export const pineconeApiKey: SecretRule = {
  id: "pinecone-api-key",
  kind: "pinecone-api-key",
  title: "Pinecone API key",
  severity: "high",
  confidence: "high",
  keywords: ["pcsk_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>pcsk_[A-Za-z0-9]{4,10}_[A-Za-z0-9]{40,80})(?![A-Za-z0-9_])/,
  priority: 10,
  check: (hit) => keepIf(looksRandom(hit.secret.slice(hit.secret.lastIndexOf("_") + 1), 3.5), hit),
  remediation: "Delete the key in the Pinecone console (the project → API keys) and create a new one.",
  docs: "https://docs.pinecone.io/guides/projects/manage-api-keys",
  examples: {
    match: [
      { text: "PINECONE_API_KEY=pcsk_5Sy2Fi_vGkY4n6gy3XQY4lherZwGAvBlugTuBpikHD4lLbqT94JpjIi9XoLy40SIsVClM2", secret: "pcsk_5Sy2Fi_vGkY4n6gy3XQY4lherZwGAvBlugTuBpikHD4lLbqT94JpjIi9XoLy40SIsVClM2" },
      { text: "pc = Pinecone(api_key='pcsk_5Sy2Fi_vGkY4n6gy3XQY4lherZwGAvBlugTuBpikHD4lLbqT94JpjIi9XoLy40SIsVClM2')", secret: "pcsk_5Sy2Fi_vGkY4n6gy3XQY4lherZwGAvBlugTuBpikHD4lLbqT94JpjIi9XoLy40SIsVClM2" },
      { text: "curl -H 'Api-Key: pcsk_vOkXA_p31yAV1unN2hsn6pukJgnr9pL75dV9vtaBrC1LkIg7eXCa4FIE6sLDs1n0r8vlw' https://api.pinecone.io/indexes", secret: "pcsk_vOkXA_p31yAV1unN2hsn6pukJgnr9pL75dV9vtaBrC1LkIg7eXCa4FIE6sLDs1n0r8vlw" },
      { text: '{"pinecone": "pcsk_vOkXA_p31yAV1unN2hsn6pukJgnr9pL75dV9vtaBrC1LkIg7eXCa4FIE6sLDs1n0r8vlw"}', secret: "pcsk_vOkXA_p31yAV1unN2hsn6pukJgnr9pL75dV9vtaBrC1LkIg7eXCa4FIE6sLDs1n0r8vlw" },
      { text: "  api_key: pcsk_pa5nWE_i7y5IQLexs1YjgfBL3zv0YMPafrCsJ4GqXURnpYLmRaS3x31ycOpL7S0Pup3Zxf", secret: "pcsk_pa5nWE_i7y5IQLexs1YjgfBL3zv0YMPafrCsJ4GqXURnpYLmRaS3x31ycOpL7S0Pup3Zxf" },
    ],
    noMatch: [
      { text: "PINECONE_API_KEY=pcsk_5Sy2Fi", why: "label only" },
      { text: "PINECONE_API_KEY=pcsk_5Sy2Fi_ylM1vTa6mWQtveBzEZ4g", why: "key part too short" },
      { text: "PINECONE_API_KEY=pcsk_xxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "PINECONE_API_KEY=pcsk_...", why: "elided" },
      { text: "PINECONE_API_KEY=YOUR_API_KEY", why: "placeholder" },
    ],
  },
};
