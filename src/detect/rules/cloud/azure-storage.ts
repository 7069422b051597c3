import type { RuleHit, SecretRule } from "../../types.js";
import { assigned, isBase64OfLength, plausible } from "./shared.js";

/** Keys Microsoft publishes for the local emulators (Azurite, Cosmos DB emulator): not secrets. */
const EMULATOR_KEYS = new Set([
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
  "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==",
]);
const COSMOS_CONTEXT = /documents\.azure\.com|AccountEndpoint=/i;

/** A 512-bit account key: 88 base64 characters. */
function isAccountKey(secret: string): boolean {
  return isBase64OfLength(secret, 64) && !EMULATOR_KEYS.has(secret) && plausible(secret, 4.5);
}

/** Azure Storage account keys: in connection strings (`AccountKey=`) or next to their usual names. */
export const azureStorageAccountKey: SecretRule = {
  id: "azure-storage-account-key",
  kind: "azure-storage-account-key",
  title: "Azure Storage account key",
  severity: "critical",
  confidence: "high",
  keywords: ["AccountKey", "azure_storage_key", "azure_storage_account_key", "storage_account_key", "storage_account_access_key", "account-key", "primary_access_key", "secondary_access_key"],
  pattern: assigned(
    String.raw`AccountKey|storage_?account_?(?:access_?)?key|storage-account-key|azure_?storage_?(?:account_?)?key|account-key|(?:primary|secondary)_access_key`,
    String.raw`[A-Za-z0-9+/]{86}==`,
    String.raw`A-Za-z0-9+/=`,
  ),
  priority: 10,
  check: (hit: RuleHit, _g, _c, line: string) => (isAccountKey(hit.secret) && !COSMOS_CONTEXT.test(line) && !/devstoreaccount1/.test(line) ? hit : undefined),
  remediation: "Rotate the key (Storage account → Security + networking → Access keys → Rotate key, or az storage account keys renew) after moving clients to the other key, and prefer Entra ID or SAS with short expiry.",
  docs: "https://learn.microsoft.com/en-us/azure/storage/common/storage-account-keys-manage",
  examples: {
    match: [
      { text: "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName=shopassets;AccountKey=pRNQA6XNlSanwDo6q1ewAPbe4FI0DRFw0HjEKFGIQgujEImHKFcHnkE5/wZjBIO9F/0fe2i2nmcsjSiXjPiv5Q==;EndpointSuffix=core.windows.net", secret: "pRNQA6XNlSanwDo6q1ewAPbe4FI0DRFw0HjEKFGIQgujEImHKFcHnkE5/wZjBIO9F/0fe2i2nmcsjSiXjPiv5Q==" },
      { text: "AZURE_STORAGE_KEY=EdDA0CI4v4fVuhjgBCinjg6BqJRlYqfLUgpjLs2eAMoumlakgTveBP1Au5+wNM/NrT8bRRgXSfoOauMDk19OeQ==", secret: "EdDA0CI4v4fVuhjgBCinjg6BqJRlYqfLUgpjLs2eAMoumlakgTveBP1Au5+wNM/NrT8bRRgXSfoOauMDk19OeQ==" },
      { text: "az storage blob upload --account-name shopassets --account-key dfGKbZAswAkmAujmol/HLY5sOkwhB0dFtyqpiri4zIDlzQ5IqkTP33m4ABq0T5O8+Hb0BPuAF5TrK7BIAXdgXA== -f x -c y", secret: "dfGKbZAswAkmAujmol/HLY5sOkwhB0dFtyqpiri4zIDlzQ5IqkTP33m4ABq0T5O8+Hb0BPuAF5TrK7BIAXdgXA==" },
      { text: '"primary_access_key": "FS/TL8Tn0xnbkCKB5rIiBOfReAk7uKAZL2YVlu2ENb9Hit57tMhdD6cn6feoZEL2AOBoxRbwuymOGbPPYbR92Q==",', secret: "FS/TL8Tn0xnbkCKB5rIiBOfReAk7uKAZL2YVlu2ENb9Hit57tMhdD6cn6feoZEL2AOBoxRbwuymOGbPPYbR92Q==" },
      { text: "azure:\n  storage_account_key: 'CD+LlokFJM0KfUWSOUMOZHLWx6ynC+Uq8ZewN48cufn3KxtRCrFzBFI7y5iU9MsRKyCXVifhFb4LJZKCbKuLyw=='\n", secret: "CD+LlokFJM0KfUWSOUMOZHLWx6ynC+Uq8ZewN48cufn3KxtRCrFzBFI7y5iU9MsRKyCXVifhFb4LJZKCbKuLyw==" },
    ],
    noMatch: [
      { text: "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;", why: "the storage emulator's published key" },
      { text: "AccountEndpoint=https://shop.documents.azure.com:443/;AccountKey=8VP+LUuIkW4CEpW0tSKex1Te5UTPgzYp00Jm7p4hlD6SmixhstzhtldA67E7JSrv5Bm82d+rL3TfaB6VON+phA==;", why: "a Cosmos DB key (its own rule)" },
      { text: "AZURE_STORAGE_KEY=gOUtDuaqEHdYvOk6rMezOB7u/iKrw1SAxlu/T7DYKqvJpyuZNeLIbQnjHey2h/FA", why: "wrong length" },
      { text: "AccountKey=<account-key>;", why: "placeholder" },
      { text: "AccountKey=${STORAGE_KEY};", why: "reference" },
    ],
  },
};

