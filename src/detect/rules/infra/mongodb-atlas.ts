import type { SecretRule } from "../../types.js";
import { accept, assigned } from "../cloud/shared.js";

const DOCS = "https://www.mongodb.com/docs/atlas/configure-api-access/";

/**
 * MongoDB Atlas programmatic API private keys (a UUID) next to Atlas names, or as
 * `private_key` in a `mongodbatlas` provider block a few lines below its keyword.
 */
export const mongodbAtlasPrivateKey: SecretRule = {
  id: "mongodb-atlas-private-api-key",
  kind: "mongodb-atlas-private-api-key",
  title: "MongoDB Atlas API private key",
  severity: "critical",
  confidence: "medium",
  keywords: ["mongodb_atlas", "mongodbatlas", "mongodb-atlas", "atlas_private", "mcli_private"],
  reach: 400,
  pattern: assigned(
    String.raw`(?:mongodb_?atlas|mongodb-atlas|atlas|mcli)[A-Za-z0-9_.-]{0,20}?private_?(?:api_?)?key|private_key`,
    String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`,
    String.raw`A-Za-z0-9-`,
  ),
  priority: 10,
  check: accept({ shape: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/ }),
  remediation: "Delete the API key in Atlas (Organization → Access Manager → API Keys), create a new one with an IP access list, or move to a service account.",
  docs: DOCS,
  examples: {
    match: [
      { text: "MONGODB_ATLAS_PRIVATE_KEY=30d6b7b4-7603-4e63-b015-714768a1858a", secret: "30d6b7b4-7603-4e63-b015-714768a1858a" },
      { text: "MCLI_PRIVATE_API_KEY=b8de9d5d-aea2-40f0-ab58-baa2f6ee7434", secret: "b8de9d5d-aea2-40f0-ab58-baa2f6ee7434" },
      { text: 'provider "mongodbatlas" {\n  public_key  = "1fc6dc2n"\n  private_key = "8a26af45-4f8c-4999-8ba6-d2d6ac91c6a6"\n}', secret: "8a26af45-4f8c-4999-8ba6-d2d6ac91c6a6" },
      { text: "atlas_private_key: 'bab62f6f-10c9-4600-91fa-850c98cb6461'", secret: "bab62f6f-10c9-4600-91fa-850c98cb6461" },
      { text: "export MONGODB_ATLAS_PRIVATE_API_KEY=2eadf705-d91f-4623-b138-a5df0a852439", secret: "2eadf705-d91f-4623-b138-a5df0a852439" },
    ],
    noMatch: [
      { text: "MONGODB_ATLAS_PUBLIC_KEY=54pe6cs1", why: "the public half" },
      { text: "MONGODB_ATLAS_PROJECT_ID=471a9f730e40180fcd191b8f", why: "a project ID" },
      { text: "MONGODB_ATLAS_PRIVATE_KEY=${ATLAS_PRIVATE_KEY}", why: "reference" },
      { text: "MONGODB_ATLAS_PRIVATE_KEY=00000000-0000-0000-0000-000000000000", why: "zero placeholder" },
      { text: "private_key = \"f4d66008-27cc-40c8-b6f7-b5d70060da86\"", why: "no Atlas name nearby" },
    ],
  },
};

/** MongoDB Atlas service account client secrets: `mdb_sa_sk_`. */
export const mongodbAtlasServiceAccountSecret: SecretRule = {
  id: "mongodb-atlas-service-account-secret",
  kind: "mongodb-atlas-service-account-secret",
  title: "MongoDB Atlas service account secret",
  severity: "critical",
  confidence: "high",
  keywords: ["mdb_sa_sk_"],
  pattern: /(?<![A-Za-z0-9_])(?<secret>mdb_sa_sk_[A-Za-z0-9_-]{30,64})(?![A-Za-z0-9_-])/,
  priority: 10,
  check: accept({ body: (s) => s.slice(10), entropy: 3.5 }),
  remediation: "Revoke the secret in Atlas (Organization → Access Manager → Applications → Service Accounts → the account → Revoke) and generate a new one.",
  docs: DOCS,
  examples: {
    match: [
      { text: "MONGODB_ATLAS_CLIENT_SECRET=mdb_sa_sk_YqjtuB9VzOnLHsMGjRDziIG04OBblKvK7g4DnOb4", secret: "mdb_sa_sk_YqjtuB9VzOnLHsMGjRDziIG04OBblKvK7g4DnOb4" },
      { text: "ATLAS_CLIENT_SECRET: 'mdb_sa_sk_emii0SczzArB7WVJwsNhUDpxIs539tud5EuZBuYz'", secret: "mdb_sa_sk_emii0SczzArB7WVJwsNhUDpxIs539tud5EuZBuYz" },
      { text: "client_secret = \"mdb_sa_sk_WzBXFSZSmA3a0Mdc5J0cfMXh5MxogRpstoZjLVJC\"", secret: "mdb_sa_sk_WzBXFSZSmA3a0Mdc5J0cfMXh5MxogRpstoZjLVJC" },
      { text: "atlas api serviceAccounts --client-secret mdb_sa_sk_TrGhpRwJYEBostVml1P1zOI2jYAgkE7MZmUiprSa", secret: "mdb_sa_sk_TrGhpRwJYEBostVml1P1zOI2jYAgkE7MZmUiprSa" },
      { text: '{"clientSecret":"mdb_sa_sk_y4BfwhlqwGxM4bKwWQkNZgav3qFsCHGacGXtEzqM"}', secret: "mdb_sa_sk_y4BfwhlqwGxM4bKwWQkNZgav3qFsCHGacGXtEzqM" },
    ],
    noMatch: [
      { text: "MONGODB_ATLAS_CLIENT_ID=mdb_sa_id_1bf31ed77050ec584de74ea1", why: "the client ID" },
      { text: "MONGODB_ATLAS_CLIENT_SECRET=mdb_sa_sk_…", why: "elided" },
      { text: "MONGODB_ATLAS_CLIENT_SECRET=mdb_sa_sk_wCOOPtLJB7P7f6HPz47v", why: "too short" },
      { text: "MONGODB_ATLAS_CLIENT_SECRET=mdb_sa_sk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", why: "mask" },
      { text: "xmdb_sa_sk_J6kgS5lNPEeXtwRWG3nrKXZTPZSu3TDcSL4cESXE", why: "inside a longer word" },
    ],
  },
};