/** Azure Cosmos DB account keys: `AccountKey=` in a `documents.azure.com` connection string, or a Cosmos-named variable. */
export const azureCosmosDbKey: SecretRule = {
  id: "azure-cosmosdb-key",
  kind: "azure-cosmosdb-key",
  title: "Azure Cosmos DB account key",
  severity: "critical",
  confidence: "high",
  keywords: ["documents.azure.com", "AccountEndpoint", "cosmos_key", "cosmosdb", "cosmos_db", "cosmos_primary", "cosmos_master", "cosmos_account_key", "primary_master_key", "secondary_master_key"],
  pattern: assigned(
    String.raw`AccountKey|cosmos(?:_?db)?_?(?:primary_?|master_?|account_?|auth_?)?key|(?:primary|secondary)_master_key`,
    String.raw`[A-Za-z0-9+/]{86}==`,
    String.raw`A-Za-z0-9+/=`,
  ),
  priority: 10,
  check: (hit: RuleHit, _g, _c, line: string) => {
    if (!isAccountKey(hit.secret)) return undefined;
    return /^AccountKey$/i.test(hit.name ?? "") && !COSMOS_CONTEXT.test(line) ? undefined : hit;
  },
  remediation: "Regenerate the key (Cosmos DB account → Keys → Regenerate, or az cosmosdb keys regenerate) after switching clients to the other key, and prefer Entra ID role-based access.",
  docs: "https://learn.microsoft.com/en-us/azure/cosmos-db/secure-access-to-data",
  examples: {
    match: [
      { text: "COSMOS_CONNECTION=AccountEndpoint=https://shop.documents.azure.com:443/;AccountKey=pRNQA6XNlSanwDo6q1ewAPbe4FI0DRFw0HjEKFGIQgujEImHKFcHnkE5/wZjBIO9F/0fe2i2nmcsjSiXjPiv5Q==;", secret: "pRNQA6XNlSanwDo6q1ewAPbe4FI0DRFw0HjEKFGIQgujEImHKFcHnkE5/wZjBIO9F/0fe2i2nmcsjSiXjPiv5Q==" },
      { text: "COSMOS_KEY=EdDA0CI4v4fVuhjgBCinjg6BqJRlYqfLUgpjLs2eAMoumlakgTveBP1Au5+wNM/NrT8bRRgXSfoOauMDk19OeQ==", secret: "EdDA0CI4v4fVuhjgBCinjg6BqJRlYqfLUgpjLs2eAMoumlakgTveBP1Au5+wNM/NrT8bRRgXSfoOauMDk19OeQ==" },
      { text: '"CosmosDb": { "Endpoint": "https://shop.documents.azure.com:443/", "AccountKey": "dfGKbZAswAkmAujmol/HLY5sOkwhB0dFtyqpiri4zIDlzQ5IqkTP33m4ABq0T5O8+Hb0BPuAF5TrK7BIAXdgXA==" }', secret: "dfGKbZAswAkmAujmol/HLY5sOkwhB0dFtyqpiri4zIDlzQ5IqkTP33m4ABq0T5O8+Hb0BPuAF5TrK7BIAXdgXA==" },
      { text: '"primary_master_key": "FS/TL8Tn0xnbkCKB5rIiBOfReAk7uKAZL2YVlu2ENb9Hit57tMhdD6cn6feoZEL2AOBoxRbwuymOGbPPYbR92Q==",', secret: "FS/TL8Tn0xnbkCKB5rIiBOfReAk7uKAZL2YVlu2ENb9Hit57tMhdD6cn6feoZEL2AOBoxRbwuymOGbPPYbR92Q==" },
      { text: "cosmosdb_account_key: CD+LlokFJM0KfUWSOUMOZHLWx6ynC+Uq8ZewN48cufn3KxtRCrFzBFI7y5iU9MsRKyCXVifhFb4LJZKCbKuLyw==", secret: "CD+LlokFJM0KfUWSOUMOZHLWx6ynC+Uq8ZewN48cufn3KxtRCrFzBFI7y5iU9MsRKyCXVifhFb4LJZKCbKuLyw==" },
    ],
    noMatch: [
      { text: "AccountEndpoint=https://localhost:8081/;AccountKey=C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==", why: "the emulator's published key" },
      { text: "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=8VP+LUuIkW4CEpW0tSKex1Te5UTPgzYp00Jm7p4hlD6SmixhstzhtldA67E7JSrv5Bm82d+rL3TfaB6VON+phA==;", why: "a storage account key (its own rule)" },
      { text: "COSMOS_KEY=qUIJFwVdAChfGEvibQ1fYQ+j96wcw3xyvS4hCWmC5Ts=", why: "wrong length" },
      { text: "COSMOS_KEY=<primary-key>", why: "placeholder" },
      { text: "AccountEndpoint=https://x.documents.azure.com:443/;AccountKey=DeXqfuUDhB1optUtIZeOoSOfdgySFT0mk92ZkiL2/66oSA36Fbmcha1ABKXGX+4DmbImTjl2PbTPS01mMZH81ME=", why: "wrong padding" },
    ],
  },
};

/** The signature of a shared access signature: base64 of an HMAC-SHA256, URL-encoded. */
function checkSas(hit: RuleHit, _g: unknown, _c: unknown, line: string): RuleHit | undefined {
  let sig: string;
  try {
    sig = decodeURIComponent(hit.secret);
  } catch {
    return undefined;
  }
  if (!isBase64OfLength(sig, 32) || !plausible(sig, 4)) return undefined;
  // Storage SAS carries a signed version (sv=2019-02-02); Service Bus / Event Hubs SAS a key name (skn=).
  return /(?:^|[?&;=\s"'])sv=20\d\d-\d\d-\d\d/.test(line) || /(?:^|[?&\s"'])skn=/.test(line) ? hit : undefined;
}

/** Azure shared access signatures (Storage, Service Bus, Event Hubs, IoT Hub): the `sig=` of the token. */
export const azureSasToken: SecretRule = {
  id: "azure-sas-token",
  kind: "azure-sas-token",
  title: "Azure shared access signature (SAS) token",
  severity: "high",
  confidence: "high",
  keywords: ["sig="],
  pattern: /(?<![A-Za-z0-9_])(?<name>sig)=(?<secret>[A-Za-z0-9%+/]{40,100}={0,2})(?![A-Za-z0-9%+/=])/,
  priority: 10,
  check: checkSas,
  remediation: "A SAS cannot be revoked by itself: rotate the account key that signed it (or delete the stored access policy it names), and issue short-lived user-delegation SAS instead.",
  docs: "https://learn.microsoft.com/en-us/azure/storage/common/sas-expiration-policy",
  examples: {
    match: [
      { text: "https://shopassets.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2027-01-01T00:00:00Z&spr=https&sig=R%2FmUqWTD4n%2BGeFoSYBjfH5ECJLAiJf4Y5r5SeS6qkwM%3D", secret: "R%2FmUqWTD4n%2BGeFoSYBjfH5ECJLAiJf4Y5r5SeS6qkwM%3D" },
      { text: "BLOB_SAS='sp=r&st=2026-03-01T10:00:00Z&se=2026-09-01T18:00:00Z&spr=https&sv=2022-11-02&sr=b&sig=%2FI6BXgjwclM0yYxWEeQe%2BiCAsqr6V5AVM2xPICW%2B5BI%3D'", secret: "%2FI6BXgjwclM0yYxWEeQe%2BiCAsqr6V5AVM2xPICW%2B5BI%3D" },
      { text: "BlobEndpoint=https://x.blob.core.windows.net/;SharedAccessSignature=sv=2021-08-06&ss=bfqt&srt=sco&sp=rwdlacup&se=2030-01-01T00:00:00Z&sig=Yux5aajvmv7PdeV4fKLT1Xyd%2FX%2F0A9Ll7Nw4NSgo0Uo%3D", secret: "Yux5aajvmv7PdeV4fKLT1Xyd%2FX%2F0A9Ll7Nw4NSgo0Uo%3D" },
      { text: "Authorization: SharedAccessSignature sr=shop.servicebus.windows.net%2Forders&sig=yC%2FWNeTsSN0YeKDO%2FqQiJ64bXeTEAWLoFFd%2B82w4sp8%3D&se=1893456000&skn=RootManageSharedAccessKey", secret: "yC%2FWNeTsSN0YeKDO%2FqQiJ64bXeTEAWLoFFd%2B82w4sp8%3D" },
      { text: '"sasUrl": "https://x.file.core.windows.net/share?sv=2020-08-04&sig=XCZmToWH5Lg0hhEpzbJG4KTHJmG1Wb%2B9ZKFeR1MVHbM%3D&sp=r"', secret: "XCZmToWH5Lg0hhEpzbJG4KTHJmG1Wb%2B9ZKFeR1MVHbM%3D" },
    ],
    noMatch: [
      { text: "https://x.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=<signature>", why: "placeholder" },
      { text: "https://example.com/download?sig=LbTFQx6w8S%2FZTJR%2BGBwEZeNdg03pyZ4E3B2CDUw%2FIa8%3D&exp=1", why: "a signature with no SAS parameters around it" },
      { text: "https://x.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=qa9PN/6MuAwEo7p5FjHj", why: "too short for an HMAC-SHA256" },
      { text: "?sv=2022-11-02&sp=r&sig=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx%3D", why: "mask" },
      { text: "https://x.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=7fcb2f15f5f7be63e73f8eba9b3c7f70de821e6ba3a4442d92841a25a6a7b4ac", why: "hex, not the base64 of an HMAC" },
    ],
  },
};
